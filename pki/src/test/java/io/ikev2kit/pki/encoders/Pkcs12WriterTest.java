package io.ikev2kit.pki.encoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceCredentials;
import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12WriterTest {
    private static final CaSubject SUBJECT = new CaSubject("Example VPN Root CA", "Example", "DE");
    private static final CertificateAuthority CA = CertificateAuthority.create(SUBJECT, KeyType.ECDSA_P256, 3650);

    @TempDir
    Path dir;

    @Test
    void modernP12UsesAes256PbkdfSha256AndSha256Mac() throws Exception {
        String info = opensslInfo(P12Format.MODERN, "correct horse");
        assertTrue(info.contains("MAC: sha256, Iteration 2048"), info);
        assertTrue(info.contains("PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256"), info);
        assertTrue(!info.contains("3DES") && !info.contains("RC2"), info);
    }

    @Test
    void legacyP12UsesTripleDesBagsAndSha1Mac() throws Exception {
        String info = opensslInfo(P12Format.LEGACY, "correct horse");
        assertTrue(info.contains("MAC: sha1, Iteration 2048"), info);
        assertTrue(info.contains("pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048"), info);
    }

    @Test
    void p12HoldsKeyDeviceCertAndCaWithFriendlyName() throws Exception {
        Credentials c = credentials();
        byte[] p12 = Pkcs12Writer.write(c.credentials, "alice@vpn.example.com", P12Format.MODERN, Passphrase.of("pw"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new java.io.ByteArrayInputStream(p12), "pw".toCharArray());
        String alias = store.aliases().nextElement();
        assertEquals("alice@vpn.example.com", alias);
        assertTrue(store.isKeyEntry(alias));
        java.security.cert.Certificate[] chain = store.getCertificateChain(alias);
        assertEquals(c.credentials.certificate(), chain[0]);
        assertEquals(List.of(c.credentials.certificate(), CA.certificate()), List.of(chain));
    }

    @Test
    void wrongPasswordDoesNotOpenIt() throws Exception {
        Tool.require("openssl");
        Path p12 = dir.resolve("a.p12");
        Files.write(p12, Pkcs12Writer.write(credentials().credentials, "a", P12Format.MODERN, Passphrase.of("right")));
        Tool.Result result = Tool.run("openssl", "pkcs12", "-in", p12.toString(), "-info", "-noout",
                "-passin", "file:" + Tool.secretFile(dir, "wrong"));
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Mac verify error"), result.output());
    }

    @Test
    void detectsTheFormWithoutThePassword() {
        byte[] legacy = Pkcs12Writer.write(credentials().credentials, "a", P12Format.LEGACY, Passphrase.of("x"));
        byte[] modern = Pkcs12Writer.write(credentials().credentials, "a", P12Format.MODERN, Passphrase.of("x"));
        assertEquals(P12Format.LEGACY, Pkcs12Writer.detect(legacy));
        assertEquals(P12Format.MODERN, Pkcs12Writer.detect(modern));
    }

    private String opensslInfo(P12Format format, String password) throws Exception {
        Tool.require("openssl");
        Path p12 = dir.resolve(format.label() + ".p12");
        Files.write(p12, Pkcs12Writer.write(credentials().credentials, "alice@vpn.example.com", format, Passphrase.of(password)));
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "pkcs12", "-in", p12.toString(), "-info",
                "-nodes", "-passin", "file:" + Tool.secretFile(dir, password)));
        if (format == P12Format.LEGACY) {
            command.add("-legacy"); // OpenSSL 3 needs its legacy provider to decrypt 3DES bags
        }
        Tool.Result result = Tool.run(null, command);
        if (result.exitCode() != 0 && format == P12Format.LEGACY) {
            result = Tool.run(null, command.subList(0, command.size() - 1));
        }
        String out = result.expectSuccess().output();
        assertTrue(out.contains("BEGIN PRIVATE KEY") && out.contains("friendlyName: alice@vpn.example.com"), out);
        assertTrue(out.contains("subject=C=DE, O=Example, CN=Example VPN Root CA")
                || out.contains("subject=C = DE, O = Example, CN = Example VPN Root CA"), out);
        return out;
    }

    private record Credentials(DeviceCredentials credentials) {
    }

    private static Credentials credentials() {
        KeyPair pair = KeyType.ECDSA_P256.generate();
        X509Certificate cert = CA.issueDevice(SUBJECT, new DeviceIdentity(new DeviceName("alice"), new HostName("vpn.example.com")),
                pair.getPublic(), 365);
        return new Credentials(new DeviceCredentials(pair.getPrivate(), cert, CA.certificate()));
    }
}
