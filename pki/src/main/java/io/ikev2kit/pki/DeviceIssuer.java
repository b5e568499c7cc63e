package io.ikev2kit.pki;

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

    public IssuedDevice issue(DeviceName name, int days, P12Format format, Passphrase p12Password) {
        return issue(name, days, format, p12Password, keyType.generate());
    }

    /** With a key pair made beforehand, e.g. while the CA key was still being decrypted. */
    public IssuedDevice issue(DeviceName name, int days, P12Format format, Passphrase p12Password, KeyPair pair) {
        DeviceIdentity identity = new DeviceIdentity(name, host);
        X509Certificate certificate = ca.issueDevice(template, identity, pair.getPublic(), days);
        DeviceCredentials credentials = new DeviceCredentials(pair.getPrivate(), certificate, ca.certificate());
        byte[] p12 = Pkcs12Writer.write(credentials, identity.value(), format, p12Password);
        return new IssuedDevice(name, certificate, p12, format);
    }

    /** A freshly issued device, not yet in the store. */
    public record IssuedDevice(DeviceName name, X509Certificate certificate, byte[] p12, P12Format format) {
    }
}
