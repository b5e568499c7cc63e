package io.ikev2kit.pki.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The forms the hand-written encoders write that DerTest, DeviceCertificateTemplateTest, FastCryptoTest,
 * KdfBoundaryTest and Pkcs12OpensslShapeTest do not already hold to the library: each DER form not covered there,
 * the whole signed certificate, and the EC keys and signature algorithm.
 */
class EncoderDifferentialTest {
    @Test
    void derStringsBitStringsTagsAndAlgorithmsAreWhatBouncyCastleWrites() throws Exception {
        assertArrayEquals(der(new DERUTF8String("Jörg – VPN")), Der.utf8String("Jörg – VPN"));
        assertArrayEquals(der(new DERPrintableString("DE")), Der.printableString("DE"));
        assertArrayEquals(der(new DERIA5String("alice@vpn.example.com")), Der.ia5String("alice@vpn.example.com"));
        assertArrayEquals(der(new DERBitString(new byte[] {1, 2, (byte) 0xff})), Der.bitString(new byte[] {1, 2, (byte) 0xff}));
        assertArrayEquals(der(new DERTaggedObject(true, 3, new ASN1Integer(7))), Der.explicit(3, Der.integer(7)));
        assertArrayEquals(der(new DERSequence(new ASN1Encodable[] {new ASN1Integer(1), DERNull.INSTANCE})),
                Der.sequence(Der.integer(1), new byte[] {Der.NULL, 0}));
        assertArrayEquals(der(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)),
                Der.algorithmWithNull(NISTObjectIdentifiers.id_sha256));
    }

    /** The certificate around the TBS: with the same signature bytes, exactly BouncyCastle's builder's output. */
    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ECDSA_P256", "ECDSA_P384", "RSA_3072"})
    void signedCertificateEqualsBouncyCastlesBuilder(KeyType type) throws Exception {
        CaSubject subject = new CaSubject("Example VPN Root CA", "Example", "DE");
        CertificateAuthority ca = CertificateAuthority.create(subject, type, 3650);
        KeyPair pair = type.generate();
        DeviceIdentity identity = new DeviceIdentity(new DeviceName("alice-phone"), new HostName("vpn.example.com"));
        BigInteger serial = CertificateAuthority.randomSerial();
        Instant notBefore = Instant.parse("2026-11-29T10:00:00Z");
        Instant notAfter = Instant.parse("2028-11-28T10:00:00Z");
        DeviceCertificateTemplate template = ca.deviceTemplate(subject);
        byte[] tbs = template.tbs(serial, notBefore, notAfter, identity, pair.getPublic());
        ContentSigner real = ca.signer().contentSigner();
        real.getOutputStream().write(tbs);
        byte[] signature = real.getSignature();

        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X500Name caName = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        byte[] expected = new JcaX509v3CertificateBuilder(caName, serial, Date.from(notBefore), Date.from(notAfter),
                subject.name(identity.value()), pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                        | (type.isRsa() ? KeyUsage.keyEncipherment : 0)))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, identity.value())))
                .build(new FixedSigner(real.getAlgorithmIdentifier(), signature)).getEncoded();
        byte[] ours = template.certificate(tbs, signature);
        assertArrayEquals(expected, ours);
        X509Certificate parsed = Pem.certificate(ours);
        parsed.verify(ca.certificate().getPublicKey()); // and the signature is over exactly these TBS bytes
    }

    /**
     * EcCurve's keys on BouncyCastle's fixed-point tables: the public point is d·G as BouncyCastle's generic curve
     * arithmetic computes it, and the signature algorithm is the one JCA names for the curve.
     */
    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ECDSA_P256", "ECDSA_P384"})
    void ecKeysAreOnTheNamedCurveAndSignatureAlgorithmsAreJcas(KeyType type) throws Exception {
        EcCurve curve = EcCurve.of(type);
        X9ECParameters generic = ECNamedCurveTable.getByName(type == KeyType.ECDSA_P384 ? "P-384" : "P-256");
        for (int i = 0; i < 20; i++) {
            KeyPair pair = curve.generate();
            BigInteger d = ((ECPrivateKey) pair.getPrivate()).getS();
            var q = generic.getG().multiply(d).normalize();
            var w = ((ECPublicKey) pair.getPublic()).getW();
            assertEquals(q.getAffineXCoord().toBigInteger(), w.getAffineX());
            assertEquals(q.getAffineYCoord().toBigInteger(), w.getAffineY());
        }
        ECPrivateKey key = (ECPrivateKey) curve.generate().getPrivate();
        assertEquals(new JcaContentSignerBuilder(type.signatureAlgorithm()).build(key).getAlgorithmIdentifier(),
                new EcdsaContentSigner(curve, key).getAlgorithmIdentifier());
    }

    private static byte[] der(ASN1Encodable value) throws java.io.IOException {
        return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }

    /** Hands the builder a signature made beforehand, so both encodings carry the same bytes. */
    private record FixedSigner(AlgorithmIdentifier algorithm, byte[] signature) implements ContentSigner {
        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public java.io.OutputStream getOutputStream() {
            return java.io.OutputStream.nullOutputStream();
        }

        @Override
        public byte[] getSignature() {
            return signature.clone();
        }
    }
}
