package io.ikev2kit.profiles.android;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.ikev2kit.profiles.ClientSites;
import io.ikev2kit.profiles.OpenSsl;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.templates.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The strongSwan Android app's .sswan profile, read back as JSON and checked against its documented format. */
class AndroidProfileTest {

    /**
     * The documented keys a profile of type ikev2-cert may carry, and the JSON type the app reads each with, from
     * https://docs.strongswan.org/docs/latest/os/androidVpnClientProfiles.html ("File Format"), checked against
     * the app's parser (VpnProfileImportActivity.parseProfile in strongswan/strongswan: getString, optString,
     * optBoolean, optJSONObject, optJSONArray). Keys of sub-objects are joined with dots, as the page writes them.
     * split-tunneling.subnets and dns-servers also accept a space-separated string; we write arrays.
     */
    private static final Map<String, Key> DOCUMENTED = Map.ofEntries(
            key("uuid", JsonNodeType.STRING, true),
            key("name", JsonNodeType.STRING, true),
            key("type", JsonNodeType.STRING, true),
            key("remote", JsonNodeType.OBJECT, true),
            key("remote.addr", JsonNodeType.STRING, true),
            key("remote.port", JsonNodeType.NUMBER, false),
            key("remote.id", JsonNodeType.STRING, false),
            key("remote.cert", JsonNodeType.STRING, false),
            key("remote.certreq", JsonNodeType.BOOLEAN, false),
            key("remote.revocation", JsonNodeType.OBJECT, false),
            key("remote.revocation.crl", JsonNodeType.BOOLEAN, false),
            key("remote.revocation.ocsp", JsonNodeType.BOOLEAN, false),
            key("remote.revocation.strict", JsonNodeType.BOOLEAN, false),
            key("local", JsonNodeType.OBJECT, false),
            key("local.id", JsonNodeType.STRING, false),
            key("local.p12", JsonNodeType.STRING, false),
            key("local.rsa-pss", JsonNodeType.BOOLEAN, false),
            key("ike-proposal", JsonNodeType.STRING, false),
            key("esp-proposal", JsonNodeType.STRING, false),
            key("dns-servers", JsonNodeType.ARRAY, false),
            key("mtu", JsonNodeType.NUMBER, false),
            key("nat-keepalive", JsonNodeType.NUMBER, false),
            key("split-tunneling", JsonNodeType.OBJECT, false),
            key("split-tunneling.subnets", JsonNodeType.ARRAY, false),
            key("split-tunneling.excluded", JsonNodeType.ARRAY, false),
            key("split-tunneling.block-ipv4", JsonNodeType.BOOLEAN, false),
            key("split-tunneling.block-ipv6", JsonNodeType.BOOLEAN, false),
            key("apps", JsonNodeType.ARRAY, false),
            key("excluded-apps", JsonNodeType.ARRAY, false));

    private record Key(JsonNodeType type, boolean required) {
    }

    private static Map.Entry<String, Key> key(String path, JsonNodeType type, boolean required) {
        return Map.entry(path, new Key(type, required));
    }

    @TempDir
    static Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<ClientSites.Shape, Generated> GENERATED = new EnumMap<>(ClientSites.Shape.class);

    record Generated(ClientSites fixture, String text, JsonNode json) {
        Site site() {
            return fixture.site();
        }

        @Override
        public String toString() {
            return fixture.label();
        }
    }

    @BeforeAll
    static void generate() throws IOException {
        for (ClientSites.Shape shape : ClientSites.Shape.values()) {
            ClientSites fixture = ClientSites.create(Files.createDirectories(tmp.resolve(shape.name())), shape);
            String text = AndroidProfile.build(fixture.site(), fixture.device(), Renderer.builtIn());
            GENERATED.put(shape, new Generated(fixture, text, JSON.readTree(text)));
        }
    }

