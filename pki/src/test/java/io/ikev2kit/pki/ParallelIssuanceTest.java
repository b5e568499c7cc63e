package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

/** Bulk issuance signs on several threads at once; every certificate must still name its own key and its CA's. */
class ParallelIssuanceTest {
    @Test
    void keyIdentifiersStayCorrectWhenDevicesAreIssuedInParallel() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(new CaSubject("CA", "Org", "DE"), KeyType.ECDSA_P256, 30);
        DeviceIssuer issuer = new DeviceIssuer(ca, new HostName("vpn.example.com"), KeyType.ECDSA_P256);
        byte[] caKeyId = keyIdentifier(ca.certificate());
        List<X509Certificate> issued = IntStream.range(0, 400).parallel()
                .mapToObj(i -> issuer.issue(new DeviceName("d" + i), 10, P12Format.MODERN, Passphrase.of("pw")).certificate())
                .toList();
        for (X509Certificate certificate : issued) {
            assertArrayEquals(keyIdentifier(certificate), extension(certificate, "2.5.29.14", SubjectKeyIdentifier::getInstance)
                    .getKeyIdentifier(), "SubjectKeyIdentifier of " + certificate.getSubjectX500Principal());
            assertArrayEquals(caKeyId, extension(certificate, "2.5.29.35", AuthorityKeyIdentifier::getInstance)
                    .getKeyIdentifierOctets(), "AuthorityKeyIdentifier of " + certificate.getSubjectX500Principal());
            certificate.verify(ca.certificate().getPublicKey());
        }
        assertEquals(400, issued.stream().map(X509Certificate::getSerialNumber).distinct().count());
    }

    /** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
    private static byte[] keyIdentifier(X509Certificate certificate) throws Exception {
        byte[] key = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getPublicKeyData().getBytes();
        return MessageDigest.getInstance("SHA-1").digest(key);
    }

    private static <T> T extension(X509Certificate certificate, String oid, java.util.function.Function<Object, T> parse) {
        return parse.apply(ASN1OctetString.getInstance(certificate.getExtensionValue(oid)).getOctets());
    }
}
