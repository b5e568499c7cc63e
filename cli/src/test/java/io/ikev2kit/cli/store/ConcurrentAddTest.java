package io.ikev2kit.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's lock file serialises whole batches: two processes started together both get all their devices in. */
class ConcurrentAddTest {
    private static final char[] P12_PASSWORD = "concurrent-p12".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void twoAddsStartedTogetherBothSucceedWithDistinctSerials() throws Exception {
        Path caPass = Tool.secretFile(tmp, "concurrency passphrase");
        Path p12Pass = Tool.secretFile(tmp, new String(P12_PASSWORD));
        Path site = tmp.resolve("site");
        io.ikev2kit.cli.CliTestAccess.run("init", "--dir", site.toString(), "--host", "vpn.example.com",
                "--ca-password-file", caPass.toString());
        List<String> alice = names("alice", 10);
        List<String> bob = names("bob", 10);
        Process first = add(site, caPass, p12Pass, "alice", alice);
        Process second = add(site, caPass, p12Pass, "bob", bob);
        for (Process process : List.of(first, second)) {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finishes");
        }
        assertEquals(0, first.exitValue(), Files.readString(tmp.resolve("alice.log")));
        assertEquals(0, second.exitValue(), Files.readString(tmp.resolve("bob.log")));

        List<IndexEntry> devices = StoreCheck.assertConsistent(site, P12_PASSWORD);
        Set<String> expected = new java.util.HashSet<>(alice);
        expected.addAll(bob);
        assertEquals(expected, devices.stream().map(IndexEntry::name).collect(Collectors.toSet()), "neither batch lost");
        assertEquals(20, devices.size());
        assertEquals(20, devices.stream().map(IndexEntry::serial).distinct().count(), "distinct serials");
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private Process add(Path site, Path caPass, Path p12Pass, String log, List<String> names) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("device", "add", "--dir", site.toString(),
                "--ca-password-file", caPass.toString(), "--p12-password-file", p12Pass.toString()));
        args.addAll(names);
        return ChildCli.start(tmp.resolve(log + ".log"), args.toArray(String[]::new));
    }
}
