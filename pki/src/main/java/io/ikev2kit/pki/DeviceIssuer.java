package io.ikev2kit.pki;

import io.ikev2kit.pki.encoders.DeviceCertificateTemplate;
import io.ikev2kit.pki.encoders.Pkcs12Writer;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * Makes a device's key, certificate and p12 in memory. It touches no files, so many devices can be issued
 * in parallel and the store written afterwards.
 */
public final class DeviceIssuer {
    private final CertificateAuthority ca;
    private final DeviceCertificateTemplate template;
    private final HostName host;
    private final KeyType keyType;

    public DeviceIssuer(CertificateAuthority ca, HostName host, KeyType keyType) {
        this.ca = ca;
        this.template = ca.deviceTemplate(CaSubject.of(ca.certificate()));
        this.host = host;
        this.keyType = keyType;
    }

    /** {@code standalone}: the p12 form the bare .p12 and the Windows script will carry (see {@link P12Files}). */
    public IssuedDevice issue(DeviceName name, int days, P12Format standalone, Passphrase p12Password) {
        return issue(name, days, standalone, p12Password, keyType.generate());
    }

    /**
     * With a key pair made beforehand, e.g. while the CA key was still being decrypted. Both p12 forms, same
     * password: the password is not stored, so the other form could not be made later.
     */
    public IssuedDevice issue(DeviceName name, int days, P12Format standalone, Passphrase p12Password, KeyPair pair) {
        return issue(name, days, standalone, p12Password, pair, CertificateAuthority.randomSerial());
    }

    /** With the serial reserved beforehand in the store's journal, so a run killed after signing is accounted for. */
    public IssuedDevice issue(DeviceName name, int days, P12Format standalone, Passphrase p12Password, KeyPair pair,
                              java.math.BigInteger serial) {
        DeviceIdentity identity = new DeviceIdentity(name, host);
        X509Certificate certificate = ca.issueDevice(template, identity, pair.getPublic(), days, serial);
        DeviceCredentials credentials = new DeviceCredentials(pair.getPrivate(), certificate, ca.certificate());
        java.util.Map<P12Format, byte[]> files = new java.util.EnumMap<>(P12Format.class);
        files.put(P12Format.MODERN, Pkcs12Writer.write(credentials, identity.value(), P12Format.MODERN, p12Password, true));
        // the legacy form goes into the .mobileconfig and .sswan, which carry the CA themselves: without it here,
        // Android does not install the CA as a user CA ("network may be monitored")
        files.put(P12Format.LEGACY, Pkcs12Writer.write(credentials, identity.value(), P12Format.LEGACY, p12Password, false));
        return new IssuedDevice(name, certificate, new P12Files(standalone, files));
    }

    /** A freshly issued device, not yet in the store. */
    public record IssuedDevice(DeviceName name, X509Certificate certificate, P12Files p12) {
    }
}
