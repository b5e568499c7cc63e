package io.ikev2kit.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.cli.CommandDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball under dist/, unpacked as a user would: layout, launcher, man pages and completion. */
class DistTarballIT {

    private static final String VERSION = System.getProperty("ikev2kit.version", "unset");

    @TempDir
    static Path work;
    private static Path tree;

    @BeforeAll
    static void unpack() {
        Path tarball = Run.built("ikev2kit.tarball");
        assertTrue(Files.isRegularFile(tarball), tarball + " was not built");
        Run.of("tar", "-xzf", tarball.toString(), "-C", work.toString()).orFail();
        tree = work.resolve("ikev2kit-" + VERSION);
    }

    @Test
    void holdsTheLauncherTheJarAndTheSharedFilesInAPrefixLayout() throws IOException {
        assertTrue(Files.isExecutable(tree.resolve("bin/ikev2kit")));
        for (String file : List.of("lib/ikev2kit.jar", "share/bash-completion/completions/ikev2kit",
                "share/zsh/site-functions/_ikev2kit", "share/doc/ikev2kit/copyright", "share/doc/ikev2kit/README.md")) {
            assertTrue(Files.isRegularFile(tree.resolve(file)), file);
        }
        try (Stream<Path> top = Files.list(tree)) {
            assertEquals(Set.of("bin", "lib", "share"), top.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void hasOneManPagePerCommandOfTheModel() throws IOException {
        Set<String> expected = CommandDocs.commandNames().stream().map(name -> name.replace(' ', '-') + ".1")
                .collect(Collectors.toSet());
        assertTrue(expected.contains("ikev2kit-device-add.1"), expected.toString());
        try (Stream<Path> pages = Files.list(tree.resolve("share/man/man1"))) {
            assertEquals(expected, pages.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void manPagesRenderWithoutAWarning() throws IOException {
        Run.require("man", "the man pages' rendering");
        try (Stream<Path> pages = Files.list(tree.resolve("share/man/man1"))) {
            for (Path page : pages.toList()) {
                Run man = Run.in(null, Map.of("MANWIDTH", "80"), List.of("man", "--warnings", "-l", page.toString()))
                        .orFail();
                assertEquals("", man.err(), page + " renders with warnings");
                String name = page.getFileName().toString().replaceAll("\\.1$", "").replace('-', ' ');
                assertTrue(man.out().contains("NAME") && man.out().contains("SYNOPSIS"), man.out());
                assertTrue(man.out().replace('-', ' ').contains(name), page + " does not name " + name);
            }
        }
    }

    @Test
    void launcherRunsThroughASymlinkAndKeepsItsStartUpArchiveInTheUserCache() throws IOException {
        Path bin = Files.createDirectories(work.resolve("home/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("ikev2kit"), tree.resolve("bin/ikev2kit"));
        Path cache = work.resolve("home/cache");
        Run version = Run.in(work, Map.of("XDG_CACHE_HOME", cache.toString()), List.of(link.toString(), "--version"))
                .orFail();
        assertEquals("ikev2kit " + VERSION, version.out().trim());
        try (Stream<Path> archives = Files.list(cache.resolve("ikev2kit"))) {
            assertEquals(1, archives.filter(p -> p.toString().endsWith(".jsa")).count(), "one start-up archive");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("ikev2kit"))));
        // a second start uses the archive and says nothing about it
        Run again = Run.in(work, Map.of("XDG_CACHE_HOME", cache.toString()), List.of(link.toString(), "--version"))
                .orFail();
        assertEquals("", again.err());
    }

    @Test
    void demoHintsShowTheCommandAsTyped() {
        // run by a path, the hints repeat that path; found on PATH, they use the bare name
        Run byPath = Run.in(tree, Map.of(), List.of("bin/ikev2kit", "demo", work.resolve("demo-by-path").toString()))
                .orFail();
        assertTrue(byPath.out().contains("\nTry: bin/ikev2kit device list --dir "), byPath.out());
        Map<String, String> env = Map.of("PATH", tree.resolve("bin") + ":" + System.getenv("PATH"));
        Run onPath = Run.in(work, env, List.of("bash", "-c", "ikev2kit demo demo-on-path")).orFail();
        assertTrue(onPath.out().contains("\nTry: ikev2kit device list --dir "), onPath.out());
    }

    @Test
    void launcherStartsWithoutAnyCacheFolder() throws IOException {
        // a home below a plain file: no folder can be made there, not even by root
        Path file = Files.writeString(work.resolve("not-a-folder"), "");
        Map<String, String> env = new HashMap<>(Map.of("HOME", file.resolve("home").toString()));
        env.put("XDG_CACHE_HOME", "");
        Run version = Run.in(work, env, List.of(tree.resolve("bin/ikev2kit").toString(), "--version")).orFail();
        assertEquals("ikev2kit " + VERSION, version.out().trim());
        assertEquals("", version.err(), "no archive can be made, and the launcher keeps quiet about it");
    }

    @Test
    void bashCompletionOffersTheSubcommandsAndASubcommandsOptions() {
        Path script = tree.resolve("share/bash-completion/completions/ikev2kit");
        Set<String> subcommands = CommandDocs.commandNames().stream().map(n -> n.split(" "))
                .filter(words -> words.length == 2).map(words -> words[1]).collect(Collectors.toSet());
        assertTrue(subcommands.containsAll(Set.of("init", "device", "server", "demo")), subcommands.toString());
        assertEquals(subcommands, Set.copyOf(Completion.offered(script, "ikev2kit", "")));
        assertTrue(Completion.offered(script, "ikev2kit", "device", "").containsAll(
                List.of("add", "list", "export", "revoke", "renew")));
        assertTrue(Completion.offered(script, "ikev2kit", "device", "add", "--").containsAll(
                List.of("--from", "--days", "--legacy-p12", "--export", "--dir")));
    }

    @Test
    void zshCompletesTheSubcommandsAndOptionsOnTab() throws IOException {
        Path script = tree.resolve("share/zsh/site-functions/_ikev2kit");
        assertTrue(Files.readString(script).startsWith("#compdef ikev2kit\n"));
        Run.require("zsh", "the zsh completion");
        // an interactive zsh in a pseudo-terminal (zsh/zpty), the completion found through fpath as installed
        Path driver = Files.writeString(work.resolve("tab.zsh"), String.join("\n",
                "zmodload zsh/zpty",
                "zpty z 'ZDOTDIR=" + work + " zsh -f -i'",
                "zpty -w z 'fpath=(" + script.getParent() + " $fpath); autoload -U compinit; compinit -u'",
                "zpty -w -n z 'ikev2kit dev'$'\\t'",
                "sleep 2",
                "zpty -w -n z $'\\C-u''ikev2kit device add --leg'$'\\t'",
                "sleep 2",
                "all=''",
                "while zpty -r -t z chunk; do all+=$chunk; done",
                "print -r -- \"$all\"",
                "zpty -d z", ""));
        String screen = Run.of("zsh", "-f", driver.toString()).orFail().out()
                .replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll(".\b", "");
        assertTrue(screen.contains("ikev2kit device "), screen);
        assertTrue(screen.contains("ikev2kit device add --legacy-p12"), screen);
        assertFalse(screen.contains("not found"), screen);
    }
}
