package io.ikev2kit.profiles.inspect;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import io.ikev2kit.pki.UserError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InspectorTest {
    private final Inspector inspector = new Inspector(Optional.empty());

    @Test
    void warnsAboutAppleDefaultsAndWeakParameters() {
        NSDictionary ike = new NSDictionary();
        ike.put("RemoteAddress", "vpn.example.com");
        NSDictionary weak = new NSDictionary();
        weak.put("EncryptionAlgorithm", "3DES");
        weak.put("IntegrityAlgorithm", "SHA1-96");
        weak.put("DiffieHellmanGroup", 2);
        weak.put("LifeTimeInMinutes", 1440);
        ike.put("IKESecurityAssociationParameters", weak);
        NSDictionary vpn = new NSDictionary();
        vpn.put("PayloadType", "com.apple.vpn.managed");
        vpn.put("VPNType", "IKEv2");
        vpn.put("IKEv2", ike);
        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadContent", new NSArray(vpn));
        List<String> lines = inspector.explain("old.mobileconfig", profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8));
        assertTrue(lines.stream().anyMatch(l -> l.contains("WARNING") && l.contains("IKE parameters below policy")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("WARNING") && l.contains("no ChildSecurityAssociationParameters")),
                lines.toString());
    }

    @Test
    void warnsAboutWeakAndroidProposals() {
        String sswan = "{\"uuid\": \"u\", \"name\": \"n\", \"type\": \"ikev2-cert\", \"remote\": {\"addr\": \"a\"},"
                + " \"ike-proposal\": \"3des-sha1-modp1024\"}";
        List<String> lines = inspector.explain("old.sswan", sswan.getBytes(StandardCharsets.UTF_8));
        assertTrue(lines.stream().anyMatch(l -> l.contains("WARNING") && l.contains("3des")), lines.toString());
    }

    @Test
    void refusesFilesItCannotExplain() {
        assertThrows(UserError.class, () -> inspector.explain("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        assertThrows(UserError.class, () -> inspector.explain("broken.mobileconfig", "<plist".getBytes(StandardCharsets.UTF_8)));
    }
}
