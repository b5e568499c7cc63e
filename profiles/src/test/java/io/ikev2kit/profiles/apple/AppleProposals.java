package io.ikev2kit.profiles.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import io.ikev2kit.profiles.suite.Proposals;

/**
 * What a device with this very profile proposes, in strongSwan syntax, read from the profile's own IKEv2 dictionary
 * through {@link Proposals}: a server test connects with these, not with what the suite table says.
 *
 * @param ike           the IKE proposal
 * @param esp           the ESP proposal as iOS sends it: with the child DH group when EnablePFS is 1
 * @param espWithoutPfs the ESP proposal without a DH group, as macOS may send it
 */
public record AppleProposals(String ike, String esp, String espWithoutPfs) {

    public static AppleProposals read(NSDictionary profile) {
        NSDictionary ikev2 = ikev2(profile);
        NSDictionary ikeSa = (NSDictionary) ikev2.get("IKESecurityAssociationParameters");
        // Apple applies the IKE parameters to the child SA unless the child has its own
        NSDictionary childSa = ikev2.get("ChildSecurityAssociationParameters") instanceof NSDictionary child
                ? child : ikeSa;
        boolean pfs = ikev2.get("EnablePFS") instanceof NSNumber n && n.intValue() == 1;
        String ike = Proposals.appleIke(text(ikeSa, "EncryptionAlgorithm"), text(ikeSa, "IntegrityAlgorithm"),
                number(ikeSa, "DiffieHellmanGroup"));
        String espWithoutPfs = Proposals.appleEsp(text(childSa, "EncryptionAlgorithm"),
                text(childSa, "IntegrityAlgorithm"), null);
        String esp = pfs ? Proposals.appleEsp(text(childSa, "EncryptionAlgorithm"), text(childSa, "IntegrityAlgorithm"),
                number(childSa, "DiffieHellmanGroup")) : espWithoutPfs;
        return new AppleProposals(ike, esp, espWithoutPfs);
    }

    /** The IKEv2 dictionary of the profile's only com.apple.vpn.managed payload. */
    public static NSDictionary ikev2(NSDictionary profile) {
        return (NSDictionary) vpnPayload(profile).get("IKEv2");
    }

    public static NSDictionary vpnPayload(NSDictionary profile) {
        return payload(profile, "com.apple.vpn.managed");
    }

    /** The one payload of {@code type} in the profile's PayloadContent. */
    public static NSDictionary payload(NSDictionary profile, String type) {
        NSDictionary found = null;
        for (NSObject item : ((NSArray) profile.get("PayloadContent")).getArray()) {
            NSDictionary payload = (NSDictionary) item;
            if (type.equals(text(payload, "PayloadType"))) {
                if (found != null) {
                    throw new IllegalArgumentException("more than one " + type + " payload");
                }
                found = payload;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no " + type + " payload");
        }
        return found;
    }

    private static String text(NSDictionary dict, String key) {
        NSObject value = dict.get(key);
        if (!(value instanceof NSString s)) {
            throw new IllegalArgumentException(key + " is not a <string>: " + value);
        }
        return s.getContent();
    }

    private static int number(NSDictionary dict, String key) {
        NSObject value = dict.get(key);
        if (!(value instanceof NSNumber n) || n.type() != NSNumber.INTEGER) {
            throw new IllegalArgumentException(key + " is not an <integer>: " + value);
        }
        return n.intValue();
    }
}
