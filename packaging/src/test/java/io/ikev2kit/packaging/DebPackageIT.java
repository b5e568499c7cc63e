package io.ikev2kit.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Installs the .deb with dpkg as an admin would, uses it as an unprivileged user from PATH, and purges it. It changes
 * the machine's installed packages, so it runs under CI=true (as root) or when IKEV2KIT_DEB_TEST=1 asks for it.
 */
class DebPackageIT {

    private static final String UNPRIVILEGED = "nobody";

    @Test
    void installsRunsForAnUnprivilegedUserAndPurgesWithoutATrace() throws IOException {
        if (!"true".equals(System.getenv("CI")) && !"1".equals(System.getenv("IKEV2KIT_DEB_TEST"))) {
            org.junit.jupiter.api.Assumptions.abort("installs a package on this machine: runs under CI=true "
                    + "(as root) or with IKEV2KIT_DEB_TEST=1");
        }
        Path deb = DebLintIT.deb();
        assertEquals("0", Run.of("id", "-u").orFail().out().trim(), "dpkg -i needs root");
        for (String program : List.of("dpkg", "runuser", "man")) {
            Run.require(program, "installing and using the .deb");
        }
        Run status = Run.of("dpkg-query", "-W", "-f=${db:Status-Status}", "ikev2kit");
        assertFalse(status.out().contains("installed") && !status.out().contains("not-installed"),
                "ikev2kit is already installed here; remove it first, the test purges it at the end");

        Set<String> usrBefore = filesUnderUsr();
        Run.of("dpkg", "-i", deb.toString()).orFail();
        List<String> owned;
        try {
            owned = Run.of("dpkg", "-L", "ikev2kit").orFail().out().lines()
                    .filter(l -> l.startsWith("/") && !l.equals("/.")).toList();
            assertTrue(owned.contains("/usr/bin/ikev2kit"), owned.toString());
            Path home = Files.createTempDirectory("ikev2kit-deb");
            try {
                Run.of("chown", UNPRIVILEGED, home.toString()).orFail();
                runsFromPathAsAnUnprivilegedUser(home);
                rendersTheInstalledManPage();
                bashCompletionFromDebiansPlaceOffersSubcommandsAndOptions();
            } finally {
                Run.of("rm", "-rf", home.toString());
            }
        } finally {
            Run.of("dpkg", "--purge", "ikev2kit").orFail();
        }
        leavesNothingBehind(owned, usrBefore);
    }

    private static void runsFromPathAsAnUnprivilegedUser(Path home) {
        Run demo = asUnprivileged(home, "HOME=/nonexistent", "command -v ikev2kit && ikev2kit demo").orFail();
        assertTrue(demo.out().startsWith("/usr/bin/ikev2kit\n"), demo.out());
        assertTrue(demo.out().contains("demo site built in"), demo.out());
        assertTrue(demo.out().contains("\nTry: ikev2kit device list --dir "), demo.out());
        Path profile = home.resolve("demo/clients/alice-phone/alice-phone.mobileconfig");
        assertTrue(Files.isRegularFile(profile), "demo wrote no " + profile);
        assertEquals(UNPRIVILEGED, owner(profile));
        // with a cache folder, the start-up archive is made there, by and for that user
        Run list = asUnprivileged(home, "HOME=" + home + " XDG_CACHE_HOME=" + home.resolve("cache"),
                "ikev2kit device list --dir demo/site").orFail();
        assertTrue(list.out().contains("alice-phone"), list.out());
        Path cache = home.resolve("cache/ikev2kit");
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> archives = files.filter(p -> p.toString().endsWith(".jsa")).toList();
            assertEquals(1, archives.size(), "one start-up archive in " + cache);
            assertEquals(UNPRIVILEGED, owner(archives.get(0)));
        } catch (IOException e) {
            Assertions.fail("no start-up archive folder " + cache + ": " + e);
        }
    }

    private static Run asUnprivileged(Path dir, String env, String script) {
        return Run.in(dir, Map.of(), List.of("runuser", "-u", UNPRIVILEGED, "--", "sh", "-c",
                "exec env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 " + env + " sh -c '" + script + "'"));
    }

    private static void rendersTheInstalledManPage() {
        assertEquals("/usr/share/man/man1/ikev2kit.1.gz", Run.of("man", "-w", "ikev2kit").orFail().out().trim());
        Run man = Run.in(null, Map.of("MANWIDTH", "80"),
                List.of("man", "--warnings", "-l", "/usr/share/man/man1/ikev2kit.1.gz")).orFail();
        assertEquals("", man.err());
        assertTrue(man.out().contains("NAME") && man.out().contains("ikev2kit - "), man.out());
        Run add = Run.in(null, Map.of("MANWIDTH", "80"), List.of("man", "ikev2kit-device-add")).orFail();
        assertTrue(add.out().contains("--legacy-p12"), add.out());
    }

    private static void bashCompletionFromDebiansPlaceOffersSubcommandsAndOptions() {
        List<String> setup = List.of("source /usr/share/bash-completion/bash_completion", "_completion_loader ikev2kit");
        assertTrue(Completion.offered(setup, "ikev2kit", "").containsAll(
                List.of("init", "device", "server", "crl", "doctor", "inspect", "mail", "demo")));
        assertTrue(Completion.offered(setup, "ikev2kit", "device", "export", "--").containsAll(
                List.of("--all", "--format", "--out", "--embed-password")));
    }

    /** Every file dpkg listed is gone, and /usr holds no file it did not hold before, but for other packages'. */
    private static void leavesNothingBehind(List<String> owned, Set<String> usrBefore) {
        List<String> left = new ArrayList<>();
        for (String path : owned) {
            Path p = Path.of(path);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !(Files.isDirectory(p) && usrBefore.stream()
                    .anyMatch(f -> f.startsWith(path + "/")))) {
                left.add(path);
            }
        }
        assertEquals(List.of(), left, "dpkg --purge left these behind");
        Set<String> added = new TreeSet<>(filesUnderUsr());
        added.removeAll(usrBefore);
        if (!added.isEmpty()) {
            // another package installed meanwhile owns its files; only unowned ones are ours
            List<String> command = new ArrayList<>(List.of("dpkg", "-S"));
            command.addAll(added);
            Set<String> ownedByOthers = Run.in(null, Map.of(), command).out().lines()
                    .map(l -> l.substring(l.indexOf(": ") + 2)).collect(Collectors.toSet());
            added.removeAll(ownedByOthers);
        }
        assertEquals(Set.of(), added, "files left in /usr after the purge");
    }

    private static Set<String> filesUnderUsr() {
        return Run.of("find", "/usr", "-xdev", "(", "-type", "f", "-o", "-type", "l", ")", "-print").orFail()
                .out().lines().collect(Collectors.toSet());
    }

    private static String owner(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
