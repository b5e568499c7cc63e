package io.ikev2kit.pki.encoders;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.KeyType;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A device certificate's TBSCertificate, DER-encoded from parts computed once per CA: the issuer, the
 * signature algorithm, the C and O of the subject and the fixed extensions. Only the serial, validity, common
 * name, key and the two key-derived extensions are encoded per device. The result is byte for byte what
 * BouncyCastle's certificate builder writes for the same input (a test holds it to that):
 * basicConstraints CA:false (critical), subject and authority key identifiers, keyUsage (critical),
 * extendedKeyUsage clientAuth and an rfc822Name subjectAltName.
 */
public final class DeviceCertificateTemplate {
    private static final byte[] VERSION_3 = Der.explicit(0, Der.integer(2));
    private static final byte[] BASIC_CONSTRAINTS = extension(Extension.basicConstraints, true, Der.sequence());
    private static final byte[] KEY_USAGE_EC = keyUsage(KeyUsage.digitalSignature);
    private static final byte[] KEY_USAGE_RSA = keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    private static final byte[] CLIENT_AUTH = extension(Extension.extendedKeyUsage, false,
            Der.sequence(Der.oid(KeyPurposeId.id_kp_clientAuth.toOID())));

    private final byte[] signatureAlgorithm;
    private final byte[] issuer;
    private final byte[][] subjectPrefix;
    private final byte[] authorityKeyId;

    /**
     * @param signatureAlgorithm the CA signer's AlgorithmIdentifier, DER
     * @param issuer             the CA's subject name, DER
     * @param subject            whose C and O go into every device's subject
     * @param authorityKeyId     the AuthorityKeyIdentifier extension value, DER
     */
    public DeviceCertificateTemplate(byte[] signatureAlgorithm, byte[] issuer, CaSubject subject, byte[] authorityKeyId) {
        this.signatureAlgorithm = signatureAlgorithm.clone();
        this.issuer = issuer.clone();
        // BouncyCastle's X500NameBuilder with BCStyle: the country as PrintableString, the rest as UTF8String
        this.subjectPrefix = subject.country() == null
                ? new byte[][] {rdn(BCStyle.O, Der.utf8String(subject.organization()))}
                : new byte[][] {rdn(BCStyle.C, Der.printableString(subject.country())),
                        rdn(BCStyle.O, Der.utf8String(subject.organization()))};
        this.authorityKeyId = extension(Extension.authorityKeyIdentifier, false, authorityKeyId);
    }

    public byte[] tbs(BigInteger serial, Instant notBefore, Instant notAfter, DeviceIdentity identity, PublicKey key) {
        byte[] spki = key.getEncoded();
        byte[][] subject = java.util.Arrays.copyOf(subjectPrefix, subjectPrefix.length + 1);
        subject[subjectPrefix.length] = rdn(BCStyle.CN, Der.utf8String(identity.value()));
        byte[] extensions = Der.explicit(3, Der.sequence(
                BASIC_CONSTRAINTS,
                extension(Extension.subjectKeyIdentifier, false, Der.octetString(keyIdentifier(spki))),
                authorityKeyId,
                KeyType.of(key).isRsa() ? KEY_USAGE_RSA : KEY_USAGE_EC,
                CLIENT_AUTH,
                extension(Extension.subjectAlternativeName, false,
                        Der.sequence(Der.tlv(0x81, Der.ascii(identity.value()))))));  // [1] IMPLICIT IA5String
        return Der.sequence(VERSION_3, Der.integer(serial), signatureAlgorithm, issuer,
                Der.sequence(Der.time(notBefore), Der.time(notAfter)), Der.sequence(subject), spki, extensions);
    }

    /** The signed certificate: the TBSCertificate, the signature algorithm again and the signature. */
    public byte[] certificate(byte[] tbs, byte[] signature) {
        return Der.sequence(tbs, signatureAlgorithm, Der.bitString(signature));
    }

    /** RFC 5280 4.2.1.2 method 1: the SHA-1 of the subjectPublicKey BIT STRING's bits. */
    static byte[] keyIdentifier(byte[] spki) {
        Der.Element info = Der.Element.at(spki, 0);
        Der.Element algorithm = Der.Element.at(spki, info.contentStart());
        Der.Element bits = Der.Element.at(spki, algorithm.end());
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(spki, bits.contentStart() + 1, bits.end() - bits.contentStart() - 1);
            return sha1.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is unavailable", e);
        }
    }

    private static byte[] rdn(ASN1ObjectIdentifier type, byte[] value) {
        return Der.setOf(Der.sequence(Der.oid(type), value));
    }

    private static byte[] extension(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.TRUE, Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** KeyUsage as a named BIT STRING: DER drops trailing zero bits (X.690 11.2.2). */
    private static byte[] keyUsage(int usage) {
        int unused = Integer.numberOfTrailingZeros(usage);
        byte[] bits = new byte[] {(byte) unused, (byte) usage};
        return extension(Extension.keyUsage, true, Der.tlv(Der.BIT_STRING, bits));
    }
}
