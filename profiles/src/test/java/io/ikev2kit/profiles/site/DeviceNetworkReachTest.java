package io.ikev2kit.profiles.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.Fixtures;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a device's tunnel carries: what the server narrows its selectors to and what its profiles route. */
class DeviceNetworkReachTest {
    private static final Site DUAL = Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256);

    private static Site site(List<String> pools, List<String> routes) {
        return new Site(DUAL.host(), List.of(io.ikev2kit.pki.IpAddresses.parse("203.0.113.10")), "X",
                pools.stream().map(Cidr::parse).toList(), List.of(), routes.stream().map(Cidr::parse).toList(),
                CryptoSuite.MODERN, KeyType.ECDSA_P256, 730, 730, false, Optional.empty(), false);
    }

    private static List<String> reach(Site site, String... allowed) {
        return DeviceNetworksTest.network("d", null, null, allowed).reach(site).stream().map(Cidr::toString).toList();
    }

    @Test
    void anUnrestrictedDeviceCarriesWhatTheSiteRoutes() {
        assertEquals(List.of("0.0.0.0/0", "::/0"), DeviceNetworksTest.network("d", "10.10.10.5", null).reach(DUAL)
                .stream().map(Cidr::toString).toList());
    }

    @Test
    void onAFullTunnelSiteARestrictedDeviceCarriesItsAllowedBlocks() {
        assertEquals(List.of("192.168.1.0/24", "fd00:99::/64"), reach(DUAL, "192.168.1.0/24", "fd00:99::/64"));
    }

    @Test
    void onASplitSiteTheAllowedBlocksAreCutToTheRoutes() {
        Site split = site(List.of("10.10.10.0/24"), List.of("10.20.0.0/16", "192.168.0.0/16"));
        assertEquals(List.of("10.20.30.0/24", "10.20.0.0/16", "192.168.0.0/16"),
                reach(split, "10.20.30.0/24", "10.0.0.0/8", "192.0.0.0/8", "172.16.0.0/12"));
    }

    @Test
    void ipv6BlocksAreDroppedWhenClientsGetNoIpv6AndNothingLeftIsRefused() {
        Site v4 = site(List.of("10.10.10.0/24"), List.of());
        assertEquals(List.of("192.168.1.0/24"), reach(v4, "192.168.1.0/24", "fd00:99::/64"));
        UserError e = assertThrows(UserError.class,
                () -> DeviceNetworksTest.network("d", null, null, "fd00:99::/64").checkReach(v4));
        assertTrue(e.getMessage().contains("none of the allowed networks"), e.getMessage());
        Site split = site(List.of("10.10.10.0/24"), List.of("10.20.0.0/16"));
        UserError outside = assertThrows(UserError.class,
                () -> DeviceNetworksTest.network("d", null, null, "192.168.1.0/24").checkReach(split));
        assertTrue(outside.getMessage().contains("site.conf's routes: 10.20.0.0/16"), outside.getMessage());
    }
}
