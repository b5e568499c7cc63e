package io.ikev2kit.profiles.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import io.ikev2kit.profiles.android.AndroidProfile;
import io.ikev2kit.profiles.apple.AppleOptions;
import io.ikev2kit.profiles.apple.AppleProfile;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.ClientSites;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.DeviceNetwork;
import io.ikev2kit.profiles.powershell.CommandCall;
import io.ikev2kit.profiles.powershell.PowerShellGrammar;
import io.ikev2kit.profiles.powershell.PowerShellParse;
import io.ikev2kit.templates.Renderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profiles of a device that may reach only some networks route only those: the server narrows its traffic
 * selectors to them, and whatever a client routes beyond them goes into a tunnel that drops it.
 */
class RestrictedDeviceProfilesTest {
    @TempDir
    static Path tmp;
    static ClientSites full;
    static ClientSites split;

    @BeforeAll
    static void sites() throws Exception {
        full = ClientSites.create(Files.createDirectories(tmp.resolve("full")), ClientSites.Shape.ECDSA_MODERN_FULL_DUAL_STACK);
        split = ClientSites.create(Files.createDirectories(tmp.resolve("split")), ClientSites.Shape.RSA_COMPATIBLE_SPLIT);
    }

    private static Device restricted(ClientSites site, String... allowed) {
        return site.device().withNetwork(new DeviceNetwork(site.device().identity().device(), Optional.empty(),
                Optional.empty(), List.of(allowed).stream().map(Cidr::parse).toList()));
    }

    private static List<PowerShellParse> parse(ClientSites site, Device... devices) throws Exception {
        List<Path> files = new ArrayList<>();
        for (Device device : devices) {
            Path file = tmp.resolve("s" + files.size() + "-" + System.nanoTime() + ".ps1");
            Files.writeString(file, WindowsScript.build(site.site(), device, Renderer.builtIn()), StandardCharsets.UTF_8);
            files.add(file);
        }
        return PowerShellGrammar.parseAll(files);
    }

    private static List<String> routes(PowerShellParse parse, Path file) {
        ScriptAssignments settings = ScriptAssignments.read(file);
        return parse.commands("Add-VpnConnectionRoute").stream()
                .map(r -> WindowsProposals.value(r, "DestinationPrefix", settings)).toList();
    }

    /**
     * Microsoft Learn, Add-VpnConnectionRoute (VpnClient): one -DestinationPrefix per call, for a connection with
     * -SplitTunneling (Add-VpnConnection); without split tunnelling Windows sends everything into the tunnel.
     */
    @Test
    void windowsRoutesOnlyTheAllowedNetworksAsASplitTunnel() throws Exception {
        PowerShellGrammar.requireOrSkip();
        Device device = restricted(full, "192.168.1.0/24", "fd00:99::/64");
        Path file = tmp.resolve("restricted.ps1");
        Files.writeString(file, WindowsScript.build(full.site(), device, Renderer.builtIn()), StandardCharsets.UTF_8);
        PowerShellParse parse = PowerShellGrammar.parseAll(List.of(file)).get(0);
        assertTrue(parse.isValid(), parse.errors().toString());
        CommandCall add = parse.command("Add-VpnConnection");
        assertTrue(add.hasSwitch("SplitTunneling"), "a restricted device is a split tunnel");
        assertEquals(List.of("192.168.1.0/24", "fd00:99::/64"), routes(parse, file),
                "its allowed networks instead of the IPv6 halves ::/1 and 8000::/1");
    }

    /** On a split-tunnel site the device routes what it may reach of the site's routes: their intersection. */
    @Test
    void windowsCutsTheAllowedNetworksToTheSiteRoutes() throws Exception {
        PowerShellGrammar.requireOrSkip();
        Device device = restricted(split, "10.20.30.0/24", "10.0.0.0/8", "192.168.7.0/24");
        Path file = tmp.resolve("restricted-split.ps1");
        Files.writeString(file, WindowsScript.build(split.site(), device, Renderer.builtIn()), StandardCharsets.UTF_8);
        PowerShellParse parse = PowerShellGrammar.parseAll(List.of(file)).get(0);
        // site routes 10.20.0.0/16 and fd00:20::/48: 10.20.30.0/24 is inside, 10.0.0.0/8 holds 10.20.0.0/16
        assertEquals(List.of("10.20.30.0/24", "10.20.0.0/16"), routes(parse, file));
    }

