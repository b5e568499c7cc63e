package io.ikev2kit.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debian's own checks on the .deb: lintian, and dpkg-deb's view of its control fields and files. */
class DebLintIT {

    static Path deb() {
        Path deb = Run.built("ikev2kit.deb");
        if (!Files.isRegularFile(deb)) {
            Run.skipOrFail("the build made no .deb (Debian's dpkg-deb is missing), so " + deb + " cannot be checked");
        }
        return deb;
    }

    @Test
    void lintianFindsNoErrorAndNoWarning() {
        Path deb = deb();
        Run.require("lintian", "the .deb's policy conformance");
        Run lintian = Run.of("lintian", "--fail-on", "error,warning", deb.toString());
        assertEquals(0, lintian.exit(), lintian.out() + lintian.err());
        assertTrue(lintian.out().lines().noneMatch(l -> l.startsWith("E:") || l.startsWith("W:")), lintian.out());
    }

    @Test
    void dependsOnAHeadlessJava17RuntimeAndInstallsInDebiansPlaces() {
        Path deb = deb();
        Run.require("dpkg-deb", "the .deb's contents");
        String depends = Run.of("dpkg-deb", "--field", deb.toString(), "Depends").orFail().out().trim();
        assertEquals("default-jre-headless (>= 2:1.17) | java17-runtime-headless", depends);
        assertEquals("all", Run.of("dpkg-deb", "--field", deb.toString(), "Architecture").orFail().out().trim());
        List<String> files = Run.of("dpkg-deb", "--contents", deb.toString()).orFail().out().lines()
                .map(l -> l.substring(l.indexOf("./") + 1)).toList();
        assertTrue(files.containsAll(List.of("/usr/bin/ikev2kit", "/usr/share/ikev2kit/ikev2kit.jar",
                "/usr/share/man/man1/ikev2kit.1.gz", "/usr/share/man/man1/ikev2kit-device-add.1.gz",
                "/usr/share/bash-completion/completions/ikev2kit", "/usr/share/zsh/vendor-completions/_ikev2kit",
                "/usr/share/doc/ikev2kit/copyright", "/usr/share/doc/ikev2kit/changelog.gz")), files.toString());
        assertTrue(files.stream().allMatch(f -> f.startsWith("/usr/") || f.equals("/")), files.toString());
    }
}
