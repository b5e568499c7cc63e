package io.ikev2kit.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;

/** PEM text for certificates, CRLs and unencrypted keys. */
public final class Pem {
    private Pem() {
    }

    /**
     * PEM for a certificate, CRL, PemObject or private key, 64 characters a line as openssl writes it. Keys
     * become unencrypted PKCS#8 ("PRIVATE KEY"), which strongSwan, openssl and the JDK all read; the JDK's EC
     * keys would otherwise be written as SEC1 without a curve.
     */
    public static String encode(Object object) {
        try {
            if (object instanceof X509Certificate certificate) {
                return block("CERTIFICATE", certificate.getEncoded());
            }
            if (object instanceof X509CRL crl) {
                return block("X509 CRL", crl.getEncoded());
            }
            if (object instanceof PrivateKey key) {
                return block("PRIVATE KEY", key.getEncoded());
            }
            if (object instanceof PemObject pem) {
                return block(pem.getType(), pem.getContent());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode " + object.getClass().getSimpleName(), e);
        }
        throw new IllegalArgumentException("no PEM form for " + object.getClass().getName());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    /** Reads a PEM certificate; the caller names the file so a broken one can be reported. */
    public static X509Certificate readCertificate(String pem, String source) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UserError(source + " is not a readable certificate: restore it from a backup");
        }
    }

    public static X509CRL readCrl(String pem, String source) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UserError(source + " is not a readable CRL: delete it and run 'ikev2kit crl' to sign a new one");
        }
    }

    public static PrivateKey readPrivateKey(String pem, String source) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            PrivateKeyInfo info = object instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                    : object instanceof PrivateKeyInfo direct ? direct : null;
            if (info != null) {
                return jdkKey(info);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // fall through to the user-facing message
        }
        throw new UserError(source + " is not a readable private key: restore it from a backup");
    }

    /** A JDK key object, so the JDK's signature engines accept it (BouncyCastle's report "ECDSA", which they refuse). */
    static PrivateKey jdkKey(PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        String algorithm = info.getPrivateKeyAlgorithm().getAlgorithm()
                .equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "EC";
        return java.security.KeyFactory.getInstance(algorithm)
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(info.getEncoded()));
    }
}
