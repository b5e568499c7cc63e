package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** device add/set/list with fixed addresses and allowed networks; bad input is one line and writes nothing. */
class DeviceNetworkCommandsTest {
    @TempDir
    Path tmp;
    Path site;
    Path caPass;
    Path p12Pass;

    @BeforeEach
    void site() throws Exception {
        site = tmp.resolve("site");
        caPass = Tool.secretFile(tmp, "ca passphrase 123");
        p12Pass = Tool.secretFile(tmp, "device-pass-1");
        CliRun init = CliRun.of("init", "--dir", site.toString(), "--host", "vpn.example.com", "--ip", "203.0.113.10",
                "--ip", "2001:db8::10", "--pool", "10.10.10.0/24", "--pool", "fd00:10:10::/112", "--name", "Example VPN",
                "--ca-password-file", caPass.toString());
        assertEquals(0, init.exitCode(), init.toString());
    }

    private CliRun add(String... args) {
        List<String> all = new ArrayList<>(List.of("device", "add", "--dir", site.toString(), "--ca-password-file",
                caPass.toString(), "--p12-password-file", p12Pass.toString()));
        all.addAll(Arrays.asList(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private CliRun set(String... args) {
        List<String> all = new ArrayList<>(List.of("device", "set", "--dir", site.toString()));
        all.addAll(Arrays.asList(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private String list(String... extra) {
        List<String> all = new ArrayList<>(List.of("device", "list", "--dir", site.toString()));
        all.addAll(Arrays.asList(extra));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        return run.out();
    }

    private String row(String table, String name) {
        return table.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow(() -> new AssertionError(table));
    }

    @Test
    void addSaysWhenTheServerMustBeWrittenAgainBeforeTheNewDeviceConnects() {
        CliRun plain = add("alice");
        assertEquals(0, plain.exitCode(), plain.toString());
        assertFalse(plain.out().contains("ikev2kit server --out"), plain.out());
        CliRun fixed = add("bob", "--fixed");
        assertTrue(fixed.out().contains("once the server has their own connection: ikev2kit server --out DIR"),
                fixed.out());
        assertEquals(0, add("printer", "--allow", "192.168.1.0/24").exitCode());
        // no generic connection any more: even a device without settings needs the bundle written again
        CliRun afterRestriction = add("carol");
        assertTrue(afterRestriction.out().contains("(a site that restricts a device has one per device): "
                + "ikev2kit server --out DIR"), afterRestriction.out());
    }

    @Test
    void addGivesAFixedOrNextFreeAddressAndAllowedNetworksThatListShows() throws Exception {
        CliRun given = add("printer", "--address", "10.10.10.50,fd00:10:10::50", "--allow", "192.168.1.0/24,10.20.0.0/16");
        assertEquals(0, given.exitCode(), given.toString());
        assertTrue(given.out().contains("printer: fixed address 10.10.10.50, fd00:10:10::50; may reach only "
                + "192.168.1.0/24, 10.20.0.0/16"), given.out());
        assertEquals(0, add("alice", "bob", "--fixed").exitCode());
        assertEquals(0, add("carol").exitCode());
        String table = list();
        assertTrue(row(table, "printer").endsWith("10.10.10.50,fd00:10:10::50 192.168.1.0/24,10.20.0.0/16"), table);
        assertTrue(row(table, "alice").contains(" 10.10.10.1,fd00:10:10::1 ") && row(table, "alice").endsWith(" all"), table);
        assertTrue(row(table, "bob").contains(" 10.10.10.2,fd00:10:10::2 "), table);
        assertTrue(row(table, "carol").contains(" pool ") && row(table, "carol").endsWith(" all"), table);
        String json = list("--json");
        assertTrue(json.contains("\"address\": \"10.10.10.50,fd00:10:10::50\", \"allowed\": \"192.168.1.0/24,10.20.0.0/16\""),
                json);
        assertTrue(json.contains("\"name\": \"carol\"") && json.contains("\"address\": null, \"allowed\": null"), json);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                site.resolve("device-networks.tsv"))));
    }

    @Test
    void setChangesAddressAndNetworksAndRenewalKeepsThemWhileRevokeFreesThem() {
        assertEquals(0, add("alice").exitCode());
        CliRun fixed = set("alice", "--address", "10.10.10.7", "--allow", "192.168.1.0/24");
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.out().contains("device export alice"), "new routes need new profiles: " + fixed.out());
        CliRun renew = CliRun.of("device", "renew", "alice", "--dir", site.toString(), "--ca-password-file",
                caPass.toString(), "--p12-password-file", p12Pass.toString());
        assertEquals(0, renew.exitCode(), renew.toString());
        assertTrue(row(list(), "alice").contains(" 10.10.10.7 "), "renewal keeps the address: " + list());
        assertEquals(0, set("alice", "--allow-all").exitCode());
        assertTrue(list().lines().filter(l -> l.startsWith("alice ")).allMatch(l -> l.endsWith(" all")), list());
        assertEquals(0, set("alice", "--no-address").exitCode());
        assertTrue(list().lines().filter(l -> l.startsWith("alice ")).allMatch(l -> l.contains(" pool ")), list());
        assertEquals(0, set("alice", "--address", "10.10.10.7").exitCode());
        CliRun revoke = CliRun.of("device", "revoke", "alice", "--dir", site.toString(), "--ca-password-file",
                caPass.toString());
        assertEquals(0, revoke.exitCode(), revoke.toString());
        assertEquals(0, add("bob", "--address", "10.10.10.7").exitCode(), "the revoked device's address is free again");
    }

    @Test
    void badInputIsOneLineExitOneAndWritesNothing() throws Exception {
        assertEquals(0, add("alice", "--address", "10.10.10.50").exitCode());
        String[][] cases = {
                {"add", "bob", "--address", "10.10.10.200", "the server hands out to other devices"},
                {"add", "bob", "--address", "10.10.99.5", "outside the pool 10.10.10.0/24"},
                {"add", "bob", "--address", "10.10.10.0", "network or broadcast address"},
                {"add", "bob", "--address", "10.10.10.255", "network or broadcast address"},
                {"add", "bob", "--address", "10.10.10.50", "already held by device 'alice'"},
                {"add", "bob", "--address", "10.10.10.5,10.10.10.6", "at most one IPv4 and one IPv6"},
                {"add", "bob", "--address", "vpn.example.com", "is not an IP address"},
                {"add", "bob", "--allow", "10.0.0.0/33", "out of range"},
                {"add", "bob", "--allow", "10.0.0.0", "ADDRESS/PREFIX"},
                {"add", "bob", "--allow", "10.0\u001b[31m.0.0/8", "\\u001b"},
                {"set", "alice", "--address", "fd00:10:10::9000", "the server hands out to other devices"},
                {"set", "nobody", "--fixed", "no device 'nobody'"},
                {"set", "alice", "--allow", "nonsense", "ADDRESS/PREFIX"}};
        DirectorySnapshot before = DirectorySnapshot.of(site);
        for (String[] c : cases) {
            String[] args = Arrays.copyOf(c, c.length - 1);
            CliRun run = args[0].equals("add") ? add(Arrays.copyOfRange(args, 1, args.length))
                    : set(Arrays.copyOfRange(args, 1, args.length));
            assertEquals(1, run.exitCode(), run.toString());
            String error = run.err().strip();
            assertFalse(error.contains("\n") || error.contains("\u001b") || error.contains("Exception"), run.toString());
            assertTrue(error.contains(c[c.length - 1]), String.join(" ", args) + " -> " + error);
            assertEquals(before, DirectorySnapshot.of(site), "nothing written by " + String.join(" ", args));
        }
    }

    @Test
    void exclusiveOptionsAreUsageErrors() {
        assertEquals(0, add("alice").exitCode());
        String[][] cases = {{"set", "alice", "--fixed", "--no-address"}, {"set", "alice", "--allow", "10.0.0.0/8", "--allow-all"},
                {"set", "alice"}, {"add", "x", "y", "--address", "10.10.10.5"}, {"set", "alice", "--address", "10.10.10.5",
                "--fixed"}};
        for (String[] c : cases) {
            CliRun run = c[0].equals("add") ? add(Arrays.copyOfRange(c, 1, c.length)) : set(Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, run.exitCode(), run.toString());
        }
    }

    @Test
    void theDeviceListTakesAddressAndAllowedColumns() throws Exception {
        Path csv = Files.writeString(tmp.resolve("devices.csv"), """
                alice,,ios,10.10.10.20 fd00:10:10::20,192.168.1.0/24 10.20.0.0/16
                bob,,android,fixed
                carol
                dave,,,,192.168.2.0/24
                """);
        CliRun run = add("--from", csv.toString());
        assertEquals(0, run.exitCode(), run.toString());
        String table = list();
        assertTrue(row(table, "alice").endsWith("10.10.10.20,fd00:10:10::20 192.168.1.0/24,10.20.0.0/16"), table);
        assertTrue(row(table, "bob").contains(" 10.10.10.1,fd00:10:10::1 "), table);
        assertTrue(row(table, "carol").contains(" pool ") && row(table, "carol").endsWith(" all"), table);
        assertTrue(row(table, "dave").contains(" pool ") && row(table, "dave").endsWith(" 192.168.2.0/24"), table);

        Path bad = Files.writeString(tmp.resolve("bad.csv"), "erin,,,10.10.10.20\nfrank,,,10.10.10.300\n");
        DirectorySnapshot before = DirectorySnapshot.of(site);
        CliRun refused = add("--from", bad.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("line 2") && refused.err().contains("10.10.10.300"), refused.err());
        assertEquals(before, DirectorySnapshot.of(site));
        Path taken = Files.writeString(tmp.resolve("taken.csv"), "erin,,,10.10.10.20\n");
        CliRun held = add("--from", taken.toString());
        assertEquals(1, held.exitCode(), held.toString());
        assertTrue(held.err().contains("already held by device 'alice'"), held.err());
        assertEquals(before, DirectorySnapshot.of(site));
    }
}
