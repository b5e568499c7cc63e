package io.ikev2kit.cli;

import static io.ikev2kit.cli.HostileValuesTest.assertOneLine;
import static io.ikev2kit.cli.HostileValuesTest.attribute;
import static io.ikev2kit.cli.HostileValuesTest.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.Tool;
import io.ikev2kit.profiles.site.SiteFile;
import io.ikev2kit.profiles.powershell.PowerShellGrammar;
import io.ikev2kit.profiles.powershell.PowerShellParse;
import io.ikev2kit.profiles.windows.ScriptAssignments;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property behind every value a user can set: for each user-settable string and each value of a hostile
 * corpus, either the entry point refuses it with one clean line (exit 1 or 2, no trace), or every output that
 * carries it gives it back unchanged when read with its real parser (site.conf's reader, openssl and
 * BouncyCastle for certificates, dd-plist, Jackson for .sswan JSON, the tree-sitter PowerShell grammar, bash -n,
 * nft -c and iptables-restore --test, Jakarta Mail for .eml, openssl pkcs12 for passwords). The PowerShell
 * grammar runs once for the whole batch. The name reaches swanctl.conf and ipsec.conf only in their first
 * comment line: the test holds every other line equal to a plain site's.
 */
class HostileValuesPropertyTest {
    /** Quotes, comment and escape characters of every output's syntax, line breaks, controls, and what Unicode hides. */
    static final List<String> CORPUS = List.of(
            "\"double\"", "it's", "#1 VPN", "# comment", "back\\slash", "\\", "semi;colon", "com,ma", "a=b",
            "new\nline", "cr\rlf\r\n", "nul\u0000byte", "esc\u001b[2J", "bell\u0007", "tab\there", "nel\u0085",
            "non\uffffchar", "non\ufdd0char", "lone\ud800half", "bidi\u202egnp.exe", "bom\ufeff", "line\u2028sep",
            " leading", "trailing ", "x".repeat(49), "y".repeat(300), "$(id) `whoami` ${env:PATH}",
            "'; Remove-Item C:\\ -Recurse; '", "\u2018smart\u2019 \u201cquotes\u201d", "<string>&amp;]]></string>",
            "{\"json\": [1]}", "%any", "*", "${name} <#if x>", "}{", "include /etc/passwd",
            "\u00dcn\u00efc\u00f6d\u00e9 \u4e2d\u6587 \ud83d\ude00", "x\u200dy");

    /** One fixed pool, so bundles differ only where the value goes (the default IPv6 pool is random). */
    static final String POOL = "10.10.10.0/24";

    @TempDir
    static Path tmp;
    static Path caPass;
    static Path p12Pass;
    static Path base;
    static int counter;

    @BeforeAll
    static void baseSite() throws Exception {
        caPass = Tool.secretFile(tmp, "property passphrase");
        p12Pass = Tool.secretFile(tmp, "property-p12-password");
        base = tmp.resolve("base");
        assertEquals(0, CliRun.of("init", "--dir", base.toString(), "--host", "vpn.example.com", "--pool", POOL,
                "--ca-password-file", caPass.toString()).exitCode());
        assertEquals(0, add(base, "alice").exitCode());
        assertEquals(0, CliRun.of("server", "--out", base.resolve("bundle").toString(), "--dir", base.toString()).exitCode());
    }