    static Stream<Generated> profiles() {
        return GENERATED.values().stream();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void usesOnlyDocumentedKeysWithTheirDocumentedTypes(Generated g) {
        List<String> problems = new ArrayList<>();
        walk("", g.json(), problems);
        DOCUMENTED.forEach((path, key) -> {
            if (key.required() && g.json().at("/" + path.replace('.', '/')).isMissingNode()) {
                problems.add("required " + path + " is missing");
            }
        });
        assertEquals(List.of(), problems);
    }

    private static void walk(String prefix, JsonNode object, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            Key key = DOCUMENTED.get(path);
            if (key == null) {
                problems.add(path + " is not a documented key");
            } else if (field.getValue().getNodeType() != key.type()) {
                problems.add(path + " is " + field.getValue().getNodeType() + ", documented as " + key.type());
            } else if (key.type() == JsonNodeType.OBJECT) {
                walk(path, field.getValue(), problems);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void isACertificateProfileForTheServerHostAndDevice(Generated g) {
        assertEquals("ikev2-cert", g.json().get("type").asText());
        assertEquals(g.site().displayName(), g.json().get("name").asText(), "JSON escaping keeps the name intact");
        assertEquals("vpn.example.com", g.json().at("/remote/addr").asText());
        assertEquals(g.site().serverIdentity(), g.json().at("/remote/id").asText());
        assertEquals("alice@vpn.example.com", g.json().at("/local/id").asText());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void keepsItsUuidAcrossExportsAndPerDevice(Generated g) {
        UUID uuid = UUID.fromString(g.json().get("uuid").asText());
        assertEquals(g.fixture().device().stableUuid("android"), uuid);
        String again = AndroidProfile.build(g.site(), g.fixture().device(), Renderer.builtIn());
        assertEquals(g.text(), again, "a re-export replaces the installed profile");
        String other = AndroidProfile.build(g.site(), g.fixture().other(), Renderer.builtIn());
        assertNotEquals(uuid.toString(), readTree(other).get("uuid").asText());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void carriesTheSiteCaAsBase64Der(Generated g) throws Exception {
        byte[] der = Base64.getDecoder().decode(g.json().at("/remote/cert").asText());
        assertArrayEquals(g.fixture().device().ca().getEncoded(), der);
        assertEquals(io.ikev2kit.pki.Certificates.sha1Thumbprint(g.fixture().device().ca()), OpenSsl.sha1Fingerprint(der, tmp));
    }

    /**
     * The strongSwan app hands local.p12 to Android's own installer (KeyChain.createInstallIntent with
     * EXTRA_PKCS12), which installs any CA certificate in it as a user CA, so Android warns "network may be
     * monitored"; remote.cert goes into the app's own LocalCertificateStore instead. Android 12/13's KeyChain
     * refuses AES/PBKDF2 p12 files ("wrong password"): the .sswan carries the legacy form (3DES, SHA-1 MAC).
     * Source: strongSwan src/frontends/android/app/src/main/java/org/strongswan/android/ui/
     * VpnProfileImportActivity.java (createInstallIntent/EXTRA_PKCS12; remote "cert" into LocalCertificateStore);
     * hwdsl2/setup-ipsec-vpn #1626 and #1580 on Android 12/13.
     */
    @ParameterizedTest
    @MethodSource("profiles")
    void carriesTheLegacyP12WithoutTheCa(Generated g) {
        byte[] p12 = Base64.getDecoder().decode(g.json().at("/local/p12").asText());
        assertEquals(io.ikev2kit.pki.P12Format.LEGACY, io.ikev2kit.pki.encoders.Pkcs12Writer.detect(p12));
        OpenSsl.Result info = OpenSsl.pkcs12Info(p12, ClientSites.P12_PASSWORD, tmp);
        assertTrue(info.ok(), info::stderr);
        String both = info.stdout() + info.stderr();
        assertTrue(both.contains("pbeWithSHA1And3-KeyTripleDES-CBC") && both.contains("MAC: sha1"), both);
        assertEquals(1, info.stdout().split("BEGIN CERTIFICATE", -1).length - 1, "the device's certificate only: "
                + info.stdout());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void carriesAP12ThatOpensWithTheDevicePasswordOnly(Generated g) {
        byte[] p12 = Base64.getDecoder().decode(g.json().at("/local/p12").asText());
        assertArrayEquals(g.fixture().device().p12().embeddedP12(), p12);
        OpenSsl.Result info = OpenSsl.pkcs12Info(p12, ClientSites.P12_PASSWORD, tmp);
        assertTrue(info.ok(), info::stderr);
        assertTrue(info.stdout().contains("PRIVATE KEY"));
        assertFalse(OpenSsl.pkcs12Info(p12, "wrong-password", tmp).ok());
        assertFalse(g.text().contains(ClientSites.P12_PASSWORD) || g.text().contains(ClientSites.CA_PASSWORD));
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void proposesTheSuiteTheServerAccepts(Generated g) {
        String ike = g.json().get("ike-proposal").asText();
        String esp = g.json().get("esp-proposal").asText();
        assertEquals(g.site().suite().ikeProposal(), ike);
        assertEquals(g.site().suite().espProposal(true), esp);
        assertTrue(g.site().suite().serverIkeProposals().contains(ike));
        assertTrue(g.site().suite().serverEspProposals().contains(esp));
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void tunnelsOnlyTheSiteRoutesOrBlocksUntunnelledIpv6(Generated g) {
        JsonNode split = g.json().get("split-tunneling");
        if (!g.site().fullTunnel()) {
            List<String> subnets = new ArrayList<>();
            split.get("subnets").forEach(n -> subnets.add(n.asText()));
            assertEquals(g.site().routes().stream().map(Cidr::toString).toList(), subnets);
            assertFalse(split.has("block-ipv6"));
        } else if (g.site().ipv6Pool().isEmpty()) {
            assertTrue(split.get("block-ipv6").asBoolean(), "IPv6 must not bypass a full tunnel");
            assertFalse(split.has("subnets"));
        } else {
            assertEquals(null, split, "full dual-stack tunnel: the server's traffic selectors decide");
        }
    }

    @Test
    void namesTheFileAfterTheDevice() {
        Device device = GENERATED.get(ClientSites.Shape.ECDSA_MODERN_FULL_DUAL_STACK).fixture().device();
        assertEquals("alice.sswan", AndroidProfile.fileName(device));
        assertEquals("application/vnd.strongswan.profile", AndroidProfile.MEDIA_TYPE);
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
