package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the CA signs besides certificates, and the sizes of the keys it makes. */
class CaSigningTest {
    private static final CertificateAuthority CA = CertificateAuthority.create(new CaSubject("Test CA", "Test", "DE"),
            KeyType.ECDSA_P256, 365);

    @TempDir
    Path dir;

    @Test
    void theCrlListsEachRevocationWithItsDateAndReasonAndIsSignedByTheCa() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant next = now.plus(Duration.ofDays(90));
        BigInteger first = new BigInteger("1234567890abcdef1234", 16);
        BigInteger second = new BigInteger("42");
        X509CRL crl = CA.signCrl(List.of(
                new CertificateAuthority.Revocation(first, now.minusSeconds(60), CertificateAuthority.Reason.KEY_COMPROMISE),
                new CertificateAuthority.Revocation(second, now.minusSeconds(30), CertificateAuthority.Reason.CESSATION_OF_OPERATION)),
                BigInteger.valueOf(7), now, next);

        crl.verify(CA.certificate().getPublicKey());
        assertEquals(2, crl.getVersion());
        assertEquals(CA.certificate().getSubjectX500Principal(), crl.getIssuerX500Principal());
        assertEquals(now, crl.getThisUpdate().toInstant());
        assertEquals(next, crl.getNextUpdate().toInstant());
        assertEquals(BigInteger.valueOf(7), ASN1Integer.getInstance(
                ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets()).getValue());
        assertNotNull(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId()), "names the CA's key");
        X509CRLEntry a = crl.getRevokedCertificate(first);
        X509CRLEntry b = crl.getRevokedCertificate(second);
        assertEquals(now.minusSeconds(60), a.getRevocationDate().toInstant());
        assertEquals(CRLReason.KEY_COMPROMISE, a.getRevocationReason());
        assertEquals(now.minusSeconds(30), b.getRevocationDate().toInstant());
        assertEquals(CRLReason.CESSATION_OF_OPERATION, b.getRevocationReason());
        assertNull(crl.getRevokedCertificate(BigInteger.TEN));
        assertEquals(2, crl.getRevokedCertificates().size());

        Tool.require("openssl");
        Path ca = Files.writeString(dir.resolve("ca.pem"), Pem.encode(CA.certificate()));
        Path file = Files.writeString(dir.resolve("crl.pem"), Pem.encode(crl));
        String text = Tool.run("openssl", "crl", "-in", file.toString(), "-CAfile", ca.toString(), "-verify", "-noout", "-text")
                .expectSuccess().output();
        assertTrue(text.contains("verify OK"), "openssl verifies the signature against the CA: " + text);
        assertTrue(text.contains("Key Compromise") && text.contains("Cessation Of Operation"), text);
    }

    @Test
    void anEmptyCrlIsStillSignedAndNumbered() throws Exception {
        Instant now = Instant.now();
        X509CRL crl = CA.signCrl(List.of(), BigInteger.ONE, now, now.plusSeconds(3600));
        crl.verify(CA.certificate().getPublicKey());
        assertNull(crl.getRevokedCertificates());
        assertThrows(java.security.SignatureException.class, () -> crl.verify(KeyType.ECDSA_P256.generate().getPublic()));
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"RSA_3072", "RSA_4096"})
    void rsaKeysHaveTheirNamedModulusSizeAndPublicExponent65537(KeyType type) {
        KeyPair pair = type.generate();
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        assertEquals(type == KeyType.RSA_3072 ? 3072 : 4096, key.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), key.getPublicExponent());
        assertEquals(type, KeyType.of(key));
        assertTrue(type.isRsa());
    }

    @Test
    void ecKeysAreOnTheirNamedCurve() {
        for (KeyType type : new KeyType[] {KeyType.ECDSA_P256, KeyType.ECDSA_P384}) {
            var key = (java.security.interfaces.ECPublicKey) type.generate().getPublic();
            assertEquals(type == KeyType.ECDSA_P256 ? 256 : 384, key.getParams().getCurve().getField().getFieldSize());
            assertEquals(type, KeyType.of(key));
            assertTrue(!type.isRsa());
        }
    }

    @Test
    void keyTypesParseByTheirCliNamesOnly() {
        for (KeyType type : KeyType.values()) {
            assertEquals(type, KeyType.parse(type.cliName()));
        }
        UserError unknown = assertThrows(UserError.class, () -> KeyType.parse("dsa-1024"));
        assertTrue(unknown.getMessage().contains("rsa-3072"), unknown.getMessage());
    }

    @Test
    void aDeviceCertificateCarriesTheReservedSerial() throws Exception {
        KeyPair pair = KeyType.ECDSA_P256.generate();
        BigInteger serial = new BigInteger("7fedcba9876543210fedcba987654321", 16);
        var device = CA.issueDevice(CA.deviceTemplate(CaSubject.of(CA.certificate())),
                new DeviceIdentity(new DeviceName("alice"), new HostName("vpn.example.com")), pair.getPublic(), 10, serial);
        assertEquals(serial, device.getSerialNumber());
        device.verify(CA.certificate().getPublicKey());
        assertArrayEquals(pair.getPublic().getEncoded(), device.getPublicKey().getEncoded());
    }
}