    @Test
    void nameAndOrganisationReachCertificatesProfilesScriptsBundleAndMailUnchanged() throws Exception {
        Tool.require("openssl");
        PowerShellGrammar.requireOrSkip();
        List<Accepted> accepted = new ArrayList<>();
        for (String value : CORPUS) {
            Path site = tmp.resolve("name-" + counter++);
            CliRun init = CliRun.of("init", "--dir", site.toString(), "--host", "vpn.example.com", "--pool", POOL, "--name", value,
                    "--org", value, "--ca-password-file", caPass.toString());
            if (refused(init, value)) {
                continue;
            }
            assertEquals(0, add(site, "alice").exitCode());
            Path out = site.resolve("out");
            assertEquals(0, CliRun.of("device", "export", "alice", "--format", "all", "--out", out.toString(),
                    "--dir", site.toString()).exitCode());
            assertEquals(0, CliRun.of("server", "--out", site.resolve("bundle").toString(), "--dir", site.toString())
                    .exitCode());
            assertEquals(0, CliRun.of("mail", "alice", "--to", "alice@example.com", "--eml", site.resolve("eml")
                    .toString(), "--dir", site.toString()).exitCode());
            accepted.add(new Accepted(value, site));
        }
        assertTrue(accepted.size() >= 15, "most of the corpus is text a name may hold: " + accepted.size());
        List<PowerShellParse> scripts = PowerShellGrammar.parseAll(accepted.stream()
                .map(a -> a.site().resolve("out/alice.ps1")).toList());
        for (int i = 0; i < accepted.size(); i++) {
            String value = accepted.get(i).value();
            Path site = accepted.get(i).site();
            assertEquals(value, SiteFile.read(site).displayName(), "site.conf");

            X509Certificate ca = Pem.certificate(Files.readAllBytes(site.resolve("pki/ca.pem")));
            assertEquals(value + " Root CA", attribute(ca, "CN"));
            assertEquals(value, attribute(ca, "O"));
            String subject = Tool.run("openssl", "x509", "-in", site.resolve("pki/ca.pem").toString(), "-noout",
                    "-subject", "-nameopt", "sep_multiline,utf8,-esc_2253,-esc_ctrl,-esc_msb,lname").expectSuccess().output();
            assertTrue(subject.contains("    organizationName=" + value + "\n"), subject);

            NSDictionary profile = (NSDictionary) PropertyListParser.parse(site.resolve("out/alice.mobileconfig").toFile());
            assertEquals(value, profile.objectForKey("PayloadOrganization").toString(), "mobileconfig organisation");
            NSDictionary vpn = payload(profile, "com.apple.vpn.managed");
            assertEquals(value, vpn.objectForKey("UserDefinedName").toString(), "mobileconfig name");
            assertEquals(value + " Root CA", ((NSDictionary) vpn.objectForKey("IKEv2"))
                    .objectForKey("ServerCertificateIssuerCommonName").toString());

            JsonNode sswan = new ObjectMapper().readTree(site.resolve("out/alice.sswan").toFile());
            assertEquals(value, sswan.get("name").asText(), ".sswan name");

            assertTrue(scripts.get(i).isValid(), "PowerShell grammar: " + scripts.get(i).errors());
            assertEquals(value, ScriptAssignments.read(site.resolve("out/alice.ps1")).resolveString("ConnectionName"));

            Tool.run("bash", "-n", site.resolve("bundle/install.sh").toString()).expectSuccess();
            for (String conf : List.of("bundle/etc/swanctl/swanctl.conf", "bundle/etc/ipsec.conf")) {
                List<String> lines = Files.readAllLines(site.resolve(conf));
                assertTrue(lines.get(0).startsWith("#") && lines.get(0).contains("\"" + value + "\""), conf + ": " + lines.get(0));
                // the name is in the first comment only: every other line is the base site's (the organisation,
                // the same value here, also stands in ipsec.conf's rightca, which HostileValuesTest checks)
                assertEquals(withoutFirstAndRightca(base.resolve(conf)), withoutFirstAndRightca(site.resolve(conf)), conf);
                // the organisation also stands in the generic connection's DN identity: as text, or as DER in hex
                // where a character of it ends strongSwan's DN or quoted string
                String dnId = genericDnId(site.resolve(conf));
                if (dnId.startsWith("asn1dn:#")) {
                    org.bouncycastle.asn1.x500.X500Name dn = org.bouncycastle.asn1.x500.X500Name.getInstance(
                            java.util.HexFormat.of().parseHex(dnId.substring("asn1dn:#".length())));
                    assertEquals(value, dnAttribute(dn, org.bouncycastle.asn1.x500.style.BCStyle.O), conf);
                    assertEquals("*", dnAttribute(dn, org.bouncycastle.asn1.x500.style.BCStyle.CN), conf);
                } else {
                    assertEquals("\"O=" + value + ", CN=*\"", dnId, conf);
                }
            }
            assertTrue(emlText(site.resolve("eml")).contains("It connects to " + value + " (vpn.example.com)"), "mail body");
        }
    }

    @Test
    void everyOtherSettingIsRefusedCleanlyOrReadBackUnchanged() {
        checkInitOption("--host", site -> SiteFile.read(site).host().value());
        checkInitOption("--dns", site -> SiteFile.read(site).dns().get(0).getHostAddress());
        checkInitOption("--route", site -> SiteFile.read(site).routes().get(0).toString());
        checkInitOption("--pool", site -> SiteFile.read(site).pools().get(0).toString());
        checkInitOption("--uplink", site -> SiteFile.read(site).uplink().orElseThrow());
        for (String value : CORPUS) {
            CliRun run = add(base, value);
            if (!refused(run, value)) {
                assertTrue(CliRun.of("device", "list", "--dir", base.toString()).out().lines()
                        .anyMatch(l -> l.startsWith(value + " ")), value);
            }
        }
    }

