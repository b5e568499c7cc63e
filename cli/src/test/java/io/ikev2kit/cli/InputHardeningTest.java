package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile or broken input and a hostile environment: one clear line, exit 1, and the site exactly as it was. */
class InputHardeningTest {
    private static final boolean CI = "true".equals(System.getenv("CI"));

    @TempDir
    Path tmp;
    Path caPass;
    Path p12Pass;

    @BeforeEach
    void passwords() throws Exception {
        caPass = Tool.secretFile(tmp, "hardening passphrase");
        p12Pass = Tool.secretFile(tmp, "hardening-p12");
    }

    @Test
    void csvWithSeveralBadLinesReportsEveryOneWithItsNumberAndIssuesNone() throws Exception {
        Path site = init(tmp.resolve("site"));
        Path csv = tmp.resolve("devices.csv");
        Files.writeString(csv, String.join("\n", "# the team", "alice", "../evil", "bob,soon", "carol,30,legacy",
                "d\u0430ve", "erin,1,modern,extra", "frank"), StandardCharsets.UTF_8);
        CliRun run = assertRejectedAndUnchanged(site, () -> add(site, "--from", csv.toString()), "has 4 bad lines, nothing was issued");
        for (String line : List.of("line 3:", "line 4:", "line 6:", "line 7:")) {
            assertTrue(run.err().contains(line), line + " reported: " + run.err());
        }
        for (String good : List.of("line 1:", "line 2:", "line 5:", "line 8:")) {
            assertFalse(run.err().contains(good), good + " is fine: " + run.err());
        }
    }

    @Test
    void revokeListWithABadLineOrNoNameRevokesNothing() throws Exception {
        Path site = init(tmp.resolve("site"));
        assertEquals(0, add(site, "alice", "bob").exitCode());
        Path list = tmp.resolve("revoke.txt");
        Files.writeString(list, "# leavers\nalice\n../evil\nbob\n", StandardCharsets.UTF_8);
        CliRun run = assertRejectedAndUnchanged(site, () -> revoke(site, "--from", list.toString()),
                "has 1 bad line, nothing was revoked");
        assertTrue(run.err().contains("line 3:"), run.err());
        Files.writeString(list, "# nobody yet\n\n", StandardCharsets.UTF_8);
        assertRejectedAndUnchanged(site, () -> revoke(site, "--from", list.toString()),
                "names no devices: write one device name per line");
    }

