package io.ikev2kit.profiles.apple.schema;

import static io.ikev2kit.profiles.apple.schema.SampleProfile.dict;
import static io.ikev2kit.profiles.apple.schema.SampleProfile.ikeSa;
import static io.ikev2kit.profiles.apple.schema.SampleProfile.ikev2;
import static io.ikev2kit.profiles.apple.schema.SampleProfile.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.XMLPropertyListParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppleSchemaTest {

    private static final String VPN = "com.apple.vpn.managed";
    private static final String IKE_SA = "PayloadContent[2].IKEv2.IKESecurityAssociationParameters";

    private static final AppleSchema SCHEMA = AppleSchema.load();

    private final NSDictionary profile = SampleProfile.ikev2Certificate();

    @Test
    void acceptsRealisticIkev2CertificateProfile() {
        assertEquals(List.of(), SCHEMA.validate(profile));
    }

    @Test
    void acceptsTheSameProfileParsedBackFromXml() throws Exception {
        byte[] xml = profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), SCHEMA.validate((NSDictionary) XMLPropertyListParser.parse(xml)));
    }

    @Test
    void reportsUnknownKeyAndSuggestsTheSpellingAppleUses() {
        ikeSa(profile).put("LifetimeInMinutes", 60);
        assertOnly(IKE_SA + ".LifetimeInMinutes", "unknown key, not in Apple's schema; did you mean LifeTimeInMinutes?");
    }

    @Test
    void reportsMissingRequiredKey() {
        ikev2(profile).remove("RemoteIdentifier");
        assertOnly("PayloadContent[2].IKEv2.RemoteIdentifier", "required key is missing");
    }

    @Test
    void reportsBooleanWhereSchemaAsksForInteger() {
        ikev2(profile).put("ExtendedAuthEnabled", false);
        assertOnly("PayloadContent[2].IKEv2.ExtendedAuthEnabled", "expected <integer> but found <boolean>");
    }

    @Test
    void reportsIntegerWhereSchemaAsksForBoolean() {
        profile.put("PayloadRemovalDisallowed", 0);
        assertOnly("PayloadRemovalDisallowed", "expected <boolean> but found <integer>");
    }

    @Test
    void reportsValueOutsideRangelist() {
        ikeSa(profile).put("EncryptionAlgorithm", "AES-512");
        assertOnly(IKE_SA + ".EncryptionAlgorithm", "\"AES-512\" is not one of Apple's allowed values");
    }

    @Test
    void comparesIntegerRangelistByTypeNotByText() {
        ikeSa(profile).put("DiffieHellmanGroup", "20");
        assertOnly(IKE_SA + ".DiffieHellmanGroup", "expected <integer> but found <string>");
    }

    @Test
    void reportsIntegerOutsideRangelist() {
        ikeSa(profile).put("DiffieHellmanGroup", 22);
        assertOnly(IKE_SA + ".DiffieHellmanGroup", "22 is not one of Apple's allowed values");
    }

    @Test
    void reportsIntegerOutsideRange() {
        ikeSa(profile).put("LifeTimeInMinutes", 5);
        assertOnly(IKE_SA + ".LifeTimeInMinutes", "5 is below the minimum 10");
    }

    @Test
    void reportsPayloadTypeTheSchemaDoesNotState() {
        payload(profile, 1).put("PayloadType", "com.apple.security.pkcs13");
        assertOnly("PayloadContent[1].PayloadType", "\"com.apple.security.pkcs13\" is not a payload type the schema states");
    }

    @Test
    void checksEveryArrayItem() {
        ((NSDictionary) ((NSArray) ikev2(profile).get("OnDemandRules")).objectAtIndex(3))
                .put("Action", "Always");
        assertOnly("PayloadContent[2].IKEv2.OnDemandRules[3].Action", "\"Always\" is not one of Apple's allowed");
    }

    @Test
    void requiresKeysOfOptionalDictionaryOnlyWhenItIsPresent() {
        ikev2(profile).remove("ChildSecurityAssociationParameters");
        assertEquals(List.of(), SCHEMA.validate(profile));
        payload(profile, 2).put("DNS", dict("ServerAddresses", List.of("10.10.10.1")));
        assertOnly("PayloadContent[2].DNS.DNSProtocol", "required key is missing");
    }

    @Test
    void reportsStringNotMatchingFormat() {
        payload(profile, 2).put("DNS", dict("DNSProtocol", "Cleartext", "ServerAddresses", List.of("10.10.10.1"),
                "PayloadCertificateUUID", "alice"));
        assertOnly("PayloadContent[2].DNS.PayloadCertificateUUID", "\"alice\" does not match the format");
    }

    @Test
    void requiresIkev2DictionaryWhenVpnTypeIsIkev2() {
        payload(profile, 2).remove("IKEv2");
        assertOnly("PayloadContent[2].IKEv2", "required key is missing (required when VPNType is IKEv2)");
    }

    @Test
    void requiresEmptyVpnSubTypeWithIkev2() {
        payload(profile, 2).put("VPNSubType", "com.example.vpn");
        assertOnly("PayloadContent[2].VPNSubType", "must be the empty string when VPNType is IKEv2");
    }

    @Test
    void requiresCertificateUuidToNameAnIdentityOfTheProfile() {
        ikev2(profile).put("PayloadCertificateUUID", SampleProfile.ROOT_UUID);
        assertOnly("PayloadContent[2].IKEv2.PayloadCertificateUUID", "holds no private key");
    }

    @Test
    void requiresServerCertificateIssuerCommonNameWithCertificateType() {
        ikev2(profile).remove("ServerCertificateIssuerCommonName");
        assertOnly("PayloadContent[2].IKEv2.ServerCertificateIssuerCommonName", "required when CertificateType");
    }

    @Test
    void acceptsEncryptedProfileWithoutPayloadContent() {
        profile.remove("PayloadContent");
        profile.put("IsEncrypted", true);
        profile.put("EncryptedPayloadContent", new byte[] {1, 2, 3});
        assertEquals(List.of(), SCHEMA.validate(profile));
    }

    @Test
    void acceptsConsentTextKeyedByLanguage() {
        profile.put("ConsentText", dict("default", "Routes all traffic through vpn.example.com.", "de", "Alles."));
        assertEquals(List.of(), SCHEMA.validate(profile));
    }

    @Test
    void assertValidListsEveryViolation() {
        ikeSa(profile).put("EncryptionAlgorithm", "AES-512");
        payload(profile, 2).remove("UserDefinedName");
        AssertionError failure = assertThrows(AssertionError.class, () -> SCHEMA.assertValid(profile));
        assertTrue(failure.getMessage().contains("in 2 places"), failure.getMessage());
        assertTrue(failure.getMessage().contains(IKE_SA + ".EncryptionAlgorithm: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("PayloadContent[2].UserDefinedName: "), failure.getMessage());
    }

    @Test
    void looksUpAppleAllowedValuesByPath() {
        List<Object> ciphers = SCHEMA.rangelist(VPN, "IKEv2.IKESecurityAssociationParameters.EncryptionAlgorithm");
        assertEquals(List.of("DES", "3DES", "AES-128", "AES-256", "AES-128-GCM", "AES-256-GCM", "ChaCha20Poly1305"),
                ciphers);
        assertTrue(SCHEMA.rangelist(VPN, "IKEv2.ChildSecurityAssociationParameters.DiffieHellmanGroup").contains(31L));
        assertEquals(List.of("Allow", "Connect", "Disconnect", "EvaluateConnection", "Ignore"),
                SCHEMA.rangelist(VPN, "IKEv2.OnDemandRules.Action"));
        SchemaKey lifetime = SCHEMA.entry(VPN, "IKEv2.IKESecurityAssociationParameters.LifeTimeInMinutes");
        assertEquals(List.of(10L, 1440L), List.of(lifetime.min(), lifetime.max()));
    }

    @Test
    void judgesOneValueAtAPath() {
        String group = "IKEv2.IKESecurityAssociationParameters.DiffieHellmanGroup";
        assertEquals(List.of(), SCHEMA.check(VPN, group, 20));
        assertEquals(1, SCHEMA.check(VPN, group, 22).size());
        assertEquals(1, SCHEMA.check(VPN, "IKEv2.ExtendedAuthEnabled", true).size());
    }

    @Test
    void refusesLookupOfKeyAppleDoesNotDescribe() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SCHEMA.entry(VPN, "IKEv2.IKESecurityAssociationParameters.PRF"));
        assertTrue(e.getMessage().contains("EncryptionAlgorithm"), e.getMessage());
    }

    private void assertOnly(String path, String messageFragment) {
        List<Violation> violations = SCHEMA.validate(profile);
        assertEquals(1, violations.size(), violations.toString());
        assertEquals(path, violations.get(0).path());
        assertTrue(violations.get(0).message().contains(messageFragment), violations.get(0).message());
    }
}
