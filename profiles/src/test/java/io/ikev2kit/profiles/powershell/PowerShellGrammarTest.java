package io.ikev2kit.profiles.powershell;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves the harness: a valid script reads back exactly, and broken ones fail with the line at fault. */
class PowerShellGrammarTest {

    private static Path validSetup;
    private static PowerShellParse valid;

    @BeforeAll
    static void parseFixture() throws URISyntaxException {
        validSetup = Path.of(PowerShellGrammarTest.class.getResource("valid-setup.ps1").toURI());
        if (PowerShellGrammar.unavailableReason().isEmpty()) {
            valid = PowerShellGrammar.parse(validSetup);
        }
    }

    @BeforeEach
    void requireGrammar() {
        PowerShellGrammar.requireOrSkip(); // per test, so a skip shows in the counts with its reason
    }

    @Test
    void acceptsScriptWithParamBlockFunctionsTryCatchAndHereStrings() {
        assertEquals(List.of(), valid.errors());
        assertEquals(List.of("Remove-ExampleVpn", "Install-ExampleVpn"), valid.functions());
        assertEquals("lf", valid.lineEndings());
        assertFalse(valid.bom());
    }

    @Test
    void readsScriptParamBlockWithTypes() {
        assertEquals(List.of("P12Password", "Uninstall", "ConnectionName"),
                valid.params().stream().map(ScriptParameter::name).toList());
        assertEquals("SecureString", valid.param("P12Password").orElseThrow().type());
        assertEquals("switch", valid.param("Uninstall").orElseThrow().type());
        assertEquals("'Example VPN'", valid.param("ConnectionName").orElseThrow().defaultValue());
    }

    @Test
    void readsBackAddVpnConnectionValuesAndSwitches() {
        CommandCall add = valid.command("Add-VpnConnection");
        assertEquals(28, add.line());
        assertEquals(List.of("Name", "ServerAddress", "TunnelType", "AuthenticationMethod", "EncryptionLevel",
                "AllUserConnection", "Force"), add.parameterNames());
        assertEquals("$ConnectionName", add.value("Name"));
        assertEquals(ValueKind.VARIABLE, add.parameter("Name").orElseThrow().valueKind());
        assertEquals("vpn.example.com", add.value("ServerAddress"));
        assertEquals(ValueKind.STRING, add.parameter("ServerAddress").orElseThrow().valueKind());
        assertEquals("Ikev2", add.value("tunneltype"));
        assertEquals(ValueKind.BAREWORD, add.parameter("TunnelType").orElseThrow().valueKind());
        assertEquals("MachineCertificate", add.value("AuthenticationMethod"));
        assertEquals("Required", add.value("EncryptionLevel"));
        assertTrue(add.hasSwitch("AllUserConnection"));
        assertTrue(add.hasSwitch("Force"));
        assertFalse(add.hasSwitch("SplitTunneling"));
    }

    @Test
    void readsAllSixIpsecParametersAcrossBacktickContinuations() {
        CommandCall ipsec = valid.command("Set-VpnConnectionIPsecConfiguration");
        assertEquals("$ConnectionName", ipsec.value("ConnectionName"));
        assertEquals("GCMAES256", ipsec.value("AuthenticationTransformConstants"));
        assertEquals("GCMAES256", ipsec.value("CipherTransformConstants"));
        assertEquals("GCMAES256", ipsec.value("EncryptionMethod"));
        assertEquals("SHA256", ipsec.value("IntegrityCheckMethod"));
        assertEquals("ECP384", ipsec.value("DHGroup"));
        assertEquals("ECP384", ipsec.value("PfsGroup"));
        assertEquals(35, ipsec.parameter("PfsGroup").orElseThrow().line());
        assertTrue(ipsec.hasSwitch("Force"));
    }

    @Test
    void fixtureUsesOnlyDocumentedIpsecValues() {
        CommandCall ipsec = valid.command("Set-VpnConnectionIPsecConfiguration");
        WindowsVpnEnums.IPSEC_CONFIGURATION.forEach((parameter, allowed) ->
                assertTrue(WindowsVpnEnums.accepts(allowed, ipsec.value(parameter)), parameter + " " + ipsec.value(parameter)));
    }

