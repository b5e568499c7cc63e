package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteCommandsTest {
    @TempDir
    Path tmp;
    Path site;
    Path caPass;
    Path p12Pass;

    @BeforeEach
    void passwords() throws Exception {
        site = tmp.resolve("site");
        caPass = Tool.secretFile(tmp, "ca passphrase 123");
        p12Pass = Tool.secretFile(tmp, "device-pass-1");
    }

    private CliRun init(String... extra) {
        String[] base = {"init", "--dir", site.toString(), "--host", "vpn.example.com", "--ip", "203.0.113.10",
                "--ip", "2001:db8::10", "--name", "Example VPN", "--org", "Example", "--country", "DE",
                "--ca-password-file", caPass.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private CliRun add(String... names) {
        String[] base = {"device", "add", "--dir", site.toString(), "--ca-password-file", caPass.toString(),
                "--p12-password-file", p12Pass.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + names.length);
        System.arraycopy(names, 0, args, base.length, names.length);
        return CliRun.of(args);
    }

    @Test
    void initCreatesSiteFileCaAndServerCertificateWithPrivateKeys() throws Exception {
        CliRun run = init();
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("created site"), run.out());
        assertTrue(Files.readString(site.resolve("site.conf")).contains("host = vpn.example.com"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("pki/ca.key"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("pki/server.key"))));
        assertTrue(Files.readString(site.resolve("pki/ca.key")).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    }

    @Test
    void addIssuesDevicesAndListShowsThem() throws Exception {
        init();
        CliRun run = add("alice-phone", "bob-laptop");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("issued alice-phone (modern and legacy p12"), run.out());
        assertFalse(run.out().contains("device-pass-1"), "a supplied password is never echoed");
        try (var p12s = Files.list(site.resolve("pki/p12"))) {
            for (Path p12 : p12s.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p12)));
            }
        }
        CliRun list = CliRun.of("device", "list", "--dir", site.toString(), "--json");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("\"name\": \"alice-phone\"") && list.out().contains("\"status\": \"valid\""), list.out());
        CliRun table = CliRun.of("device", "list", "--dir", site.toString());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("bob-laptop")), table.out());
    }

    @Test
    void generatesAStrongP12PasswordWhenNoneIsGivenAndShowsItOnce() {
        init();
        CliRun run = CliRun.of("device", "add", "carol", "--dir", site.toString(), "--ca-password-file", caPass.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().matches("(?s).*p12 password for carol: [a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3} .*"), run.out());
    }

    @Test
    void rejectsDeviceNameWithPathSeparatorAndChangesNothing() {
        init();
        assertRejected(() -> add("../x"), "device name '../x' is not allowed");
    }

    @Test
    void rejectsDuplicateDeviceAndChangesNothing() {
        init();
        add("alice");
        assertRejected(() -> add("alice"), "device 'alice' already exists");
        assertRejected(() -> add("bob", "bob"), "device 'bob' is listed twice");
    }

    @Test
    void rejectsNamesEqualButForCaseToAnExistingOrListedDevice() {
        // NTFS and APFS compare names without case by default: ALICE/ and alice/ would be one export directory
        init();
        add("Alice");
        assertRejected(() -> add("alice"), "device 'alice' differs only in case from the existing 'Alice'");
        assertRejected(() -> add("bob", "BOB"), "devices 'bob' and 'BOB' differ only in case");
    }

    @Test
    void rejectsNamesWindowsReservesWithTheRuleInOneLine() {
        init();
        for (String name : new String[] {"con", "NUL", "aux.txt", "com1", "lpt9.tar.gz"}) {
            assertRejected(() -> add(name), "device name '" + name + "' is reserved on Windows");
        }
        assertRejected(() -> add("alice."), "device name 'alice.' ends with '.', which Windows drops");
    }

    @Test
    void rejectsWrongCaPassphraseAndChangesNothing() throws Exception {
        init();
        caPass = Tool.secretFile(tmp, "not the passphrase");
        CliRun run = assertRejected(() -> add("alice"), "wrong CA passphrase for");
        assertFalse(run.err().contains("not the passphrase"));
    }

    @Test
    void rejectsInvalidIpAndHostAtInitAndWritesNothing() {
        CliRun badIp = init("--ip", "203.0.113.300");
        assertEquals(1, badIp.exitCode(), badIp.toString());
        assertTrue(badIp.err().contains("'203.0.113.300' is not an IP address"), badIp.err());
        assertFalse(Files.exists(site), "nothing written");
        CliRun badHost = CliRun.of("init", "--dir", site.toString(), "--host", "vpn..example.com",
                "--ca-password-file", caPass.toString());
        assertEquals(1, badHost.exitCode(), badHost.toString());
        assertTrue(badHost.err().contains("is not a valid host name"), badHost.err());
        assertFalse(Files.exists(site));
    }

    @Test
    void refusesToInitOverAnExistingSite() {
        init();
        assertRejected(() -> init(), "a site already exists in");
    }

    @Test
    void reportsCorruptIndexWithFileAndLine() throws Exception {
        init();
        add("alice");
        Path index = site.resolve("pki/index.tsv");
        Files.writeString(index, Files.readString(index) + "zz\tdevice\tbob\tnot-a-date\tvalid\t-\t-\tmodern\n");
        CliRun run = assertRejected(() -> CliRun.of("device", "list", "--dir", site.toString()), "index.tsv line 5 is damaged");
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void reportsUnknownSiteFileSettingWithLine() throws Exception {
        init();
        Path conf = site.resolve("site.conf");
        Files.writeString(conf, Files.readString(conf) + "colour = blue\n");
        assertRejected(() -> CliRun.of("device", "list", "--dir", site.toString()), "unknown setting 'colour'");
    }

    @Test
    void missingSiteSaysHowToCreateOne() {
        CliRun run = CliRun.of("device", "list", "--dir", tmp.resolve("nowhere").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("run 'ikev2kit init --host HOST'"), run.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"init"}, {"device", "add"}, {"device", "export"}, {"server"},
                {"mail"}, {"doctor"}, {"backup"}, {"restore"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliRun run = CliRun.of(args);
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().startsWith("Usage: ikev2kit " + String.join(" ", command)), run.out());
        }
    }

    @Test
    void topLevelHelpAndHelpCommandSeeEveryCommand() {
        CliRun top = CliRun.of("--help");
        for (String command : new String[] {"init", "device", "server", "crl", "backup", "restore", "doctor", "inspect",
                "mail", "demo", "help"}) {
            assertTrue(top.out().contains("\n  " + command + " "), command + " missing from\n" + top.out());
        }
        CliRun help = CliRun.of("help", "device");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().startsWith("Usage: ikev2kit device"), help.out());
        CliRun typo = CliRun.of("devcie", "list");
        assertEquals(2, typo.exitCode(), typo.toString());
        assertTrue(CliRun.of("device", "add", "-V").out().startsWith("ikev2kit "), "--version is inherited");
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun run = CliRun.of("device", "add");
        assertEquals(2, run.exitCode(), run.toString());
        CliRun unknown = CliRun.of("init", "--host", "x.example", "--bogus");
        assertEquals(2, unknown.exitCode(), unknown.toString());
    }

    /** Asserts exit 1, one line naming the problem, no stack trace, and no change to the site. */
    private CliRun assertRejected(java.util.function.Supplier<CliRun> command, String message) {
        DirectorySnapshot before = DirectorySnapshot.of(site);
        CliRun run = command.get();
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: ") && run.err().contains(message), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertEquals(before, DirectorySnapshot.of(site), "the site is unchanged");
        return run;
    }
}