    /** Values a network setting may really hold, next to the corpus, so the accepted path meets the real parsers. */
    static final List<String> NETWORK = List.of("eth0", "eth0.100", "wg_0-1", "br-lan", "10.99.0.0/16",
            "fd00:1:2::/112", "192.168.1.0/24", "2001:db8::/64");

    @Test
    void networkSettingsReachTheFirewallRulesAndInstallScriptUnchanged() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        org.junit.jupiter.api.Assumptions.assumeTrue(root || "true".equals(System.getenv("CI")), "nft -c needs root");
        Tool.require("nft");
        Tool.require("iptables-restore");
        List<String> values = Stream.concat(NETWORK.stream(), CORPUS.stream()).toList();
        int checked = 0;
        for (String option : List.of("--uplink", "--pool", "--route")) {
            for (String value : values) {
                Path site = tmp.resolve("net-" + counter++);
                // an IPv6 address: clients get an IPv6 pool only from a server that has IPv6
                List<String> args = new ArrayList<>(List.of("init", "--dir", site.toString(), "--host", "vpn.example.com",
                        "--ip", "2001:db8::10", option, value, "--ca-password-file", caPass.toString()));
                if (!option.equals("--pool")) {
                    args.addAll(List.of("--pool", POOL, "--pool", "fd00:9::/112"));
                }
                if (refused(CliRun.of(args.toArray(String[]::new)), value)) {
                    continue;
                }
                Path bundle = site.resolve("bundle");
                assertEquals(0, CliRun.of("server", "--out", bundle.toString(), "--dir", site.toString()).exitCode());
                String nft = Files.readString(bundle.resolve("etc/nftables.d/ikev2kit.nft"));
                if (!option.equals("--route")) {
                    assertTrue(nft.contains(option.equals("--uplink") ? "oifname \"" + value + "\"" : value + " "),
                            option + " " + value + " in " + nft);
                }
                Tool.run("nft", "-c", "-f", bundle.resolve("etc/nftables.d/ikev2kit.nft").toString()).expectSuccess();
                Tool.run(Files.readAllBytes(bundle.resolve("etc/iptables/ikev2kit.rules")),
                        List.of("iptables-restore", "--test")).expectSuccess();
                Tool.run("bash", "-n", bundle.resolve("install.sh").toString()).expectSuccess();
                checked++;
            }
        }
        assertTrue(checked >= NETWORK.size(), "the real values are accepted: " + checked);
    }

    @Test
    void wifiNamesReachTheProfileUnchanged() throws Exception {
        for (String value : CORPUS) {
            Path out = tmp.resolve("ssid-" + counter++);
            CliRun run = CliRun.of("device", "export", "alice", "--format", "apple", "--on-demand", "--trusted-ssid",
                    value, "--out", out.toString(), "--dir", base.toString());
            if (refused(run, value)) {
                continue;
            }
            NSDictionary profile = (NSDictionary) PropertyListParser.parse(out.resolve("alice.mobileconfig").toFile());
            NSDictionary ike = (NSDictionary) payload(profile, "com.apple.vpn.managed").objectForKey("IKEv2");
            NSDictionary rule = (NSDictionary) ((NSArray) ike.objectForKey("OnDemandRules")).objectAtIndex(0);
            assertEquals(value, ((NSArray) rule.objectForKey("SSIDMatch")).objectAtIndex(0).toString());
        }
    }

    @Test
    void p12PasswordsOpenTheP12AndReachTheProfileUnchanged() throws Exception {
        Tool.require("openssl");
        for (String hostile : CORPUS) {
            // a password file holds one line; a strong tail keeps a password rule from refusing the corpus itself
            String value = hostile.lines().findFirst().orElse("") + "-Kq7#mZ2!pW9";
            if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
                continue; // half a surrogate pair: no file can hold it
            }
            Path file = tmp.resolve("pass-" + counter++);
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            String name = "pw-" + counter;
            CliRun run = CliRun.of("device", "add", name, "--dir", base.toString(), "--ca-password-file",
                    caPass.toString(), "--p12-password-file", file.toString());
            if (refused(run, value)) {
                continue;
            }
            Path out = tmp.resolve("p12-" + counter);
            assertEquals(0, CliRun.of("device", "export", name, "--format", "all", "--embed-password", "--out",
                    out.toString(), "--dir", base.toString(), "--p12-password-file", file.toString()).exitCode());
            Tool.run("openssl", "pkcs12", "-in", out.resolve(name + ".p12").toString(), "-noout", "-passin",
                    "file:" + file).expectSuccess();
            NSDictionary profile = (NSDictionary) PropertyListParser.parse(out.resolve(name + ".mobileconfig").toFile());
            assertEquals(value, payload(profile, "com.apple.security.pkcs12").objectForKey("Password").toString());
        }
    }

    @Test
    void mailAddressesAreRefusedCleanlyOrWrittenIntoTheMessageUnchanged() throws Exception {
        for (String hostile : CORPUS) {
            for (String value : List.of(hostile, hostile + "@example.com", "\"" + hostile + "\" <bob@example.com>")) {
                Path eml = tmp.resolve("eml-" + counter++);
                CliRun run = CliRun.of("mail", "alice", "--to", value, "--eml", eml.toString(), "--dir", base.toString());
                if (refused(run, value)) {
                    continue;
                }
                MimeMessage message = message(eml);
                assertEquals(new jakarta.mail.internet.InternetAddress(value, true).getAddress(),
                        ((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0]).getAddress(), value);
            }
        }
    }

    private static List<String> withoutFirstAndRightca(Path file) throws java.io.IOException {
        return Files.readAllLines(file).stream().skip(1)
                .filter(l -> !l.startsWith("    rightca = ") && !l.startsWith("    # the CA's subject has"))
                .filter(l -> !isGenericDnId(l)).toList();
    }

    /** The remote identity of the generic connection admitting devices by DN: "O=..., CN=*" or its DER. */
    private static boolean isGenericDnId(String line) {
        String id = line.strip().replaceFirst("^(right)?id = ", "");
        return !id.equals(line.strip()) && (id.startsWith("asn1dn:#") || id.startsWith("\"O=") && id.endsWith(", CN=*\""));
    }

    private static String genericDnId(Path file) throws java.io.IOException {
        List<String> ids = Files.readAllLines(file).stream().filter(HostileValuesPropertyTest::isGenericDnId)
                .map(l -> l.strip().replaceFirst("^(right)?id = ", "")).distinct().toList();
        assertEquals(1, ids.size(), file + ": " + ids);
        return ids.get(0);
    }

    private static String dnAttribute(org.bouncycastle.asn1.x500.X500Name dn, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        return ((org.bouncycastle.asn1.ASN1String) dn.getRDNs(type)[0].getFirst().getValue()).getString();
    }

    private static void checkInitOption(String option, Function<Path, String> readBack) {
        for (String value : CORPUS) {
            Path site = tmp.resolve("opt-" + counter++);
            CliRun run = CliRun.of("init", "--dir", site.toString(), "--host", "vpn.example.com", option, value,
                    "--ca-password-file", caPass.toString());
            if (!refused(run, value)) {
                assertEquals(value, readBack.apply(site), option);
            }
        }
    }

    /** True when the entry point refused the value in one clean line; false when it took it. */
    private static boolean refused(CliRun run, String value) {
        if (run.exitCode() == 0) {
            return false;
        }
        assertTrue(run.exitCode() == 1 || run.exitCode() == 2, "exit 1 or 2 for " + Visible(value) + ": " + run);
        List<String> lines = run.err().lines().toList();
        if (run.exitCode() == 2) {
            assertTrue(lines.get(0).startsWith("error: "), run.toString());
            lines = lines.subList(0, 1); // a usage error adds the help hint
        }
        assertOneLine(new CliRun(1, run.out(), String.join("\n", lines) + "\n"), 1, "");
        return true;
    }

    private static String Visible(String value) {
        return io.ikev2kit.pki.Visible.quote(value);
    }

    private static CliRun add(Path site, String name) {
        return CliRun.of("device", "add", name, "--dir", site.toString(), "--ca-password-file", caPass.toString(),
                "--p12-password-file", p12Pass.toString());
    }

    private static MimeMessage message(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            Path eml = files.filter(f -> f.toString().endsWith(".eml")).findFirst().orElseThrow();
            try (InputStream in = Files.newInputStream(eml)) {
                return new MimeMessage(Session.getInstance(new Properties()), in);
            }
        }
    }

    private static String emlText(Path dir) throws Exception {
        MimeMultipart mixed = (MimeMultipart) message(dir).getContent();
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        return alternative.getBodyPart(0).getContent().toString();
    }

    private record Accepted(String value, Path site) {
    }
}
