package io.ikev2kit.profiles.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.Fixtures;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** device-networks.tsv: each device's fixed addresses and allowed networks, apart from the certificate index. */
class DeviceNetworksTest {
    private static final Site SITE = Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256);

    static DeviceNetwork network(String name, String v4, String v6, String... allowed) {
        return new DeviceNetwork(new DeviceName(name),
                Optional.ofNullable(v4).map(a -> (Inet4Address) IpAddresses.parse(a)),
                Optional.ofNullable(v6).map(a -> (Inet6Address) IpAddresses.parse(a)),
                List.of(allowed).stream().map(Cidr::parse).toList());
    }

    @Test
    void writesOwnerOnlyAndReadsBackEveryField(@TempDir Path dir) throws Exception {
        DeviceNetworks networks = DeviceNetworks.empty().with(List.of(
                network("alice", "10.10.10.50", "fd00:10:10::50", "192.168.1.0/24", "2001:db8::/32"),
                network("bob", null, null, "10.0.0.0/8"),
                network("carol", "10.10.10.51", null)));
        networks.write(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(DeviceNetworks.path(dir))));
        DeviceNetworks read = DeviceNetworks.read(dir);
        assertEquals(networks.all(), read.all());
        assertEquals(Optional.of(new DeviceName("carol")), read.holder(IpAddresses.parse("10.10.10.51")));
        assertEquals(DeviceNetwork.unrestricted(new DeviceName("dave")), read.of(new DeviceName("dave")));
    }

    @Test
    void aMissingFileMeansNoDeviceHasAnything(@TempDir Path dir) {
        assertEquals(List.of(), DeviceNetworks.read(dir).all());
    }

    @Test
    void aDefaultNetworkIsNotRecordedAndRevokingFreesTheAddress() {
        DeviceNetworks networks = DeviceNetworks.empty().with(network("alice", "10.10.10.50", null));
        assertTrue(networks.with(network("alice", null, null)).all().isEmpty());
        DeviceNetworks revoked = networks.without(List.of(new DeviceName("alice")));
        assertEquals(Optional.empty(), revoked.holder(IpAddresses.parse("10.10.10.50")));
    }

    @Test
    void anAddressOutsideTheFixedPartOrTakenIsRefused() {
        DeviceNetworks networks = DeviceNetworks.empty().with(network("alice", "10.10.10.50", null));
        String[][] cases = {
                {"10.10.10.200", "hands out to other devices"},
                {"10.10.11.5", "outside the pool 10.10.10.0/24"},
                {"10.10.10.0", "network or broadcast address"},
                {"10.10.10.50", "already held by device 'alice'"}};
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class,
                    () -> networks.checkAssignable(network("bob", c[0], null), SITE), c[0]);
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains("10.10.10.1-10.10.10.127"),
                    e.getMessage());
        }
        networks.checkAssignable(network("alice", "10.10.10.50", null), SITE); // its own address stays its own
        networks.checkAssignable(network("bob", "10.10.10.127", "fd00:10:10::7fff"), SITE);
        assertThrows(UserError.class, () -> networks.checkAssignable(network("bob", null, "fd00:10:10::8000"), SITE));
    }

    @Test
    void anIpv6AddressNeedsASiteWhoseClientsGetIpv6() {
        Site v4only = new Site(SITE.host(), List.of(), "X", SITE.pools(), List.of(), List.of(), CryptoSuite.MODERN,
                KeyType.ECDSA_P256, 730, 730, false, Optional.empty(), false);
        UserError e = assertThrows(UserError.class,
                () -> DeviceNetworks.empty().checkAssignable(network("bob", null, "fd00:10:10::5"), v4only));
        assertTrue(e.getMessage().contains("no IPv6 address"), e.getMessage());
    }

    @Test
    void theAllocatorSkipsTakenAddressesAndRunsOut() {
        DeviceNetworks networks = DeviceNetworks.empty().with(List.of(network("a", "10.10.10.1", null),
                network("b", "10.10.10.3", null)));
        PoolSplit small = new PoolSplit(Cidr.parse("10.10.10.0/24"), Cidr.parse("10.10.10.0/29"));
        DeviceNetworks.Allocator allocator = networks.allocator(small);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(IpAddresses.format(allocator.next()));
        }
        assertEquals(List.of("10.10.10.2", "10.10.10.4", "10.10.10.5", "10.10.10.6", "10.10.10.7"), got);
        assertTrue(assertThrows(UserError.class, allocator::next).getMessage().contains("no free fixed address"));
    }

    @Test
    void problemsNameOrphansDuplicatesAndAddressesOutsideTheFixedPart() {
        String text = "alice\t10.10.10.50\t\t\nbob\t10.10.10.50\t\t\ncarol\t10.10.10.200\t\t\n";
        List<String> problems = DeviceNetworks.parse(text, "f").problems(SITE, Set.of("alice", "bob"));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'alice' and 'bob' both have the fixed address 10.10.10.50"), problems.toString());
        assertTrue(problems.get(1).contains("'carol' has a line") && problems.get(1).contains("no valid certificate"));
        assertTrue(problems.get(2).contains("hands out to other devices"), problems.toString());
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        String[][] cases = {
                {"# c\nalice\t10.10.10.5\n", "f line 2: expected NAME"},
                {"alice\tfd00::1\t\t\n", "not an IPv4 address"},
                {"alice\t\t10.1.1.1\t\n", "not an IPv6 address"},
                {"alice\t\t\t10.0.0.0/33\n", "out of range"},
                {"al/ice\t\t\t\n", "not allowed"},
                {"alice\t\t\t10.0.0.0/8\nalice\t\t\t\n", "f line 2: device 'alice' is listed twice"}};
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> DeviceNetworks.parse(c[0], "f"), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void aHundredThousandDevicesReadWriteAndAllocateInLinearTime(@TempDir Path dir) {
        List<DeviceNetwork> many = new ArrayList<>();
        Site big = SITE.withFixedBlocks(List.of()).withIsolateClients(false);
        Site wide = new Site(big.host(), big.addresses(), "X", List.of(Cidr.parse("10.0.0.0/14")), List.of(), List.of(),
                CryptoSuite.MODERN, KeyType.ECDSA_P256, 730, 730, false, Optional.empty(), false);
        DeviceNetworks.Allocator allocator = DeviceNetworks.empty().allocator(wide.ipv4Split());
        for (int i = 0; i < 100_000; i++) {
            many.add(new DeviceNetwork(new DeviceName("d" + i), Optional.of((Inet4Address) allocator.next()),
                    Optional.empty(), List.of()));
        }
        long start = System.nanoTime();
        DeviceNetworks networks = DeviceNetworks.empty().with(many);
        networks.write(dir);
        DeviceNetworks read = DeviceNetworks.read(dir);
        List<String> problems = read.problems(wide, many.stream().map(n -> n.name().value())
                .collect(java.util.stream.Collectors.toSet()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(), problems);
        assertEquals(100_000, read.all().size());
        assertTrue(millis < 10_000, "100,000 devices took " + millis + " ms");
    }
}
