package io.ikev2kit.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.Tool;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command run under umask 000, as a careless shell or service manager would: nothing it creates may be
 * writable by other users (they could rewrite site.conf, a bundle's install.sh or a profile before it is used),
 * and the site, exports and mails are the owner's alone.
 */
class UmaskTest {
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    @TempDir
    Path tmp;

    @Test
    void underUmask000EveryCreatedPathHasTheModeWeChose() throws Exception {
        Path secrets = Files.createDirectory(tmp.resolve("secrets"));
        String ca = "--ca-password-file=" + Tool.secretFile(secrets, "umask test passphrase");
        String p12 = "--p12-password-file=" + Tool.secretFile(secrets, "umask-test-p12");
        Path work = Files.createDirectory(tmp.resolve("work"));
        Path site = work.resolve("site");
        String dir = "--dir=" + site;
        run("init", dir, "--host", "vpn.example.com", ca);
        run("device", "add", "alice", "bob", dir, ca, p12, "--export", work.resolve("onboard").toString());
        run("device", "export", "--all", "--format", "all", "--out", work.resolve("exports/nested").toString(), dir);
        run("server", "--out", work.resolve("bundle").toString(), dir);
        run("mail", "alice", "--to", "alice@example.com", "--eml", work.resolve("outbox").toString(), dir);
        run("device", "revoke", "bob", dir, ca);
        run("crl", "--out", work.resolve("crl/site.crl").toString(), dir, ca);
        run("backup", "--out", work.resolve("backups/site.bak").toString(), dir, ca);
        run("restore", work.resolve("backups/site.bak").toString(), "--dir=" + work.resolve("restored"), ca);
        run("demo", work.resolve("demo").toString());

        List<String> wrong = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path path : walk.filter(p -> !p.equals(work)).toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                String expected = expectedMode(work.relativize(path).toString().replace('\\', '/'), Files.isDirectory(path));
                boolean othersWrite = Files.getPosixFilePermissions(path).stream().anyMatch(OTHERS_WRITE::contains);
                if (othersWrite || (expected != null && !expected.equals(mode))) {
                    wrong.add(work.relativize(path) + " is " + mode + (expected != null ? ", expected " + expected : ""));
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(site)));
        assertFalse(Files.getPosixFilePermissions(work.resolve("bundle/install.sh")).contains(PosixFilePermission.OTHERS_WRITE));
    }

    /** The mode a path must have, or null where only "not writable by others" is required. */
    private static String expectedMode(String path, boolean directory) {
        String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        boolean secret = path.endsWith(".key") || path.endsWith(".p12") || path.endsWith("site.conf")
                || path.endsWith("ipsec.secrets");
        return switch (top) {
            case "bundle" -> directory ? (path.endsWith("/private") ? "rwx------" : "rwxr-xr-x")
                    : secret ? "rw-------" : path.endsWith("install.sh") ? "rwxr-xr-x" : "rw-r--r--";
            case "site", "restored" -> directory ? "rwx------" : secret ? "rw-------" : null;
            case "onboard", "exports", "outbox", "backups" -> directory ? "rwx------" : "rw-------";
            case "demo", "crl" -> path.equals(top) ? "rwx------" : null;
            default -> null;
        };
    }

    private void run(String... args) throws Exception {
        Path log = tmp.resolve("cli.log");
        Process process = ChildCli.startWithUmask("000", log, args);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", args));
        assertEquals(0, process.exitValue(), String.join(" ", args) + "\n" + Files.readString(log));
    }
}