    @Test
    void lifetimesOutOfRangeAreRejectedOnTheCommandLineAndInCsvLines() throws Exception {
        Path site = init(tmp.resolve("site"));
        assertRejectedAndUnchanged(site, () -> add(site, "alice", "--days", "0"),
                "the device certificate lifetime must be 1 to");
        Path csv = tmp.resolve("devices.csv");
        Files.writeString(csv, "alice\nbob,99999\n", StandardCharsets.UTF_8);
        CliRun run = assertRejectedAndUnchanged(site, () -> add(site, "--from", csv.toString()), "has 1 bad line");
        assertTrue(run.err().contains("line 2: the device certificate lifetime must be 1 to"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0430lice", "alice\u200b", "\u202eexe.txt", "\uff41lice", "bell\u0007", "new\nline", "tab\tname",
            "nul\u0000x", "caf\u00e9"})
    void rejectsLookAlikeAndControlCharacterNames(String name) {
        Path site = init(tmp.resolve("site"));
        CliRun run = assertRejectedAndUnchanged(site, () -> add(site, name), "is not allowed");
        assertTrue(run.err().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)),
                "the message shows the name escaped, in plain ASCII: " + run.err());
    }

    /** The kernel's dev_valid_name() (net/core/dev.c) refuses these, and a leading '-' reads as an option. */
    @ParameterizedTest
    @ValueSource(strings = {"-o", "..", ".", "eth0/1", "eth 0", "eth0:1", "sixteen-bytes-xx", "-A", "e\u00e9", "ab\tc"})
    void uplinkNamesLinuxCannotHaveAreRefusedAtInitAndInSiteConf(String uplink) throws Exception {
        Path fresh = tmp.resolve("fresh");
        CliRun refused = CliRun.of("init", "--dir", fresh.toString(), "--host", "vpn.example.com", "--uplink", uplink,
                "--ca-password-file", caPass.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("is not a Linux interface name"), refused.err());
        assertFalse(Files.exists(fresh), "nothing written");

        Path site = init(tmp.resolve("site"));
        Path conf = site.resolve("site.conf");
        Files.writeString(conf, Files.readString(conf).replaceFirst("(?m)^uplink =.*$", "uplink = " + uplink));
        CliRun server = CliRun.of("server", "--dir", site.toString(), "--out", tmp.resolve("bundle").toString());
        assertEquals(1, server.exitCode(), server.toString());
        assertTrue(server.err().contains("is not a Linux interface name"), server.err());
        assertFalse(Files.exists(tmp.resolve("bundle")), "no bundle from a site.conf Linux would refuse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "enp0s31f6", "eth0.100", "br-lan", "wg_0", "fifteen-bytes-x"})
    void uplinkNamesLinuxHasAreAccepted(String uplink) {
        CliRun run = CliRun.of("init", "--dir", tmp.resolve("site").toString(), "--host", "vpn.example.com",
                "--uplink", uplink, "--ca-password-file", caPass.toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "elevenchars", "aaaaaaaaaaaaaaaa", "abababababab", "123456789012", "Password1234!",
            "qwertyuiopas", "lkjhgfdsapoi", "ZYXWVUTSRQPO", "iloveyou2024!!", "2024-12-31 2025"})
    void weakP12PasswordsAreRefusedWithTheRuleAndNeverEchoed(String weak) throws Exception {
        Path site = init(tmp.resolve("site"));
        p12Pass = Tool.secretFile(tmp, weak);
        CliRun run = assertRejectedAndUnchanged(site, () -> add(site, "alice"), "the p12 password is too weak");
        assertTrue(run.err().contains("at least 12 characters"), "states the rule: " + run.err());
        assertFalse(run.err().contains(weak), run.err());
    }

    @Test
    void aStrongChosenP12PasswordIsAccepted() throws Exception {
        Path site = init(tmp.resolve("site"));
        p12Pass = Tool.secretFile(tmp, "Tr0ub4dor & 3 horses");
        CliRun run = add(site, "alice");
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    void rejectsOverlongNamesWithoutEchoingThem() {
        Path site = init(tmp.resolve("site"));
        assertRejectedAndUnchanged(site, () -> add(site, "a".repeat(49)), "longer than 48 characters");
        CliRun huge = assertRejectedAndUnchanged(site, () -> add(site, "b".repeat(100_000)), "longer than 48 characters");
        assertTrue(huge.err().length() < 300, "a short message, not the name: " + huge.err().length() + " characters");
    }

    @Test
    void acceptsANameOfExactlyTheMaximumLength() {
        Path site = init(tmp.resolve("site"));
        CliRun run = add(site, "c".repeat(48));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(CliRun.of("device", "list", "--dir", site.toString()).out().contains("c".repeat(48)));
    }

    @Test
    void readOnlySiteGivesOneLineAndChangesNothing() throws Exception {
        Path site = init(tmp.resolve("site"));
        Path pki = site.resolve("pki");
        boolean locked = makeReadOnly(pki);
        try {
            Assumptions.assumeTrue(locked || CI, "cannot make a directory read-only here (root without chattr?)");
            assertTrue(locked, "CI must be able to make the site read-only");
            CliRun run = assertRejectedAndUnchanged(site, () -> add(site, "alice"), "cannot write " + pki);
            assertTrue(run.err().contains("permissions"), "says what to check: " + run.err());
        } finally {
            makeWritable(pki);
        }
    }

    @Test
    void diskFullLeavesTheStoreAsItWas() throws Exception {
        Path small = Files.createDirectories(tmp.resolve("small"));
        // tmpfs stores each file in whole pages: 96 KiB hold the new site and a few devices, not thirty
        boolean mounted = Tool.run(null, List.of("mount", "-t", "tmpfs", "-o", "size=96k,mode=700", "tmpfs",
                small.toString())).exitCode() == 0;
        Assumptions.assumeTrue(mounted || CI, "mounting a small tmpfs needs root");
        assertTrue(mounted, "CI runs as root and must be able to mount the small file system");
        try {
            Path site = init(small.resolve("site"));
            CliRun full = assertRejectedAndUnchanged(site, () -> add(site, names("full", 30)),
                    "No space left on device");
            assertTrue(full.err().contains("nothing was issued") && full.err().contains("check free space"), full.err());
            CliRun list = CliRun.of("device", "list", "--dir", site.toString());
            assertTrue(list.out().contains("no devices yet"), list.out());
            assertEquals(0, add(site, "after-cleanup").exitCode(), "the freed space is usable again");
        } finally {
            Tool.run(null, List.of("umount", small.toString()));
        }
    }

    private Path init(Path site) {
        CliRun run = CliRun.of("init", "--dir", site.toString(), "--host", "vpn.example.com", "--ca-password-file",
                caPass.toString());
        assertEquals(0, run.exitCode(), run.toString());
        return site;
    }

    private CliRun add(Path site, String... names) {
        List<String> args = new ArrayList<>(List.of("device", "add", "--dir", site.toString(), "--ca-password-file",
                caPass.toString(), "--p12-password-file", p12Pass.toString()));
        args.addAll(List.of(names));
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun revoke(Path site, String... args) {
        List<String> all = new ArrayList<>(List.of("device", "revoke", "--dir", site.toString(), "--ca-password-file",
                caPass.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static String[] names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toArray(String[]::new);
    }

    /** Exit 1, one line naming the problem, no stack trace, and not a byte of the site changed. */
    private static CliRun assertRejectedAndUnchanged(Path site, Supplier<CliRun> command, String message) {
        DirectorySnapshot before = DirectorySnapshot.of(site);
        CliRun run = command.get();
        assertEquals(1, run.exitCode(), run.toString());
        List<String> errors = run.err().lines().filter(line -> !line.matches("prepared \\d+/\\d+")).toList();
        assertEquals(1, errors.size(), "one line besides progress: " + run.err());
        assertTrue(errors.get(0).startsWith("error: ") && errors.get(0).contains(message), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals(before, DirectorySnapshot.of(site), "the site is unchanged");
        return run;
    }

    /** chmod stops ordinary users; root ignores it, so as root the immutable attribute stands in. */
    private static boolean makeReadOnly(Path dir) throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            return Tool.run(null, List.of("chattr", "-R", "+i", dir.toString())).exitCode() == 0;
        }
        return Tool.run(null, List.of("chmod", "-R", "a-w", dir.toString())).exitCode() == 0;
    }

    private static void makeWritable(Path dir) {
        if ("root".equals(System.getProperty("user.name"))) {
            Tool.run(null, List.of("chattr", "-R", "-i", dir.toString()));
        }
        Tool.run(null, List.of("chmod", "-R", "u+w", dir.toString()));
    }
}
