package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site another user cannot read is reported as not permitted, never as missing: root reads everything, so the
 * built jar runs as 'nobody' (setpriv), the way a user meets a site made by root.
 */
class UnreadableSiteIT {
    @TempDir
    Path tmp;

    @Test
    void aSiteThatMayNotBeReadIsReportedAsSuchNotAsMissing() throws Exception {
        Path builtJar = Path.of(System.getProperty("ikev2kit.jar", "target/ikev2kit.jar"));
        boolean possible = Files.exists(builtJar) && "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/setpriv"));
        Assumptions.assumeTrue(possible || "true".equals(System.getenv("CI")), "needs root, setpriv and the built jar");
        assertTrue(possible, "CI runs as root with the jar built");
        Path site = tmp.resolve("site");
        Path pass = Tool.secretFile(tmp, "unreadable passphrase");
        assertEquals(0, CliRun.of("init", "--dir", site.toString(), "--host", "vpn.example.com", "--ca-password-file",
                pass.toString()).exitCode());
        Path jar = Files.copy(builtJar, tmp.resolve("ikev2kit.jar"), StandardCopyOption.REPLACE_EXISTING);
        for (Path path : List.of(tmp, site)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(site.resolve("site.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(site.resolve("pki"), PosixFilePermissions.fromString("rwx------"));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Tool.Result run = Tool.run(null, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-jar", jar.toString(), "device", "list", "--dir", site.toString()));
        assertEquals(1, run.exitCode(), run.output());
        assertEquals(1, run.output().strip().lines().count(), run.output());
        assertTrue(run.output().contains("permission denied"), run.output());
        assertFalse(run.output().contains("missing"), run.output());
    }
}
