package io.ikev2kit.profiles.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.templates.TemplateFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a rendered profile back ({@link PlistXml}) and refuses one a device would reject or misread: not a plist,
 * a payload missing, a required IKEv2 key missing, SA parameters left to Apple's weak defaults, certificate data
 * that is not what was issued, a password that was not asked for. Mostly this guards template overrides.
 */
final class AppleProfileCheck {
    private static final List<String> IKEV2_REQUIRED = List.of("RemoteAddress", "RemoteIdentifier",
            "LocalIdentifier", "AuthenticationMethod", "PayloadCertificateUUID");
    private static final List<String> SA_REQUIRED = List.of("EncryptionAlgorithm", "IntegrityAlgorithm",
            "DiffieHellmanGroup");
    private static final List<String> PAYLOAD_REQUIRED = List.of("PayloadType", "PayloadVersion",
            "PayloadIdentifier", "PayloadUUID");

    private final List<String> problems = new ArrayList<>();

    private AppleProfileCheck() {
    }

    static void verify(byte[] xml, Device device, String identityUuid, boolean passwordWanted) {
        AppleProfileCheck check = new AppleProfileCheck();
        NSObject parsed;
        try {
            parsed = PlistXml.parse(xml);
        } catch (javax.xml.stream.XMLStreamException | RuntimeException e) {
            // the parser's message may quote the document, and the document may hold a password
            String where = e instanceof javax.xml.stream.XMLStreamException x && x.getLocation() != null
                    ? " at line " + x.getLocation().getLineNumber() : "";
            throw failure("is not a readable property list" + where);
        }
        if (!(parsed instanceof NSDictionary profile)) {
            throw failure("is not a dictionary at its top");
        }
        check.profile(profile, device, identityUuid, passwordWanted);
        if (!check.problems.isEmpty()) {
            throw failure("is incomplete: " + String.join("; ", check.problems));
        }
    }

    private void profile(NSDictionary profile, Device device, String identityUuid, boolean passwordWanted) {
        require(profile, "the profile", PAYLOAD_REQUIRED);
        expect(profile, "PayloadType", "Configuration", "the profile");
        if (!(profile.get("PayloadContent") instanceof NSArray content)) {
            problems.add("the profile has no PayloadContent array");
            return;
        }
        Set<String> uuids = new HashSet<>();
        uuids.add(text(profile, "PayloadUUID"));
        NSDictionary root = null;
        NSDictionary identity = null;
        NSDictionary vpn = null;
        for (NSObject item : content.getArray()) {
            if (!(item instanceof NSDictionary payload)) {
                problems.add("PayloadContent holds something other than a dictionary");
                continue;
            }
            require(payload, "a payload", PAYLOAD_REQUIRED);
            if (!uuids.add(text(payload, "PayloadUUID"))) {
                problems.add("PayloadUUID " + text(payload, "PayloadUUID") + " is used twice");
            }
            switch (String.valueOf(text(payload, "PayloadType"))) {
                case "com.apple.security.root" -> root = once(root, payload, "root certificate");
                case "com.apple.security.pkcs12" -> identity = once(identity, payload, "identity");
                case "com.apple.vpn.managed" -> vpn = once(vpn, payload, "VPN");
                default -> problems.add("unexpected payload " + text(payload, "PayloadType"));
            }
        }
        root(root, device);
        identity(identity, device, identityUuid, passwordWanted);
        vpn(vpn, identityUuid);
    }

    private void root(NSDictionary root, Device device) {
        if (root == null) {
            problems.add("the root certificate payload is missing");
        } else if (!Arrays.equals(data(root), AppleProfile.der(device.ca()))) {
            problems.add("the root certificate payload does not hold the site's CA");
        }
    }

    private void identity(NSDictionary identity, Device device, String identityUuid, boolean passwordWanted) {
        if (identity == null) {
            problems.add("the identity (p12) payload is missing");
            return;
        }
        if (!Arrays.equals(data(identity), device.p12().embeddedP12())) {
            problems.add("the identity payload does not hold the device's p12");
        }
        if (!identityUuid.equals(text(identity, "PayloadUUID"))) {
            problems.add("the identity payload's PayloadUUID is not " + identityUuid);
        }
        if (identity.containsKey("Password") != passwordWanted) {
            problems.add(passwordWanted ? "the p12 password was asked for but is missing"
                    : "the identity payload carries a Password nobody asked to embed");
        }
    }

    private void vpn(NSDictionary vpn, String identityUuid) {
        if (vpn == null) {
            problems.add("the VPN payload is missing");
            return;
        }
        expect(vpn, "VPNType", "IKEv2", "the VPN payload");
        require(vpn, "the VPN payload", List.of("UserDefinedName"));
        if (!(vpn.get("IKEv2") instanceof NSDictionary ikev2)) {
            problems.add("the VPN payload has no IKEv2 dictionary");
            return;
        }
        require(ikev2, "IKEv2", IKEV2_REQUIRED);
        expect(ikev2, "AuthenticationMethod", "Certificate", "IKEv2");
        expect(ikev2, "PayloadCertificateUUID", identityUuid, "IKEv2");
        for (String sa : List.of("IKESecurityAssociationParameters", "ChildSecurityAssociationParameters")) {
            // without them Apple proposes 3DES, SHA1-96 and DH group 2, which the server refuses
            if (ikev2.get(sa) instanceof NSDictionary parameters) {
                require(parameters, sa, SA_REQUIRED);
            } else {
                problems.add("IKEv2 has no " + sa);
            }
        }
        if (!(vpn.get("IPv4") instanceof NSDictionary ipv4) || !(ipv4.get("OverridePrimary") instanceof NSNumber)) {
            problems.add("the VPN payload does not set IPv4 OverridePrimary");
        }
    }

    private NSDictionary once(NSDictionary seen, NSDictionary payload, String what) {
        if (seen != null) {
            problems.add("there is more than one " + what + " payload");
        }
        return payload;
    }

    private void require(NSDictionary dict, String where, List<String> keys) {
        for (String key : keys) {
            if (!dict.containsKey(key)) {
                problems.add(where + " lacks " + key);
            }
        }
    }

    private void expect(NSDictionary dict, String key, String value, String where) {
        String actual = text(dict, key);
        if (actual != null && !actual.equals(value)) {
            problems.add(where + " has " + key + " " + actual + ", not " + value);
        }
    }

    private static String text(NSDictionary dict, String key) {
        return dict.get(key) instanceof NSString s ? s.getContent() : null;
    }

    private static byte[] data(NSDictionary payload) {
        return payload.get("PayloadContent") instanceof NSData d ? d.bytes() : new byte[0];
    }

    private static TemplateFailure failure(String what) {
        return new TemplateFailure("the profile rendered from " + AppleProfile.TEMPLATE + " " + what
                + " — fix the template override or remove it");
    }
}
