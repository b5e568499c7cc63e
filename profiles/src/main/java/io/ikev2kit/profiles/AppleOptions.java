package io.ikev2kit.profiles;

import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.UserError;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a user may choose for an iOS/macOS profile.
 *
 * @param embeddedPassword the p12 password to write into the profile; empty (the default) makes the device ask for
 *                         it at install, so an emailed profile is not a bearer credential
 * @param onDemand         connect automatically on every network except the trusted Wi-Fi networks
 * @param trustedSsids     Wi-Fi networks on which an on-demand VPN stays off
 * @param signer           signs the profile as CMS SignedData; empty writes the plain XML
 */
public record AppleOptions(Optional<Passphrase> embeddedPassword, boolean onDemand, List<String> trustedSsids,
                           Optional<ProfileSigner> signer) {

    /** IEEE 802.11 limits an SSID to 32 octets. */
    public static final int MAX_SSID_BYTES = 32;

    public AppleOptions {
        trustedSsids = List.copyOf(trustedSsids);
        if (!onDemand && !trustedSsids.isEmpty()) {
            throw new UserError("trusted Wi-Fi networks only matter with --on-demand: add --on-demand or drop --trusted-ssid");
        }
        for (String ssid : new HashSet<>(trustedSsids)) {
            checkSsid(ssid);
        }
        if (new HashSet<>(trustedSsids).size() != trustedSsids.size()) {
            throw new UserError("a trusted Wi-Fi network is listed twice: give each --trusted-ssid once");
        }
    }

    public static AppleOptions defaults() {
        return new AppleOptions(Optional.empty(), false, List.of(), Optional.empty());
    }

    private static void checkSsid(String ssid) {
        // XML 1.0 cannot carry control characters, and no device shows them in a network name
        if (!ssid.codePoints().allMatch(AppleOptions::xmlCharacter)) {
            throw new UserError("a Wi-Fi name contains control characters: give the network name exactly as the "
                    + "device shows it");
        }
        int bytes = ssid.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_SSID_BYTES) {
            throw new UserError("Wi-Fi name '" + ssid + "' must be 1 to " + MAX_SSID_BYTES + " bytes long: give the "
                    + "network name exactly as the device shows it");
        }
    }

    private static boolean xmlCharacter(int c) {
        return !Character.isISOControl(c) && Character.getType(c) != Character.SURROGATE && c != 0xFFFE && c != 0xFFFF;
    }
}
