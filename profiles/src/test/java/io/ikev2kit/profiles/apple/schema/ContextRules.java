package io.ikev2kit.profiles.apple.schema;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requirements Apple's schema states in prose ({@code content:}) because they depend on another value; {@code presence}
 * in the YAML is unconditional. TopLevel: an encrypted profile (IsEncrypted true) carries EncryptedPayloadContent
 * instead of PayloadContent. VPN: VPNType IKEv2 needs the IKEv2 dictionary and a VPNSubType, if any, of ""; VPNType VPN
 * and TransparentProxy need VPNSubType. IKEv2: AuthenticationMethod Certificate needs PayloadCertificateUUID naming an
 * identity payload of the same profile; CertificateType needs ServerCertificateIssuerCommonName (CertificateType's text
 * says so outright, ServerCertificateIssuerCommonName's own text only with ExtendedAuthEnabled 1: we take the
 * stricter); PPK and PPKIdentifier come together. The other dictionaries of a VPN payload keep the YAML's reading:
 * their required keys are asked for only when the dictionary is present.
 */
final class ContextRules {

    private static final Set<String> KEYLESS_CERTIFICATES =
            Set.of("com.apple.security.root", "com.apple.security.pkcs1", "com.apple.security.pem");

    private ContextRules() {
    }

    static List<SchemaKey> topLevelKeys(List<SchemaKey> keys, NSDictionary profile) {
        boolean encrypted = profile.get("IsEncrypted") instanceof NSNumber n && n.isBoolean() && n.boolValue();
        return keys.stream().map(k -> encrypted && k.name().equals("PayloadContent") ? k.optional() : k).toList();
    }

    static void topLevel(SchemaWalk walk, NSDictionary profile) {
        if (profile.get("IsEncrypted") instanceof NSNumber n && n.isBoolean() && n.boolValue()) {
            require(walk, profile, "", "EncryptedPayloadContent", "IsEncrypted is true");
        }
    }

    /** @param payloadTypesByUuid every payload of the profile, PayloadUUID to PayloadType */
    static void payload(SchemaWalk walk, NSDictionary payload, String path, Map<String, String> payloadTypesByUuid) {
        if (!"com.apple.vpn.managed".equals(string(payload, "PayloadType"))) {
            return;
        }
        String vpnType = string(payload, "VPNType");
        if ("VPN".equals(vpnType) || "TransparentProxy".equals(vpnType)) {
            require(walk, payload, path, "VPNSubType", "VPNType is " + vpnType);
        }
        if ("IKEv2".equals(vpnType)) {
            require(walk, payload, path, "IKEv2", "VPNType is IKEv2");
            String subType = string(payload, "VPNSubType");
            if (subType != null && !subType.isEmpty()) {
                walk.add(SchemaWalk.join(path, "VPNSubType"), "must be the empty string when VPNType is IKEv2");
            }
        }
        if (payload.get("IKEv2") instanceof NSDictionary ikev2) {
            ikev2(walk, ikev2, SchemaWalk.join(path, "IKEv2"), payloadTypesByUuid);
        }
    }

    private static void ikev2(SchemaWalk walk, NSDictionary ikev2, String path, Map<String, String> typesByUuid) {
        if ("Certificate".equals(string(ikev2, "AuthenticationMethod"))) {
            require(walk, ikev2, path, "PayloadCertificateUUID", "AuthenticationMethod is Certificate");
        }
        String uuid = string(ikev2, "PayloadCertificateUUID");
        if (uuid != null && !typesByUuid.containsKey(uuid)) {
            walk.add(SchemaWalk.join(path, "PayloadCertificateUUID"), "names no payload of this profile: " + uuid);
        } else if (uuid != null && KEYLESS_CERTIFICATES.contains(typesByUuid.get(uuid))) {
            walk.add(SchemaWalk.join(path, "PayloadCertificateUUID"),
                    "names a " + typesByUuid.get(uuid) + " payload, which holds no private key; name the identity");
        }
        if (ikev2.containsKey("CertificateType")) {
            require(walk, ikev2, path, "ServerCertificateIssuerCommonName", "CertificateType is set");
        }
        if (ikev2.containsKey("PPK")) {
            require(walk, ikev2, path, "PPKIdentifier", "PPK is set");
        }
        if (ikev2.containsKey("PPKIdentifier")) {
            require(walk, ikev2, path, "PPK", "PPKIdentifier is set");
        }
    }

    private static void require(SchemaWalk walk, NSDictionary dict, String path, String key, String because) {
        if (!dict.containsKey(key)) {
            walk.add(SchemaWalk.join(path, key), "required key is missing (required when " + because + ")");
        }
    }

    static String string(NSDictionary dict, String key) {
        NSObject value = dict.get(key);
        return value instanceof NSString s ? s.getContent() : null;
    }
}
