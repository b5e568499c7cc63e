package io.ikev2kit.pki;

/**
 * A device's IKE identity, {@code NAME@HOST}: the certificate's CN and the LocalIdentifier Apple sends.
 * The SAN carries it as an rfc822Name because strongSwan parses "user@host" identities as
 * ID_RFC822_ADDR and matches them against rfc822Name SANs; Windows sends the subject DN, which the CN covers.
 */
public record DeviceIdentity(DeviceName device, HostName host) {
    public DeviceIdentity {
        int length = device.value().length() + 1 + host.value().length();
        if (length > HostName.MAX_COMMON_NAME) {
            throw new UserError("device name '" + device + "' is too long for host " + host + ": '" + device + "@"
                    + host + "' is the certificate's common name, limited to " + HostName.MAX_COMMON_NAME
                    + " characters; use a name of at most " + (HostName.MAX_COMMON_NAME - 1 - host.value().length())
                    + " characters");
        }
    }

    public String value() {
        return device.value() + "@" + host.value();
    }

    @Override
    public String toString() {
        return value();
    }
}
