package io.ikev2kit.profiles.inspect;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cert.X509CertificateHolder;

/** Explains an Apple .mobileconfig: its payloads, VPN settings, and anything weak or risky in it. */
final class AppleProfileReader {
    private static final Set<String> WEAK_APPLE = Set.of("DES", "3DES", "SHA1-96", "SHA1-160");
    private static final Set<Integer> WEAK_GROUPS = Set.of(1, 2, 5);

    private AppleProfileReader() {
    }

    static List<String> explain(byte[] content) {
        List<String> lines = new ArrayList<>();
        byte[] plist = content;
        if (content.length > 0 && content[0] == 0x30) {
            try {
                CMSSignedData signed = new CMSSignedData(content);
                plist = (byte[]) signed.getSignedContent().getContent();
                for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
                    lines.add("signed profile: certificate " + holder.getSubject());
                }
            } catch (Exception e) {
                throw new UserError("not a readable .mobileconfig: it looks signed but the signature cannot be parsed");
            }
        }
        NSDictionary root;
        try {
            root = (NSDictionary) PropertyListParser.parse(plist);
        } catch (Exception e) {
            throw new UserError("not a readable .mobileconfig: it is not a property list");
        }
        lines.add(0, "Apple configuration profile \"" + text(root, "PayloadDisplayName") + "\" ("
                + text(root, "PayloadIdentifier") + ")");
        NSObject content1 = root.objectForKey("PayloadContent");
        if (content1 instanceof NSArray payloads) {
            for (NSObject item : payloads.getArray()) {
                if (item instanceof NSDictionary payload) {
                    describe(payload, lines);
                }
            }
        }
        return lines;
    }

    private static void describe(NSDictionary payload, List<String> lines) {
        String type = text(payload, "PayloadType");
        lines.add("  payload " + type + ": " + text(payload, "PayloadDisplayName"));
        switch (type) {
            case "com.apple.security.root" -> {
                if (payload.objectForKey("PayloadContent") instanceof NSData data) {
                    lines.add("    CA:         " + Pem.certificate(data.bytes()).getSubjectX500Principal().getName());
                }
            }
            case "com.apple.security.pkcs12" -> {
                if (payload.objectForKey("PayloadContent") instanceof NSData data) {
                    lines.add("    p12:        " + P12Reader.explain(data.bytes()).get(0));
                }
                lines.add(payload.containsKey("Password")
                        ? "    WARNING:    the p12 password is embedded: the file alone grants this device's identity"
                        : "    password:   not embedded (asked at install)");
            }
            case "com.apple.vpn.managed" -> describeVpn(payload, lines);
            default -> { }
        }
    }

    private static void describeVpn(NSDictionary payload, List<String> lines) {
        lines.add("    type:       " + text(payload, "VPNType") + ", shown as \"" + text(payload, "UserDefinedName") + "\"");
        if (!(payload.objectForKey("IKEv2") instanceof NSDictionary ike)) {
            return;
        }
        lines.add("    server:     " + text(ike, "RemoteAddress") + " (id " + text(ike, "RemoteIdentifier") + ")");
        lines.add("    identity:   " + text(ike, "LocalIdentifier") + ", " + text(ike, "AuthenticationMethod")
                + " (" + text(ike, "CertificateType") + ")");
        sa(ike, "IKESecurityAssociationParameters", "IKE", lines);
        sa(ike, "ChildSecurityAssociationParameters", "ESP", lines);
        lines.add("    PFS:        " + onOff(ike, "EnablePFS") + ", MOBIKE: " + (Optional.ofNullable(ike.objectForKey("DisableMOBIKE"))
                .map(Object::toString).orElse("0").equals("1") ? "off" : "on") + ", DPD: " + text(ike, "DeadPeerDetectionRate"));
        lines.add("    on demand:  " + onOff(ike, "OnDemandEnabled"));
        if (payload.objectForKey("IPv4") instanceof NSDictionary ipv4) {
            lines.add("    OverridePrimary: " + text(ipv4, "OverridePrimary")
                    + " (for IKEv2 the server's traffic selectors decide what is tunnelled)");
        }
    }

    private static void sa(NSDictionary ike, String key, String label, List<String> lines) {
        if (!(ike.objectForKey(key) instanceof NSDictionary sa)) {
            lines.add("    WARNING:    no " + key + ": older Apple releases then propose 3DES/SHA1-96/group 2");
            return;
        }
        String enc = text(sa, "EncryptionAlgorithm");
        String integ = text(sa, "IntegrityAlgorithm");
        String group = text(sa, "DiffieHellmanGroup");
        lines.add("    " + (label + ":").concat("        ").substring(0, 12) + enc + ", " + integ + ", DH group " + group
                + ", " + text(sa, "LifeTimeInMinutes") + " min");
        if (WEAK_APPLE.contains(enc) || WEAK_APPLE.contains(integ) || isWeakGroup(group)) {
            lines.add("    WARNING:    " + label + " parameters below policy (DES/3DES, SHA-1 or DH group 1/2/5)");
        }
    }

    /** A weak algorithm named in a strongSwan proposal, if any. */
    static Optional<String> weakStrongswan(String proposal) {
        for (String part : proposal.toLowerCase(Locale.ROOT).split("[-,]")) {
            if (Set.of("des", "3des", "sha1", "md5", "modp768", "modp1024", "modp1536", "prfsha1", "prfmd5").contains(part)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    private static boolean isWeakGroup(String group) {
        try {
            return WEAK_GROUPS.contains(Integer.parseInt(group));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String onOff(NSDictionary dict, String key) {
        return "1".equals(text(dict, key)) || "true".equals(text(dict, key)) ? "on" : "off";
    }

    private static String text(NSDictionary dict, String key) {
        NSObject value = dict.objectForKey(key);
        return value == null ? "-" : value.toString();
    }
}
