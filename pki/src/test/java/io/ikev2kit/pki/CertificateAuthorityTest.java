package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthorityTest {
    private static final CaSubject SUBJECT = new CaSubject("Example VPN Root CA", "Example", "DE");
    private static final HostName HOST = new HostName("vpn.example.com");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ECDSA_P256", "ECDSA_P384", "RSA_3072"})
    void serverCertificateVerifiesForServerPurposeWithEveryName(KeyType type) throws Exception {
        Tool.require("openssl");
        CertificateAuthority ca = CertificateAuthority.create(SUBJECT, type, 3650);
        KeyPair key = type.generate();
        X509Certificate server = ca.issueServer(SUBJECT, new ServerIdentity(HOST,
                List.of(IpAddresses.parse("203.0.113.10"), IpAddresses.parse("2001:db8::10"))), key.getPublic(), 730);
        Path caFile = write("ca.pem", Pem.encode(ca.certificate()));
        Path serverFile = write("server.pem", Pem.encode(server));

        Tool.run("openssl", "verify", "-CAfile", caFile.toString(), "-purpose", "sslserver", serverFile.toString())
                .expectSuccess();
        String text = Tool.run("openssl", "x509", "-in", serverFile.toString(), "-noout", "-text").expectSuccess().output();
        assertTrue(text.contains("TLS Web Server Authentication, 1.3.6.1.5.5.8.2.2"), text);
        // Windows matches an IPv4 address against dNSName SANs too (strongSwan docs, windowsCertRequirements);
        // an IPv6 literal is no valid dNSName (RFC 5280, 4.2.1.6), so it is an iPAddress SAN only
        assertTrue(text.contains("DNS:vpn.example.com, DNS:203.0.113.10, IP Address:203.0.113.10, "
                + "IP Address:2001:DB8:0:0:0:0:0:10\n"), text);
        assertFalse(text.contains("DNS:2001:db8::10"), text);
        assertTrue(text.contains("Subject: C = DE, O = Example, CN = vpn.example.com"), text);
        assertTrue(text.contains("Digital Signature" + (type.isRsa() ? ", Key Encipherment" : "")), text);
        assertTrue(text.contains("X509v3 Authority Key Identifier"), text);
    }

    /** RFC 5280, 4.2.1.6: a dNSName is in preferred name syntax, which an IPv6 literal is not. */
    @Test
    void serverDialledByIpv6LiteralGetsAnIpAddressSanOnly() {
        ServerIdentity identity = new ServerIdentity(new HostName("2001:db8::10"), List.of(IpAddresses.parse("203.0.113.10")));
        List<String> names = java.util.Arrays.stream(identity.subjectAltNames().getNames())
                .map(n -> n.getTagNo() + ":" + n.getName()).toList();
        assertEquals(List.of("2:203.0.113.10", "7:#20010db8000000000000000000000010", "7:#cb00710a"), names);
    }

    @Test
    void caIsACriticalCaWithCertAndCrlSigningOnly() throws Exception {
        Tool.require("openssl");
        CertificateAuthority ca = CertificateAuthority.create(SUBJECT, KeyType.ECDSA_P256, 3650);
        String text = Tool.run("openssl", "x509", "-in", write("ca.pem", Pem.encode(ca.certificate())).toString(),
                "-noout", "-text").expectSuccess().output();
        assertTrue(text.contains("X509v3 Basic Constraints: critical\n                CA:TRUE"), text);
        assertTrue(text.contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign"), text);
        assertTrue(text.contains("X509v3 Subject Key Identifier"), text);
        long years = (ca.certificate().getNotAfter().getTime() - System.currentTimeMillis()) / (365L * 24 * 3600 * 1000);
        assertEquals(9, years, "ten years less the part of a year rounding drops");
    }

    @Test
    void deviceCertificateCarriesItsIdentityAsCnAndEmailSanForClientAuth() throws Exception {
        Tool.require("openssl");
        CertificateAuthority ca = CertificateAuthority.create(SUBJECT, KeyType.ECDSA_P256, 3650);
        DeviceIdentity identity = new DeviceIdentity(new DeviceName("alice-phone"), HOST);
        X509Certificate device = ca.issueDevice(SUBJECT, identity, KeyType.ECDSA_P256.generate().getPublic(), 365);
        Path caFile = write("ca.pem", Pem.encode(ca.certificate()));
        Path deviceFile = write("device.pem", Pem.encode(device));
        Tool.run("openssl", "verify", "-CAfile", caFile.toString(), "-purpose", "sslclient", deviceFile.toString())
                .expectSuccess();
        String text = Tool.run("openssl", "x509", "-in", deviceFile.toString(), "-noout", "-text").expectSuccess().output();
        assertTrue(text.contains("CN = alice-phone@vpn.example.com"), text);
        assertTrue(text.contains("email:alice-phone@vpn.example.com"), text);
        assertTrue(text.contains("TLS Web Client Authentication"), text);
    }

    @Test
    void strongswanPkiReadsEveryCertificate() throws Exception {
        Tool.require("pki");
        CertificateAuthority ca = CertificateAuthority.create(SUBJECT, KeyType.ECDSA_P384, 3650);
        X509Certificate server = ca.issueServer(SUBJECT, new ServerIdentity(HOST, List.of(IpAddresses.parse("192.0.2.1"))),
                KeyType.ECDSA_P384.generate().getPublic(), 730);
        String caOut = Tool.run("pki", "--print", "--in", write("ca.pem", Pem.encode(ca.certificate())).toString())
                .expectSuccess().output();
        assertTrue(caOut.contains("CA") && caOut.contains("CN=Example VPN Root CA"), caOut);
        String serverOut = Tool.run("pki", "--print", "--in", write("server.pem", Pem.encode(server)).toString())
                .expectSuccess().output();
        assertTrue(serverOut.contains("altNames:  vpn.example.com, 192.0.2.1, 192.0.2.1"), serverOut);
        assertTrue(serverOut.contains("serverAuth") && serverOut.contains("ikeIntermediate"), serverOut);
    }

    @Test
    void serialsAreRandomPositiveAndDistinct() {
        CertificateAuthority ca = CertificateAuthority.create(SUBJECT, KeyType.ECDSA_P256, 3650);
        X509Certificate a = ca.issueDevice(SUBJECT, new DeviceIdentity(new DeviceName("a"), HOST),
                KeyType.ECDSA_P256.generate().getPublic(), 30);
        X509Certificate b = ca.issueDevice(SUBJECT, new DeviceIdentity(new DeviceName("b"), HOST),
                KeyType.ECDSA_P256.generate().getPublic(), 30);
        assertTrue(a.getSerialNumber().signum() > 0 && a.getSerialNumber().bitLength() >= 64);
        assertNotEquals(a.getSerialNumber(), b.getSerialNumber());
    }

    @Test
    void certificatesNeverOutliveTheCa() {
        CertificateAuthority ca = CertificateAuthority.create(SUBJECT, KeyType.ECDSA_P256, 10);
        X509Certificate device = ca.issueDevice(SUBJECT, new DeviceIdentity(new DeviceName("a"), HOST),
                KeyType.ECDSA_P256.generate().getPublic(), 730);
        assertEquals(ca.certificate().getNotAfter(), device.getNotAfter());
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
