package io.ikev2kit.profiles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.profiles.android.AndroidProfile;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.profiles.windows.WindowsScript;
import io.ikev2kit.templates.Renderer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 that goes somewhere: a pool the internet cannot route back to (a unique local one) is always masqueraded,
 * a global unicast pool may be routed instead, and a server without IPv6 hands out no IPv6 at all.
 */
class Ipv6ReachTest {
    private static final Cidr ULA = Cidr.parse("fd00:10:10::/112");
    private static final Cidr GLOBAL = Cidr.parse("2001:db8:20::/112");
    private static final List<InetAddress> DUAL_STACK_DNS = List.of(IpAddresses.parse("1.1.1.1"), IpAddresses.parse("2606:4700:4700::1111"));

    @TempDir
    Path temp;

    /** hwdsl2/setup-ipsec-vpn masquerades its ULA pool: nothing on the internet routes fc00::/7 back. */
    @Test
    void aUniqueLocalPoolIsAlwaysMasqueraded() throws IOException {
        Site site = site(List.of("192.0.2.1", "2001:db8::1"), ULA, false);
        assertTrue(site.nat66(), "the site itself says NAT66");

        Path bundle = bundle(site);
        assertTrue(read(bundle, ServerBundle.NFTABLES_RULES).contains("ip6 saddr fd00:10:10::/112 oifname \"eth0\" masquerade"));
        assertTrue(read(bundle, ServerBundle.IP6TABLES_RULES).contains("-A IKEV2KIT-POSTROUTING -s fd00:10:10::/112 -o eth0 -j MASQUERADE"));
    }

    @Test
    void aGlobalUnicastPoolIsRoutedUnlessNat66IsAsked() throws IOException {
        Path routed = bundle(site(List.of("192.0.2.1", "2001:db8::1"), GLOBAL, false));
        assertFalse(read(routed, ServerBundle.NFTABLES_RULES).contains("ip6 saddr 2001:db8:20::/112 oifname"));
        assertFalse(read(routed, ServerBundle.IP6TABLES_RULES).contains("MASQUERADE"));
        assertTrue(read(routed, ServerBundle.SWANCTL_CONF).contains("addrs = 2001:db8:20::8000-2001:db8:20::fffe"));

        Path masqueraded = bundle(site(List.of("192.0.2.1", "2001:db8::1"), GLOBAL, true));
        assertTrue(read(masqueraded, ServerBundle.NFTABLES_RULES).contains("ip6 saddr 2001:db8:20::/112 oifname \"eth0\" masquerade"));
        assertTrue(read(masqueraded, ServerBundle.IP6TABLES_RULES).contains("-s 2001:db8:20::/112 -o eth0 -j MASQUERADE"));
    }

    /** Without IPv6 on the server, tunnelled IPv6 (DNS to an IPv6 server included) would be black-holed. */
    @Test
    void aServerWithoutIpv6HandsOutNoIpv6InAnyOutput() throws IOException {
        Site site = site(List.of("192.0.2.1"), ULA, true);
        Path bundle = bundle(site);

        String swanctl = read(bundle, ServerBundle.SWANCTL_CONF);
        assertTrue(swanctl.contains("local_ts = 0.0.0.0/0\n"), swanctl);
        assertTrue(swanctl.contains("pools = " + ServerBundle.CONNECTION + "-v4\n"), swanctl);
        assertTrue(swanctl.contains("dns = 1.1.1.1\n"), swanctl);
        assertFalse(swanctl.contains("::"), swanctl);
        String ipsec = read(bundle, ServerBundle.IPSEC_CONF);
        assertFalse(ipsec.contains("::"), ipsec);
        assertTrue(ipsec.contains("rightdns = 1.1.1.1\n"), ipsec);
        String nft = read(bundle, ServerBundle.NFTABLES_RULES);
        assertFalse(nft.contains("ip6"), nft);
        assertFalse(Files.exists(bundle.resolve(ServerBundle.IP6TABLES_RULES)));

        SiteWorkspace workspace = workspaces.get(bundle);
        String ps1 = WindowsScript.build(site, workspace.device(new DeviceName("alice")), Renderer.builtIn());
        assertFalse(ps1.contains("Add-VpnConnectionRoute -ConnectionName"), "no IPv6 routes into the tunnel");
        JsonNode sswan = new ObjectMapper().readTree(
                AndroidProfile.build(site, workspace.device(new DeviceName("alice")), Renderer.builtIn()));
        assertTrue(sswan.get("split-tunneling").get("block-ipv6").asBoolean(), "IPv6 is blocked rather than let past the VPN");
        assertEquals(Optional.of(ULA), site.configuredIpv6Pool(), "the site file keeps the pool for when the server gets IPv6");
    }

    private final java.util.Map<Path, SiteWorkspace> workspaces = new java.util.HashMap<>();

    private Site site(List<String> addresses, Cidr ipv6Pool, boolean nat66) {
        return new Site(new HostName("vpn.test"), addresses.stream().map(IpAddresses::parse).toList(), "Lab VPN",
                List.of(Cidr.parse("10.10.10.0/24"), ipv6Pool), DUAL_STACK_DNS, List.of(), CryptoSuite.MODERN,
                KeyType.ECDSA_P256, 730, 730, false, Optional.of("eth0"), nat66);
    }

    private Path bundle(Site site) throws IOException {
        Path dir = Files.createTempDirectory(temp, "site");
        SiteWorkspace workspace = ServerSites.workspace(dir.resolve("site"), site, "alice");
        Path bundle = dir.resolve("bundle");
        ServerBundle.write(site, ServerMaterial.from(workspace), bundle, Renderer.builtIn());
        workspaces.put(bundle, workspace);
        return bundle;
    }

    private static String read(Path bundle, String path) throws IOException {
        return Files.readString(bundle.resolve(path));
    }
}
