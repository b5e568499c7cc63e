package io.ikev2kit.profiles.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.Certificates;
import io.ikev2kit.profiles.ClientSites;
import io.ikev2kit.profiles.OpenSsl;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.powershell.CommandCall;
import io.ikev2kit.profiles.powershell.NativeCommandLine;
import io.ikev2kit.profiles.powershell.VpnConnectionRoutes;
import io.ikev2kit.profiles.powershell.PowerShellGrammar;
import io.ikev2kit.profiles.powershell.PowerShellParse;
import io.ikev2kit.profiles.powershell.ValueKind;
import io.ikev2kit.profiles.powershell.WindowsVpnEnums;
import io.ikev2kit.templates.Renderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated Windows script, judged by the PowerShell grammar, Microsoft's documented values and openssl. */
class WindowsScriptTest {

    @TempDir
    static Path tmp;

    private static final Map<ClientSites.Shape, Generated> GENERATED = new EnumMap<>(ClientSites.Shape.class);

    /** One site's script as written, parsed and with its settings block read. */
    record Generated(ClientSites fixture, Path file, String text, PowerShellParse parse, ScriptAssignments settings) {
        Site site() {
            return fixture.site();
        }

        String setting(String name) {
            return settings.resolveString(name);
        }

        @Override
        public String toString() {
            return fixture.label();
        }
    }

    @BeforeAll
    static void generate() throws IOException {
        PowerShellGrammar.requireOrSkip();
        List<Path> files = new ArrayList<>();
        Map<ClientSites.Shape, String> texts = new EnumMap<>(ClientSites.Shape.class);
        Map<ClientSites.Shape, ClientSites> fixtures = new EnumMap<>(ClientSites.Shape.class);
        for (ClientSites.Shape shape : ClientSites.Shape.values()) {
            ClientSites fixture = ClientSites.create(Files.createDirectories(tmp.resolve(shape.name())), shape);
            String text = WindowsScript.build(fixture.site(), fixture.device(), Renderer.builtIn());
            Path file = tmp.resolve(shape.name()).resolve(WindowsScript.fileName(fixture.device()));
            Files.writeString(file, text, StandardCharsets.UTF_8);
            files.add(file);
            texts.put(shape, text);
            fixtures.put(shape, fixture);
        }
        List<PowerShellParse> parses = PowerShellGrammar.parseAll(files);
        int i = 0;
        for (ClientSites.Shape shape : ClientSites.Shape.values()) {
            GENERATED.put(shape, new Generated(fixtures.get(shape), files.get(i), texts.get(shape), parses.get(i),
                    ScriptAssignments.read(files.get(i))));
            i++;
        }
    }

