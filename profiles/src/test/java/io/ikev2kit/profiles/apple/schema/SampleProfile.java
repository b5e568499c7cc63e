package io.ikev2kit.profiles.apple.schema;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import java.util.List;

/**
 * A hand-built IKEv2 certificate profile as ikev2kit means to emit it: CA, device identity, VPN. Each call returns a
 * fresh copy that a test may break in one place. Certificate bytes are placeholders; the schema only asks for data.
 */
final class SampleProfile {

    static final String ROOT_UUID = "8F1C2B6E-3C4D-4E5F-9A0B-1C2D3E4F5A6B";
    static final String IDENTITY_UUID = "2A3B4C5D-6E7F-4A8B-9C0D-1E2F3A4B5C6D";

    private SampleProfile() {
    }

    static NSDictionary ikev2Certificate() {
        return dict(
                "PayloadDisplayName", "VPN vpn.example.com (alice)",
                "PayloadIdentifier", "com.example.vpn.alice",
                "PayloadUUID", "0B1C2D3E-4F5A-4B6C-8D7E-9F0A1B2C3D4E",
                "PayloadType", "Configuration",
                "PayloadVersion", 1,
                "PayloadRemovalDisallowed", false,
                "PayloadContent", List.of(root(), identity(), vpn()));
    }

    static NSDictionary payload(NSDictionary profile, int index) {
        return (NSDictionary) ((NSArray) profile.get("PayloadContent")).objectAtIndex(index);
    }

    static NSDictionary ikev2(NSDictionary profile) {
        return (NSDictionary) payload(profile, 2).get("IKEv2");
    }

    static NSDictionary ikeSa(NSDictionary profile) {
        return (NSDictionary) ikev2(profile).get("IKESecurityAssociationParameters");
    }

    private static NSDictionary root() {
        return dict(
                "PayloadType", "com.apple.security.root",
                "PayloadVersion", 1,
                "PayloadIdentifier", "com.example.vpn.alice.ca",
                "PayloadUUID", ROOT_UUID,
                "PayloadDisplayName", "Example VPN Root CA",
                "PayloadCertificateFileName", "ca.cer",
                "PayloadContent", new byte[] {0x30, (byte) 0x82, 0x01, 0x0a});
    }

    private static NSDictionary identity() {
        return dict(
                "PayloadType", "com.apple.security.pkcs12",
                "PayloadVersion", 1,
                "PayloadIdentifier", "com.example.vpn.alice.identity",
                "PayloadUUID", IDENTITY_UUID,
                "PayloadDisplayName", "alice@vpn.example.com",
                "PayloadCertificateFileName", "alice.p12",
                "PayloadContent", new byte[] {0x30, (byte) 0x82, 0x02, 0x0b});
    }

    private static NSDictionary vpn() {
        return dict(
                "PayloadType", "com.apple.vpn.managed",
                "PayloadVersion", 1,
                "PayloadIdentifier", "com.example.vpn.alice.vpn",
                "PayloadUUID", "5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B",
                "PayloadDisplayName", "vpn.example.com",
                "UserDefinedName", "vpn.example.com",
                "VPNType", "IKEv2",
                "IKEv2", dict(
                        "RemoteAddress", "vpn.example.com",
                        "RemoteIdentifier", "vpn.example.com",
                        "LocalIdentifier", "alice@vpn.example.com",
                        "AuthenticationMethod", "Certificate",
                        "PayloadCertificateUUID", IDENTITY_UUID,
                        "CertificateType", "ECDSA256",
                        "ServerCertificateIssuerCommonName", "Example VPN Root CA",
                        "ExtendedAuthEnabled", 0,
                        "IKESecurityAssociationParameters", securityAssociation(),
                        "ChildSecurityAssociationParameters", securityAssociation(),
                        "EnablePFS", 1,
                        "DeadPeerDetectionRate", "Medium",
                        "DisableMOBIKE", 0,
                        "OnDemandEnabled", 1,
                        "OnDemandRules", List.of(
                                dict("InterfaceTypeMatch", "WiFi", "SSIDMatch", List.of("Home"), "Action", "Disconnect"),
                                dict("InterfaceTypeMatch", "WiFi", "Action", "Connect"),
                                dict("InterfaceTypeMatch", "Cellular", "Action", "Connect"),
                                dict("Action", "Ignore"))),
                "IPv4", dict("OverridePrimary", 0));
    }

    private static NSDictionary securityAssociation() {
        return dict(
                "EncryptionAlgorithm", "AES-256-GCM",
                "IntegrityAlgorithm", "SHA2-384",
                "DiffieHellmanGroup", 20,
                "LifeTimeInMinutes", 1440);
    }

    static NSDictionary dict(Object... keysAndValues) {
        NSDictionary dict = new NSDictionary();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            dict.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return dict;
    }
}
