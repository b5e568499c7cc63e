package io.ikev2kit.profiles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.profiles.site.DeviceNetwork;
import io.ikev2kit.profiles.site.DeviceNetworks;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.templates.Renderer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which connections the bundle writes for which devices, and the firewall rules for restricted devices and
 * isolated clients, read back by nft and iptables-restore. DeviceNetworkLabTest proves the same in a real charon.
 */
class DeviceConnectionsBundleTest {
    @TempDir
    Path temp;

    @Test
    void theGenericConnectionsAdmitTypedWildcardsNotAnyIdentity() throws IOException {
        Path bundle = bundle(site(false), List.of(network("alice", "10.10.10.50", List.of())));
        String swanctl = Files.readString(bundle.resolve(ServerBundle.SWANCTL_CONF));
        String ipsec = Files.readString(bundle.resolve(ServerBundle.IPSEC_CONF));

        assertFalse(swanctl.contains("id = %any") || ipsec.contains("rightid = %any"), swanctl + ipsec);
        // the device subject's DN with a wildcard CN, and NAME@HOST's e-mail form
        assertTrue(swanctl.contains("id = \"C=DE, O=Lab, CN=*\"\n") && swanctl.contains("id = \"*@vpn.test\"\n"), swanctl);
        assertTrue(ipsec.contains("rightid = \"C=DE, O=Lab, CN=*\"\n") && ipsec.contains("rightid = \"*@vpn.test\"\n"), ipsec);
        // alice's own connections name her exactly and hand out her address alone
        assertTrue(swanctl.contains("id = \"C=DE, O=Lab, CN=alice@vpn.test\"\n")
                && swanctl.contains("id = \"alice@vpn.test\"\n"), swanctl);
        assertTrue(swanctl.contains("pools = ikev2kit-1-v4,ikev2kit-v6\n") && swanctl.contains("addrs = 10.10.10.50\n"), swanctl);
        assertTrue(ipsec.contains("rightsourceip = 10.10.10.50,fd00:10:10::8000-fd00:10:10::fffe\n"), ipsec);
        // bob and carol have no connection of their own
        assertFalse(swanctl.contains("bob@") || swanctl.contains("carol@"), swanctl);
    }

    /** A wildcard identity proven by a restricted device's certificate would land in a generic connection. */
    @Test
    void aRestrictedDeviceLeavesNoGenericConnectionAndEveryDeviceItsOwn() throws IOException {
        Path bundle = bundle(site(false), List.of(network("alice", "10.10.10.50", List.of("203.0.113.0/24"))));
        String swanctl = Files.readString(bundle.resolve(ServerBundle.SWANCTL_CONF));

        assertFalse(java.util.regex.Pattern.compile("id = \"[^\"\n]*\\*").matcher(swanctl).find(), swanctl);
        assertTrue(swanctl.contains("local_ts = 203.0.113.0/24\n"), swanctl);
        for (String device : List.of("alice", "bob", "carol")) {
            assertTrue(swanctl.contains("id = \"" + device + "@vpn.test\"\n"), device + "\n" + swanctl);
        }
        assertTrue(swanctl.contains("pools = ikev2kit-v4,ikev2kit-v6\n"), "bob and carol: the dynamic pools\n" + swanctl);
        String nft = Files.readString(bundle.resolve(ServerBundle.NFTABLES_RULES));
        assertTrue(nft.contains("ip saddr 10.10.10.50 ip daddr != { 203.0.113.0/24 } drop\n"), nft);
        String iptables = Files.readString(bundle.resolve(ServerBundle.IPTABLES_RULES));
        assertTrue(iptables.contains("-A IKEV2KIT-FORWARD -s 10.10.10.50 -d 203.0.113.0/24 -j ACCEPT\n"
                + "-A IKEV2KIT-FORWARD -s 10.10.10.50 -j DROP\n"), iptables);
        check(bundle);
    }

    @Test
    void isolateClientsDropsTrafficBetweenThePoolsAddressesInBothFamilies() throws IOException {
        Path bundle = bundle(site(true), List.of());
        assertTrue(Files.readString(bundle.resolve(ServerBundle.NFTABLES_RULES))
                .contains("ip saddr 10.10.10.0/24 ip daddr 10.10.10.0/24 drop\n"
                        + "        ip6 saddr fd00:10:10::/112 ip6 daddr fd00:10:10::/112 drop\n"));
        assertTrue(Files.readString(bundle.resolve(ServerBundle.IPTABLES_RULES))
                .contains("-A IKEV2KIT-FORWARD -s 10.10.10.0/24 -d 10.10.10.0/24 -j DROP\n"));
        assertTrue(Files.readString(bundle.resolve(ServerBundle.IP6TABLES_RULES))
                .contains("-A IKEV2KIT-FORWARD -s fd00:10:10::/112 -d fd00:10:10::/112 -j DROP\n"));
        check(bundle);

        Path open = bundle(site(false), List.of());
        assertFalse(Files.readString(open.resolve(ServerBundle.NFTABLES_RULES)).contains(" drop\n"));
    }

    @Test
    void refusesTwoDevicesWithOneAddressInOneLineAndWritesNothing() {
        SiteWorkspace workspace = ServerSites.workspace(temp.resolve("site"), site(false), "alice", "bob");
        DeviceNetworks.empty().with(List.of(network("alice", "10.10.10.50", List.of()),
                network("bob", "10.10.10.50", List.of()))).write(temp.resolve("site"));
        Path out = temp.resolve("out");

        UserError e = assertThrows(UserError.class, () ->
                ServerBundle.write(workspace.site(), ServerMaterial.from(workspace), out, Renderer.builtIn()));

        assertEquals("devices 'alice' and 'bob' both have the fixed address 10.10.10.50: give one of them another with "
                + "'device set NAME --address' or --fixed", e.getMessage());
        assertFalse(Files.exists(out));
    }

    /** nft and iptables-restore parse the rules without loading them. */
    private static void check(Path bundle) {
        Tool.run("unshare", "-n", "nft", "-c", "-f", bundle.resolve(ServerBundle.NFTABLES_RULES).toString()).orFail();
        Tool.run("unshare", "-n", "iptables-restore", "--test", bundle.resolve(ServerBundle.IPTABLES_RULES).toString()).orFail();
        Tool.run("unshare", "-n", "ip6tables-restore", "--test", bundle.resolve(ServerBundle.IP6TABLES_RULES).toString()).orFail();
    }

    private static Site site(boolean isolate) {
        return ServerSites.site("vpn.test", CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.of("eth0"), false)
                .withIsolateClients(isolate);
    }

    private Path bundle(Site site, List<DeviceNetwork> networks) {
        Path dir = temp.resolve("site-" + System.nanoTime());
        SiteWorkspace workspace = ServerSites.workspace(dir, site, "alice", "bob", "carol");
        DeviceNetworks.empty().with(networks).write(dir);
        Path bundle = temp.resolve("bundle-" + System.nanoTime());
        ServerBundle.write(site, ServerMaterial.from(workspace), bundle, Renderer.builtIn());
        return bundle;
    }

    private static DeviceNetwork network(String name, String ipv4, List<String> allowed) {
        return new DeviceNetwork(new DeviceName(name), Optional.of((Inet4Address) IpAddresses.parse(ipv4)),
                Optional.<Inet6Address>empty(), allowed.stream().map(Cidr::parse).toList());
    }
}