    @Test
    void readsCommandsInsidePipelinesAndTryCatch() {
        CommandCall pfx = valid.command("Import-PfxCertificate");
        assertEquals("$PSScriptRoot\\alice.p12", pfx.value("FilePath"));
        assertEquals("Cert:\\LocalMachine\\My", pfx.value("CertStoreLocation"));
        assertEquals("$P12Password", pfx.value("Password"));
        assertEquals(2, valid.commands("Out-Null").size());
        assertEquals("(Join-Path $PSScriptRoot 'ca.crt')", valid.command("Import-Certificate").value("FilePath"));
        assertEquals("Setup failed: $($_.Exception.Message)", valid.command("Write-Error").arguments().get(0).value());
    }

    @Test
    void readsHereStringContentAsValue() {
        CommandCall setContent = valid.command("Set-Content");
        assertEquals("Connection: $ConnectionName\nServer: $ServerAddress", setContent.value("Value"));
        assertEquals(ValueKind.STRING, setContent.parameter("Value").orElseThrow().valueKind());
    }

    @Test
    void reportsSplatsAndColonBoundSwitches() {
        CommandCall route = valid.command("Add-VpnConnectionRoute");
        assertEquals(List.of("route"), route.splats());
        assertTrue(route.hasSwitch("AllUserConnection"));
        assertFalse(route.hasSwitch("PassThru"));
        assertEquals("-AllUserConnection:$true", route.parameter("AllUserConnection").orElseThrow().text());
    }

    @Test
    void readsPositionalArgumentsAndCallOperator() {
        PowerShellParse parse = PowerShellGrammar.parse("& \"$env:SystemRoot\\System32\\rasdial.exe\" 'Example VPN' /disconnect\n");
        CommandCall rasdial = parse.commands().get(0);
        assertEquals("&", rasdial.invocationOperator());
        assertEquals(List.of("Example VPN", "/disconnect"), rasdial.arguments().stream().map(CommandCall.Argument::value).toList());
        assertEquals(List.of(ValueKind.STRING, ValueKind.BAREWORD), rasdial.arguments().stream().map(CommandCall.Argument::valueKind).toList());
    }

    @Test
    void reportsMissingClosingBrace() {
        PowerShellParse parse = PowerShellGrammar.parse("""
                function Install-ExampleVpn {
                    Add-VpnConnection -Name 'Example VPN' -Force

                Write-Host done
                """);
        assertFalse(parse.isValid());
        assertEquals("4:16 MISSING missing \"}\"", parse.errors().get(0).toString());
    }

    @Test
    void reportsUnterminatedStringOnItsLine() {
        PowerShellParse parse = PowerShellGrammar.parse("""
                Write-Host one
                Add-VpnConnection -Name 'Example VPN -Force
                Write-Host three
                """);
        assertEquals(List.of(2), lines(parse));
        assertEquals(25, parse.errors().get(0).column());
    }

    @Test
    void reportsStrayClosingBraceOnItsLine() {
        PowerShellParse parse = PowerShellGrammar.parse("Write-Host one\n}\nWrite-Host three\n");
        assertEquals(2, parse.errors().get(0).line());
    }

    @Test
    void reportsBacktickFollowedBySpace() {
        PowerShellParse parse = PowerShellGrammar.parse("Add-VpnConnection -Name 'Example VPN' ` \n    -Force\n");
        assertFalse(parse.isValid(), "a space after the backtick ends the line continuation");
    }

    @Test
    void reportsIndentedHereStringTerminator() {
        PowerShellParse parse = PowerShellGrammar.parse("$text = @\"\nhello\n    \"@\nWrite-Host $text\n");
        assertFalse(parse.isValid(), "a here-string's closing \"@ must start its line");
    }

    @Test
    void reportsByteOrderMarkAndCrlf() {
        PowerShellParse parse = PowerShellGrammar.parse("\uFEFFWrite-Host 'Grüße'\r\nWrite-Host done\r\n");
        assertTrue(parse.isValid());
        assertTrue(parse.bom());
        assertEquals("crlf", parse.lineEndings());
        assertEquals("Grüße", parse.commands().get(0).arguments().get(0).value());
    }

    @Test
    void parsesManyFilesWithOneNodeStart(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.ps1"), "if ($x) { Write-Host x\n");
        List<PowerShellParse> parses = PowerShellGrammar.parseAll(List.of(validSetup, broken, validSetup));
        assertEquals(List.of(true, false, true), parses.stream().map(PowerShellParse::isValid).toList());
        assertEquals(broken.toAbsolutePath().toString(), parses.get(1).path());
        assertEquals(valid.commands(), parses.get(2).commands());
    }

    private static List<Integer> lines(PowerShellParse parse) {
        return parse.errors().stream().map(SyntaxError::line).distinct().toList();
    }
}
