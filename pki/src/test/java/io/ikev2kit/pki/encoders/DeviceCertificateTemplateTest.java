package io.ikev2kit.pki.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.KeyType;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The device certificate encoded from the template is byte for byte the TBSCertificate BouncyCastle's builder
 * makes from the same serial, times, names and key: for each key type, with and without a country, for
 * names short and long enough to need long-form lengths, and for validity beyond 2049.
 */
class DeviceCertificateTemplateTest {
    static java.util.stream.Stream<Arguments> cases() {
        return java.util.stream.Stream.of(
                Arguments.of(KeyType.ECDSA_P256, new CaSubject("Example VPN Root CA", "Example", "DE"), "alice", "vpn.example.com", 730),
                Arguments.of(KeyType.ECDSA_P384, new CaSubject("Root", "Ex", null), "b", "v.example", 9000),
                Arguments.of(KeyType.RSA_3072, new CaSubject("Example VPN Root CA", "Example", "US"), "carol-laptop", "vpn.example.com", 825),
                Arguments.of(KeyType.ECDSA_P256, new CaSubject("A".repeat(64), "Ö".repeat(64), "CH"),
                        "d".repeat(30), "h".repeat(20) + ".example.com", 365));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void tbsEqualsBouncyCastlesBuilder(KeyType type, CaSubject subject, String device, String host, int days) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(subject, type, 36500);
        KeyPair pair = type.generate();
        DeviceIdentity identity = new DeviceIdentity(new DeviceName(device), new HostName(host));
        BigInteger serial = CertificateAuthority.randomSerial();
        Instant notBefore = Instant.parse("2026-11-23T10:00:00Z");
        Instant notAfter = notBefore.plus(java.time.Duration.ofDays(days));

        byte[] ours = ca.deviceTemplate(subject).tbs(serial, notBefore, notAfter, identity, pair.getPublic());

        AlgorithmIdentifier algorithm = org.bouncycastle.asn1.x509.Certificate
                .getInstance(ca.certificate().getEncoded()).getSignatureAlgorithm(); // the CA signed itself alike
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        int usage = KeyUsage.digitalSignature | (type.isRsa() ? KeyUsage.keyEncipherment : 0);
        X500Name caName = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        CapturingSigner capture = new CapturingSigner(algorithm);
        new JcaX509v3CertificateBuilder(caName, serial, Date.from(notBefore), Date.from(notAfter),
                subject.name(identity.value()), pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()))
                .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, identity.value())))
                .build(capture);
        assertArrayEquals(capture.data.toByteArray(), ours);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void issuedCertificateVerifiesUnderTheCa(KeyType type, CaSubject subject, String device, String host, int days) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(subject, type, 36500);
        DeviceIdentity identity = new DeviceIdentity(new DeviceName(device), new HostName(host));
        X509Certificate certificate = ca.issueDevice(subject, identity, type.generate().getPublic(), days);
        certificate.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate().getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals(certificate.getSigAlgName(), ca.certificate().getSigAlgName());
    }

    /** Records what the builder asks to be signed. */
    private static final class CapturingSigner implements ContentSigner {
        private final AlgorithmIdentifier algorithm;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        CapturingSigner(AlgorithmIdentifier algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return data;
        }

        @Override
        public byte[] getSignature() {
            return new byte[8];
        }
    }
}
