package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.Tool;
import io.ikev2kit.profiles.site.SiteFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that once changed on their way through: each now arrives unchanged, or is refused where it enters. */
class HostileValuesTest {
    @TempDir
    Path tmp;
    Path site;
    Path caPass;
    Path p12Pass;

    @BeforeEach
    void passwords() throws Exception {
        site = tmp.resolve("site");
        caPass = Tool.secretFile(tmp, "hostile passphrase");
        p12Pass = Tool.secretFile(tmp, "hostile-p12-password");
    }

    @Test
    void aNameWithHashCommaAndSemicolonReachesEveryOutputWhole() throws Exception {
        String name = "#1 VPN, West; \"Main\" \\ Office";
        String org = "Smith, Jones & Co.";
        assertEquals(0, init("--name", name, "--org", org).exitCode());
        assertEquals(name, SiteFile.read(site).displayName(), "site.conf reads back the name");
        assertFalse(Files.exists(site.resolve("pki/.lock.tmp")));
        assertEquals(0, add("alice").exitCode());
        CliRun export = CliRun.of("device", "export", "alice", "--format", "all", "--out", tmp.resolve("out").toString(),
                "--dir", site.toString());
        assertEquals(0, export.exitCode(), export.toString());

        X509Certificate ca = Pem.certificate(Files.readAllBytes(site.resolve("pki/ca.pem")));
        assertEquals(name + " Root CA", attribute(ca, "CN"));
        assertEquals(org, attribute(ca, "O"));
        NSDictionary profile = (NSDictionary) PropertyListParser.parse(tmp.resolve("out/alice.mobileconfig").toFile());
        assertEquals(org, profile.objectForKey("PayloadOrganization").toString());
        NSDictionary vpn = payload(profile, "com.apple.vpn.managed");
        assertEquals(name, vpn.objectForKey("UserDefinedName").toString());
        NSDictionary ike = (NSDictionary) vpn.objectForKey("IKEv2");
        // Apple schema, com.apple.vpn.managed IKEv2 ServerCertificateIssuerCommonName; strongSwan docs interop/ios
        assertEquals(attribute(ca, "CN"), ike.objectForKey("ServerCertificateIssuerCommonName").toString(),
                "the profile names the CA exactly as its certificate does, or iOS cannot validate the server");
        X509Certificate device = p12Certificate(tmp.resolve("out/alice.p12"));
        assertEquals(org, attribute(device, "O"), "the device's O is the CA's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#0c0e4576696c0a1b5b326a0750", "\\leading backslash", "#", "#zz"})
    void anOrganisationIsNeverReadAsHexOrEscapes(String org) throws Exception {
        CliRun run = init("--org", org);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(org, attribute(Pem.certificate(Files.readAllBytes(site.resolve("pki/ca.pem"))), "O"));
        assertEquals(0, add("alice").exitCode(), "the site can issue devices");
        CliRun server = CliRun.of("server", "--out", tmp.resolve("bundle").toString(), "--dir", site.toString());
        assertEquals(0, server.exitCode(), server.toString());
        String ipsec = Files.readString(tmp.resolve("bundle/etc/ipsec.conf"));
        assertTrue(ipsec.lines().noneMatch(l -> l.startsWith("    rightca = ") && !l.contains(org)), ipsec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A\u0085B", "VPN\uffff", "VPN\ufdd0", "bidi\u202eexe", "bell\u0007", "line\u2028two",
            " padded", "padded "})
    void initRefusesWhatALaterCommandCouldNotCarryAndLeavesNothing(String name) {
        CliRun run = init("--name", name);
        assertOneLine(run, 1, "--name");
        assertFalse(Files.exists(site), "nothing written, not even pki/.lock");
    }

    @Test
    void theNameLimitIsTheOneEveryDerivedNameFitsAndItIsStatedForTheOptionTyped() throws Exception {
        assertOneLine(init("--name", "n".repeat(49)), 1, "--name is 49 characters long: use at most 48");
        assertFalse(Files.exists(site));
        assertEquals(0, init("--name", "n".repeat(48)).exitCode());
        assertEquals(0, add("alice").exitCode());
        CliRun signed = CliRun.of("device", "export", "alice", "--format", "apple", "--sign", "--out",
                tmp.resolve("signed").toString(), "--dir", site.toString(), "--ca-password-file", caPass.toString());
        assertEquals(0, signed.exitCode(), "the profile signer's name fits too: " + signed);
        CliRun mail = CliRun.of("mail", "alice", "--to", "alice@example.com", "--eml", tmp.resolve("eml").toString(),
                "--dir", site.toString());
        assertEquals(0, mail.exitCode(), mail.toString());
    }

    @Test
    void aSiteFileNameIsHeldToTheSameRuleAndQuotedValuesReadBack() throws Exception {
        assertEquals(0, init("--name", "Plain").exitCode());
        Path conf = site.resolve("site.conf");
        String text = Files.readString(conf);
        Files.writeString(conf, text.replace("name = Plain", "name = \"#2 \\\"quoted\\\" \\\\ name\"  # a comment"));
        assertEquals("#2 \"quoted\" \\ name", SiteFile.read(site).displayName());
        Files.writeString(conf, text.replace("name = Plain", "name = A\u0085B"));
        CliRun run = CliRun.of("device", "list", "--dir", site.toString());
        assertOneLine(run, 1, "(name): the VPN name");
        assertTrue(run.err().contains("\\u0085"), "shown escaped: " + run.err());
    }

    private CliRun init(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("init", "--dir", site.toString(), "--host",
                "vpn.example.com", "--ca-password-file", caPass.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun add(String name) {
        return CliRun.of("device", "add", name, "--dir", site.toString(), "--ca-password-file", caPass.toString(),
                "--p12-password-file", p12Pass.toString());
    }

    /** The attribute's own string, read from the certificate's DER, not from a printed DN. */
    static String attribute(X509Certificate certificate, String type) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        var rdns = name.getRDNs(BCStyle.INSTANCE.attrNameToOID(type));
        return ((org.bouncycastle.asn1.ASN1String) rdns[0].getFirst().getValue()).getString();
    }

    private X509Certificate p12Certificate(Path p12) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, "hostile-p12-password".toCharArray());
        }
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return (X509Certificate) store.getCertificate(alias);
            }
        }
        throw new AssertionError("no key entry in " + p12);
    }

    static NSDictionary payload(NSDictionary profile, String type) {
        for (NSObject item : ((NSArray) profile.objectForKey("PayloadContent")).getArray()) {
            NSDictionary payload = (NSDictionary) item;
            if (type.equals(payload.objectForKey("PayloadType").toString())) {
                return payload;
            }
        }
        throw new AssertionError("no " + type + " payload");
    }

    /** The exit code, one line on stderr that starts with "error:" and holds the text, and no trace. */
    static void assertOneLine(CliRun run, int exitCode, String text) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + run.err());
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(text), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertTrue(run.err().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c != 0x7f && !Character.isISOControl(c)
                && Character.getType(c) != Character.FORMAT)), "nothing that controls the terminal: " + run.err());
    }
}
