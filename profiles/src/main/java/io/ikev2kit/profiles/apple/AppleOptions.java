package io.ikev2kit.profiles.apple;

import io.ikev2kit.pki.FreeText;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
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

    /** The free-text rule, with the length counted as 802.11 does: in bytes. Spaces are kept, as SSIDs have them. */
    private static void checkSsid(String ssid) {
        FreeText.checkCharacters(ssid, "--trusted-ssid");
        int bytes = ssid.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_SSID_BYTES) {
            throw new UserError("--trusted-ssid " + Visible.quote(ssid) + " must be 1 to " + MAX_SSID_BYTES
                    + " bytes long: give the network name exactly as the device shows it");
        }
    }
}
