package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Subjects are built from typed values: what the user typed is what the certificates hold, byte for byte. */
class CaSubjectTest {
    private static final HostName HOST = new HostName("vpn.example.com");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"#0c0e4576696c0a1b5b326a0750", "\\Backslash Ltd", "Smith, Jones & Co.", "A;B+C=D<E>F\"G",
            "x\u00e9\u4e2d\ud83d\ude00", "#1 VPN"})
    void caAndDeviceCertificatesHoldTheOrganisationAndNameAsTyped(String value) throws Exception {
        CaSubject subject = new CaSubject(value + " Root CA", value, "DE");
        CertificateAuthority ca = CertificateAuthority.create(subject, KeyType.ECDSA_P256, 30);
        X509Certificate device = ca.issueDevice(CaSubject.of(ca.certificate()),
                new DeviceIdentity(new DeviceName("alice"), HOST), KeyType.ECDSA_P256.generate().getPublic(), 30);

        for (X509Certificate certificate : new X509Certificate[] {ca.certificate(), device}) {
            X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            assertTrue(name.getRDNs(BCStyle.O)[0].getFirst().getValue() instanceof ASN1UTF8String, "a UTF8String");
            assertEquals(value, CaSubject.value(name, BCStyle.O), "O of " + name);
        }
        assertEquals(value + " Root CA", Certificates.commonName(ca.certificate()));
        assertEquals(value, CaSubject.of(ca.certificate()).organization());
        assertEquals(3, X500Name.getInstance(device.getSubjectX500Principal().getEncoded()).getRDNs().length,
                "C, O and CN, nothing smuggled in");
        assertOpensslReadsTheSameOrganisation(ca.certificate(), value);
        assertOpensslReadsTheSameOrganisation(device, value);
    }

    /** openssl's own reading of the attribute: UTF-8, one attribute a line, no RFC 2253 escaping. */
    private void assertOpensslReadsTheSameOrganisation(X509Certificate certificate, String value) throws Exception {
        Tool.require("openssl");
        Path file = dir.resolve("cert.pem");
        Files.writeString(file, Pem.encode(certificate), StandardCharsets.US_ASCII);
        String subject = Tool.run("openssl", "x509", "-in", file.toString(), "-noout", "-subject", "-nameopt",
                "sep_multiline,utf8,-esc_2253,-esc_ctrl,-esc_msb,lname").expectSuccess().output();
        assertTrue(subject.contains("    organizationName=" + value + "\n"), subject);
    }
}