    /**
     * Microsoft, "VPN name resolution": DNS queries go to the interface with the lowest metric first. The script
     * puts the VPN first (metric 1) for an unrestricted device, and for a restricted one only when the pushed DNS
     * servers lie in what it may reach; otherwise its queries would go into a tunnel that drops them.
     */
    @Test
    void windowsPutsTheVpnFirstForDnsOnlyWhenTheDeviceReachesTheDnsServers() throws Exception {
        PowerShellGrammar.requireOrSkip();
        List<Path> files = List.of(tmp.resolve("dns-all.ps1"), tmp.resolve("dns-out.ps1"), tmp.resolve("dns-in.ps1"));
        Device[] devices = {full.device(), restricted(full, "192.168.1.0/24"), restricted(full, "1.1.1.0/24")};
        for (int i = 0; i < devices.length; i++) {
            Files.writeString(files.get(i), WindowsScript.build(full.site(), devices[i], Renderer.builtIn()),
                    StandardCharsets.UTF_8);
        }
        List<PowerShellParse> parses = PowerShellGrammar.parseAll(files);
        assertEquals(1, parses.get(0).commands("Set-NetIPInterface").size(), "unrestricted: the VPN first for DNS");
        assertEquals(List.of("::/1", "8000::/1"), routes(parses.get(0), files.get(0)), "unrestricted keeps the halves");
        assertEquals(0, parses.get(1).commands("Set-NetIPInterface").size(), "the DNS server 1.1.1.1 is out of reach");
        assertEquals(1, parses.get(2).commands("Set-NetIPInterface").size(), "the DNS server 1.1.1.1 is in reach");
    }

    /**
     * strongSwan's Android app routes the profile's split-tunneling subnets when they are set, and the CHILD_SA's
     * remote traffic selectors only otherwise (CharonVpnService.BuilderCache.build: mIncludedSubnetsv4/v6 else
     * mRoutesIPv4/v6, filled by android_service.c add_routes() from the policies' remote selectors). So a restricted
     * device's .sswan names exactly what it may reach, on a split site too, and never blocks IPv6 (block-ipv6 sends
     * all IPv6 into the tunnel).
     */
    @Test
    void androidNamesOnlyWhatTheDeviceMayReach() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode fullProfile = json.readTree(AndroidProfile.build(full.site(), restricted(full, "192.168.1.0/24"),
                Renderer.builtIn()));
        assertEquals("[\"192.168.1.0/24\"]", fullProfile.path("split-tunneling").path("subnets").toString());
        assertFalse(fullProfile.path("split-tunneling").has("block-ipv6"));
        JsonNode splitProfile = json.readTree(AndroidProfile.build(split.site(), restricted(split, "10.20.30.0/24"),
                Renderer.builtIn()));
        assertEquals("[\"10.20.30.0/24\"]", splitProfile.path("split-tunneling").path("subnets").toString(),
                "the site's own routes would override the server's narrowed selectors");
        JsonNode unrestricted = json.readTree(AndroidProfile.build(full.site(), full.device(), Renderer.builtIn()));
        assertTrue(unrestricted.path("split-tunneling").isMissingNode(), "an unrestricted full-tunnel profile is unchanged");
    }

    /**
     * iOS and macOS route an IKEv2 tunnel by the server's traffic selectors (strongSwan docs, interop/ios), so a
     * restricted device's profile is the same as an unrestricted one: nothing in it may override the narrowed
     * selectors. IncludeAllNetworks = 1 would ("the system routes all network traffic through the VPN", Apple's
     * com.apple.vpn.managed schema), and OverridePrimary "only applies to Cisco IPsec and L2TP" (same schema).
     */
    @Test
    void appleTakesTheServersSelectorsAndNothingInTheProfileOverridesThem() throws Exception {
        Device device = restricted(full, "192.168.1.0/24");
        byte[] restrictedProfile = AppleProfile.build(full.site(), device, AppleOptions.defaults(), Renderer.builtIn());
        byte[] unrestrictedProfile = AppleProfile.build(full.site(), full.device(), AppleOptions.defaults(),
                Renderer.builtIn());
        assertArrayEquals(unrestrictedProfile, restrictedProfile);
        NSDictionary root = (NSDictionary) PropertyListParser.parse(restrictedProfile);
        for (NSObject payload : ((com.dd.plist.NSArray) root.get("PayloadContent")).getArray()) {
            NSDictionary dict = (NSDictionary) payload;
            if ("com.apple.vpn.managed".equals(dict.get("PayloadType").toJavaObject())) {
                NSDictionary ikev2 = (NSDictionary) dict.get("IKEv2");
                assertFalse(ikev2.containsKey("IncludeAllNetworks") && !"0".equals(
                        ikev2.get("IncludeAllNetworks").toString()), "IncludeAllNetworks would override the selectors");
                assertFalse(ikev2.containsKey("EnforceRoutes"));
                return;
            }
        }
        throw new AssertionError("no VPN payload");
    }
}
