package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Files;
import io.ikev2kit.pki.Platform;
import java.security.cert.X509Certificate;
import java.util.UUID;

/**
 * One device's issued material, as the profile builders need it. The p12 files are already password-protected:
 * the .mobileconfig and the .sswan embed {@link P12Files#embeddedP12()}, the Windows script and a bare .p12 carry
 * {@link P12Files#standaloneP12()}. {@code network} is what the device may reach: its profiles route only that.
 */
public record Device(DeviceIdentity identity, X509Certificate certificate, P12Files p12, Platform platform,
                     X509Certificate ca, DeviceNetwork network) {

    /** A device with no fixed address that may reach everything the site routes. */
    public Device(DeviceIdentity identity, X509Certificate certificate, P12Files p12, Platform platform,
                  X509Certificate ca) {
        this(identity, certificate, p12, platform, ca, DeviceNetwork.unrestricted(identity.device()));
    }

    /** The same device with {@code changed} as its network. */
    public Device withNetwork(DeviceNetwork changed) {
        return new Device(identity, certificate, p12, platform, ca, changed);
    }

    public String name() {
        return identity.device().value();
    }

    public KeyType keyType() {
        return KeyType.of(certificate.getPublicKey());
    }

    /**
     * A UUID that stays the same for this site and device across exports, so a re-exported profile replaces
     * the installed one. The CA's key identifies the site; {@code role} tells apart the UUIDs of one profile.
     */
    public UUID stableUuid(String role) {
        byte[] caKey = ca.getPublicKey().getEncoded();
        String seed = java.util.HexFormat.of().formatHex(caKey) + "/" + name() + "/" + role;
        return UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
