package io.ikev2kit.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build-dist.sh on a machine without Debian's packaging tools: the tarball is still made and the .deb is skipped
 * with a message, except under CI=true, where the missing tool fails the build.
 */
class BuildWithoutDebianToolsIT {

    private static final Set<String> DEBIAN_TOOLS = Set.of("dpkg-deb", "dpkg-gencontrol");

    @TempDir
    static Path work;
    private static Path bin;

    /** A PATH with every program of this machine but Debian's packaging tools. */
    @BeforeAll
    static void pathWithoutDebianTools() throws IOException {
        bin = Files.createDirectories(work.resolve("bin"));
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
            try (Stream<Path> programs = Files.list(Path.of(dir))) {
                for (Path program : programs.toList()) {
                    Path link = bin.resolve(program.getFileName().toString());
                    if (!DEBIAN_TOOLS.contains(program.getFileName().toString()) && !Files.exists(link)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            } catch (java.nio.file.NoSuchFileException absent) {
                // not every machine has every one of these folders
            }
        }
    }

    @Test
    void makesTheTarballAndSaysWhyThereIsNoDeb() throws IOException {
        Path out = work.resolve("plain");
        Run build = build(out, "false");
        assertEquals(0, build.exit(), build.out() + build.err());
        assertTrue(build.err().contains("skipping the .deb: dpkg-deb dpkg-gencontrol not found"), build.err());
        try (Stream<Path> made = Files.list(out)) {
            List<String> names = made.map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of("ikev2kit-" + System.getProperty("ikev2kit.version") + ".tar.gz"), names);
        }
    }

    @Test
    void failsUnderCi() {
        Run build = build(work.resolve("ci"), "true");
        assertEquals(1, build.exit(), build.out() + build.err());
        assertTrue(build.err().contains("CI=true requires the .deb"), build.err());
        assertFalse(Files.exists(work.resolve("ci/ikev2kit_" + System.getProperty("ikev2kit.version") + "_all.deb")));
    }

    private static Run build(Path out, String ci) {
        Path docs = Run.built("ikev2kit.docs");
        Path script = Run.built("ikev2kit.buildScript");
        Path jar = Run.built("ikev2kit.jar");
        // a copy of the docs, so this build's work folder (beside DOCS) is not the real build's
        Path copy = work.resolve("docs-" + ci);
        Run.of("cp", "-r", docs.toString(), copy.toString()).orFail();
        return Run.in(null, Map.of("PATH", bin.toString(), "CI", ci), List.of(bin.resolve("bash").toString(),
                script.toString(), System.getProperty("ikev2kit.version"), jar.toString(), copy.toString(),
                out.toString()));
    }
}