    static Stream<Generated> scripts() {
        return GENERATED.values().stream();
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void parsesWithoutSyntaxErrorsAsUtf8WithBomAndCrlf(Generated g) {
        assertTrue(g.parse().isValid(), () -> "syntax errors: " + g.parse().errors());
        assertTrue(g.parse().bom(), "Windows PowerShell 5.1 reads a BOM-less script as ANSI");
        assertEquals("crlf", g.parse().lineEndings());
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void declaresPasswordAsSecureStringAndSwitches(Generated g) {
        assertEquals("SecureString", g.parse().param("P12Password").orElseThrow().type());
        for (String name : List.of("Uninstall", "PrivateNetwork", "NoConnect")) {
            assertEquals("switch", g.parse().param(name).orElseThrow(() -> new AssertionError("no -" + name)).type());
        }
        assertTrue(g.text().contains("powershell -ExecutionPolicy Bypass -File " + WindowsScript.fileName(g.fixture().device())),
                "the header says how to run it");
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void keepsSettingsAsNamedVariablesWithTheSiteValues(Generated g) {
        assertEquals(g.site().displayName(), g.setting("ConnectionName"), "quoting must survive any display name");
        assertEquals(g.site().host().value(), g.setting("ServerAddress"));
        assertEquals(g.fixture().device().identity().value(), g.setting("DeviceIdentity"));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void addsAnIkev2MachineCertificateConnectionForAllUsers(Generated g) {
        CommandCall add = g.parse().command("Add-VpnConnection");
        assertEquals(g.site().displayName(), WindowsProposals.value(add, "Name", g.settings()));
        assertEquals(g.site().host().value(), WindowsProposals.value(add, "ServerAddress", g.settings()));
        WindowsVpnEnums.ADD_VPN_CONNECTION.forEach((name, allowed) -> assertTrue(
                WindowsVpnEnums.accepts(allowed, add.value(name)), () -> "-" + name + " " + add.value(name)));
        assertEquals("Ikev2", add.value("TunnelType"));
        assertEquals("MachineCertificate", add.value("AuthenticationMethod"));
        assertEquals("Required", add.value("EncryptionLevel"));
        assertTrue(add.hasSwitch("AllUserConnection"));
        assertEquals(!g.site().fullTunnel(), add.hasSwitch("SplitTunneling"));
        assertFalse(add.hasParameter("L2tpPsk"));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void setsTheSixIpsecValuesTheServerAccepts(Generated g) {
        WindowsProposals proposals = WindowsProposals.read(g.parse(), g.settings());
        assertEquals(g.site().suite().ikeProposal(), proposals.ike());
        assertEquals(g.site().suite().espProposal(true), proposals.esp());
        assertTrue(g.site().suite().serverIkeProposals().contains(proposals.ike()));
        assertTrue(g.site().suite().serverEspProposals().contains(proposals.esp()));
        CommandCall set = g.parse().command("Set-VpnConnectionIPsecConfiguration");
        assertEquals(g.site().displayName(), WindowsProposals.value(set, "ConnectionName", g.settings()));
        assertTrue(set.hasSwitch("AllUserConnection") && set.hasSwitch("Force"));
    }

    @Test
    void usesTheGcmValueForBothTransformsWithGcm() {
        Map<String, String> settings = WindowsProposals.read(GENERATED.get(ClientSites.Shape.ECDSA_MODERN_FULL_DUAL_STACK).file()).settings();
        assertEquals("GCMAES256", settings.get("CipherTransformConstants"));
        assertEquals("GCMAES256", settings.get("AuthenticationTransformConstants"));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void routesSplitNetworksOrIpv6DefaultThroughTheTunnel(Generated g) {
        List<CommandCall> routes = g.parse().commands("Add-VpnConnectionRoute");
        for (CommandCall route : routes) {
            assertEquals(g.site().displayName(), WindowsProposals.value(route, "ConnectionName", g.settings()));
            assertTrue(route.hasSwitch("AllUserConnection"));
        }
        List<String> prefixes = routes.stream().map(r -> WindowsProposals.value(r, "DestinationPrefix", g.settings())).toList();
        // the cmdlet refuses ::/0 (strongSwan docs, interop/windowsClients, "IPv6"), and the script stops there
        prefixes.forEach(prefix -> assertEquals(java.util.Optional.empty(), VpnConnectionRoutes.refusal(prefix)));
        if (!g.site().fullTunnel()) {
            assertEquals(g.site().routes().stream().map(Object::toString).toList(), prefixes);
        } else if (g.site().ipv6Pool().isPresent()) {
            // the two halves of the IPv6 space, as hwdsl2 (docs/advanced-usage.md) and algo (PR #1501) route them
            assertEquals(List.of("::/1", "8000::/1"), prefixes);
        } else {
            assertEquals(List.of(), prefixes);
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void embedsTheSiteCaWithItsThumbprint(Generated g) throws Exception {
        byte[] ca = Base64.getMimeDecoder().decode(g.setting("CaCertificateBase64"));
        assertArrayEquals(g.fixture().device().ca().getEncoded(), ca);
        assertEquals(OpenSsl.sha1Fingerprint(ca, tmp), g.setting("CaThumbprint"));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void embedsAP12ThatOpensWithTheDevicePasswordOnly(Generated g) throws Exception {
        byte[] p12 = Base64.getMimeDecoder().decode(g.setting("DeviceP12Base64"));
        OpenSsl.Result info = OpenSsl.pkcs12Info(p12, ClientSites.P12_PASSWORD, tmp);
        assertTrue(info.ok(), info::stderr);
        assertTrue(info.stdout().contains("PRIVATE KEY"), "the p12 carries the device key");
        assertFalse(OpenSsl.pkcs12Info(p12, "wrong-password", tmp).ok());
        String pem = OpenSsl.pkcs12Certificates(p12, ClientSites.P12_PASSWORD, tmp).stdout();
        String deviceThumbprint = g.setting("DeviceThumbprint");
        assertEquals(Certificates.sha1Thumbprint(g.fixture().device().certificate()), deviceThumbprint);
        assertTrue(pemCertificates(pem).stream().anyMatch(der -> OpenSsl.sha1Fingerprint(der, tmp).equals(deviceThumbprint)),
                "the device certificate in the p12 has the thumbprint the script checks for");
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void carriesNoPlaintextPassword(Generated g) {
        assertFalse(g.text().contains(ClientSites.P12_PASSWORD));
        assertFalse(g.text().contains(ClientSites.CA_PASSWORD));
        assertTrue(g.parse().commands("Import-PfxCertificate").stream()
                .allMatch(c -> c.value("Password").equalsIgnoreCase("$script:P12Password")));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void importsIntoTheMachineStoresOnlyWhenTheThumbprintIsMissing(Generated g) {
        CommandCall pfx = g.parse().command("Import-PfxCertificate");
        assertEquals("Cert:\\LocalMachine\\My", pfx.value("CertStoreLocation"));
        assertEquals("Cert:\\LocalMachine\\Root", g.parse().command("Import-Certificate").value("CertStoreLocation"));
        List<String> guards = g.parse().commands("Test-Path").stream().map(c -> c.value("LiteralPath")).toList();
        assertTrue(guards.contains("Cert:\\LocalMachine\\Root\\$CaThumbprint"), guards::toString);
        assertTrue(guards.contains("Cert:\\LocalMachine\\My\\$DeviceThumbprint"), guards::toString);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void replacesAnExistingConnectionOfTheSameName(Generated g) {
        CommandCall get = g.parse().command("Get-VpnConnection");
        CommandCall remove = g.parse().command("Remove-VpnConnection");
        assertEquals("$ConnectionName", get.value("Name"));
        assertEquals("$ConnectionName", remove.value("Name"));
        assertTrue(remove.hasSwitch("AllUserConnection") && remove.hasSwitch("Force"));
        int removeCall = line(g, "Remove-ExistingConnection", 0);
        assertTrue(removeCall < g.parse().command("Add-VpnConnection").line(), "removed before it is added again");
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void checksAdministratorRightsBeforeChangingAnything(Generated g) {
        int check = line(g, "Test-Administrator", 0);
        for (String step : List.of("Uninstall-Vpn", "Install-CaCertificate", "Install-DeviceCertificate", "Add-Connection")) {
            assertTrue(check < line(g, step, 0), step + " runs after the administrator check");
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void explainsTheUsualConnectErrors(Generated g) {
        assertEquals("$RasdialEntry", g.parse().commands("Invoke-Rasdial").get(1).arguments().get(0).value());
        assertTrue(g.parse().functions().contains("Get-ConnectionError"));
        for (String code : List.of("13801 { return \"error 13801: the server's certificate",
                "13806 { return \"error 13806: Windows found no machine certificate",
                "13868 { return \"error 13868: the server refused the IPsec proposal")) {
            assertTrue(g.text().contains(code), code);
        }
    }

    /**
     * Windows PowerShell 5.1 passes quotes inside an argument to a native program unescaped, so rasdial gets the
     * connection name only through a command line the script quoted itself (Microsoft, "Parsing C command-line
     * arguments"), started with Start-Process, which passes one string unchanged.
     */
    @ParameterizedTest
    @MethodSource("scripts")
    void givesRasdialTheConnectionNameAsExactlyOneArgument(Generated g) {
        assertEquals(List.of(), g.parse().commands("rasdial.exe"), "no direct native call with the name");
        assertEquals(List.of(), g.parse().commands("rasdial"), "no direct native call with the name");
        CommandCall start = g.parse().commands("Start-Process").stream()
                .filter(c -> c.value("FilePath").equalsIgnoreCase("rasdial.exe")).findFirst().orElseThrow();
        assertEquals("$Arguments", start.value("ArgumentList"));
        assertTrue(start.hasSwitch("Wait") && start.hasSwitch("PassThru"), "waits for rasdial's exit code");
        assertEquals(List.of(g.site().displayName()), NativeCommandLine.split(g.setting("RasdialEntry")));
        List<String> calls = g.parse().commands("Invoke-Rasdial").stream().map(c -> c.arguments().get(0).value()).toList();
        assertEquals(List.of("$RasdialEntry /disconnect", "$RasdialEntry"), calls);
        String disconnect = g.setting("RasdialEntry") + " /disconnect";
        assertEquals(List.of(g.site().displayName(), "/disconnect"), NativeCommandLine.split(disconnect));
    }

    @Test
    void quotesAnyConnectionNameForRasdialAsOneArgument() {
        for (String name : List.of("Example VPN", "a\"b", "\"", "/disconnect", "x\\", "x\\\"y", "\\\\\"", "a\tb  c",
                ClientSites.AWKWARD_NAME, "-phonebook:x", "\\server\\share\\")) {
            assertEquals(List.of(name), NativeCommandLine.split(WindowsArgument.quote(name)), name);
        }
    }

    /** Microsoft, "VPN name resolution": without NRPT rules, DNS goes first to the interface with the lowest metric. */
    @ParameterizedTest
    @MethodSource("scripts")
    void keepsDnsInTheTunnelWithTheLowestInterfaceMetricAfterConnecting(Generated g) {
        CommandCall metric = g.parse().command("Set-NetIPInterface");
        assertEquals("$ConnectionName", metric.value("InterfaceAlias"));
        assertEquals("1", metric.value("InterfaceMetric"));
        assertTrue(g.parse().commands("Invoke-Rasdial").get(1).line() < metric.line(), "set once the interface exists");
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void uninstallRemovesTheConnectionAndOnlyItsOwnCertificates(Generated g) {
        assertTrue(g.parse().functions().contains("Uninstall-Vpn"));
        List<String> removed = g.parse().commands("Remove-Item").stream().map(c -> c.value("LiteralPath")).toList();
        assertEquals(List.of("$file", "$file", "$path", "$path"), removed, "temp files and thumbprint paths only");
        assertTrue(g.text().contains("foreach ($thumbprint in $DeviceThumbprint, $CaThumbprint)"));
        assertTrue(g.text().contains("$path = \"Cert:\\LocalMachine\\$store\\$thumbprint\""));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void marksTheVpnNetworkPrivateOnRequest(Generated g) {
        CommandCall category = g.parse().command("Set-NetConnectionProfile");
        assertEquals("$ConnectionName", category.value("InterfaceAlias"));
        assertEquals("Private", category.value("NetworkCategory"));
    }

    @Test
    void launcherStartsTheScriptElevatedWithBypassForOneProcess() throws IOException {
        ClientSites fixture = GENERATED.get(ClientSites.Shape.ECDSA_MODERN_FULL_DUAL_STACK).fixture();
        String cmd = WindowsScript.launcher(fixture.device(), io.ikev2kit.templates.Renderer.builtIn());
        assertEquals("alice.cmd", WindowsScript.launcherFileName(fixture.device()));
        assertTrue(cmd.contains("\r\n") && !cmd.replace("\r\n", "").contains("\n"), "cmd.exe wants CRLF");
        assertTrue(cmd.contains("set \"IKEV2KIT_SCRIPT=%~dp0alice.ps1\""));
        assertFalse(cmd.toLowerCase(java.util.Locale.ROOT).contains("set-executionpolicy"));
        Matcher m = Pattern.compile("powershell\\.exe -NoProfile -Command \"(.*)\"\\r\\n").matcher(cmd);
        assertTrue(m.find(), cmd);
        // What powershell.exe runs once its command line is split: \" becomes ".
        PowerShellParse inner = PowerShellGrammar.parse(m.group(1).replace("\\\"", "\""));
        assertTrue(inner.isValid(), () -> inner.errors().toString());
        CommandCall start = inner.command("Start-Process");
        assertEquals("powershell.exe", start.value("FilePath"));
        assertEquals("RunAs", start.value("Verb"));
        assertEquals(ValueKind.EXPRESSION, start.parameter("ArgumentList").orElseThrow().valueKind());
        assertTrue(start.value("ArgumentList").contains("'-NoProfile -NoExit -ExecutionPolicy Bypass -File \"{0}\"' -f $env:IKEV2KIT_SCRIPT"));
    }

    @Test
    void differsPerDeviceOnlyInIdentityCertificateAndName() throws Exception {
        ClientSites fixture = GENERATED.get(ClientSites.Shape.RSA_COMPATIBLE_SPLIT).fixture();
        String other = WindowsScript.build(fixture.site(), fixture.other(), Renderer.builtIn());
        assertEquals("bob-laptop.ps1", WindowsScript.fileName(fixture.other()));
        assertTrue(other.contains("$DeviceIdentity = 'bob-laptop@vpn.example.com'"));
        assertNotEquals(Certificates.sha1Thumbprint(fixture.device().certificate()),
                Certificates.sha1Thumbprint(fixture.other().certificate()));
        assertTrue(other.contains(Certificates.sha1Thumbprint(fixture.other().certificate())));
    }

    private static int line(Generated g, String command, int index) {
        return g.parse().commands(command).get(index).line();
    }

    private static List<byte[]> pemCertificates(String pem) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL).matcher(pem);
        while (m.find()) {
            out.add(Base64.getMimeDecoder().decode(m.group(1)));
        }
        return out;
    }
}
