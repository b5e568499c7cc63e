package io.ikev2kit.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Small facts read off certificates. */
public final class Certificates {
    private Certificates() {
    }

    public static String commonName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = name.getRDNs(BCStyle.CN);
        return cns.length == 0 ? "" : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    public static String sha256Fingerprint(X509Certificate certificate) {
        return HexFormat.of().withUpperCase().formatHex(digest("SHA-256", certificate));
    }

    /** Windows names certificates by their SHA-1 thumbprint (Cert:\LocalMachine\My\THUMBPRINT). */
    public static String sha1Thumbprint(X509Certificate certificate) {
        return HexFormat.of().withUpperCase().formatHex(sha1(certificate));
    }

    /** The thumbprint's bytes; a p12 ties its key to its certificate with them (localKeyId). */
    static byte[] sha1(X509Certificate certificate) {
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
