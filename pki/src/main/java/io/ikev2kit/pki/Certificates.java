package io.ikev2kit.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Small facts read off certificates. */
public final class Certificates {
    private Certificates() {
    }

    /** The subject's CN as the certificate holds it (not RFC 4514 text: a ',' stays a ','). */
    public static String commonName(X509Certificate certificate) {
        String cn = CaSubject.value(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), BCStyle.CN);
        return cn == null ? "" : cn;
    }

    public static String sha256Fingerprint(X509Certificate certificate) {
        return HexFormat.of().withUpperCase().formatHex(digest("SHA-256", certificate));
    }

    /** Windows names certificates by their SHA-1 thumbprint (Cert:\LocalMachine\My\THUMBPRINT). */
    public static String sha1Thumbprint(X509Certificate certificate) {
        return HexFormat.of().withUpperCase().formatHex(sha1(certificate));
    }

    /** The thumbprint's bytes; a p12 ties its key to its certificate with them (localKeyId). */
    public static byte[] sha1(X509Certificate certificate) {
        return digest("SHA-1", certificate);
    }

    public static String serialHex(X509Certificate certificate) {
        return SerialHex.format(certificate.getSerialNumber());
    }

    private static byte[] digest(String algorithm, X509Certificate certificate) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the certificate", e);
        }
    }
}
