package io.ikev2kit.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** What a device needs to authenticate: its key, its certificate, and the CA that issued it. */
public record DeviceCredentials(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
}
