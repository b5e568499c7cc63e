package io.ikev2kit.cli.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS trust in the certificates of one PEM file, for a mail server whose certificate comes from a private CA. */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    public static SSLSocketFactory fromPem(Path file) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new MailException("cannot read certificates from " + file + ": give a PEM file with the mail "
                    + "server's CA certificate", e);
        }
        if (certificates.isEmpty()) {
            throw new MailException(file + " holds no certificate: give a PEM file with the mail server's CA certificate");
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trust.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust", e);
        }
    }
}
