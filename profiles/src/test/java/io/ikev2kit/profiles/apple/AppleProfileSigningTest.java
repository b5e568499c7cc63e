package io.ikev2kit.profiles.apple;

import static io.ikev2kit.profiles.apple.AppleFixtures.ALICE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.templates.Renderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AppleProfileSigningTest {
    @TempDir
    static Path sites;
    private static AppleFixtures fixtures;

    @TempDir
    Path work;

    @BeforeAll
    static void createSites() {
        fixtures = new AppleFixtures(sites);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ECDSA_P256", "ECDSA_P384", "RSA_3072"})
    void signsAProfileThatOpensslVerifiesAgainstTheSiteCa(KeyType keyType) throws Exception {
        Site site = AppleFixtures.site(CryptoSuite.MODERN, keyType, List.of(), false);
        CertificateAuthority ca = fixtures.workspace(site).store().unlock(AppleFixtures.CA_PASSWORD);
        ProfileSigner signer = issuedSigner(ca, keyType);
        Device alice = fixtures.device(site, ALICE);

        byte[] signed = AppleProfile.build(site, alice, withSigner(signer), Renderer.builtIn());
        byte[] unsigned = AppleProfile.build(site, alice, AppleOptions.defaults(), Renderer.builtIn());

        Path in = Files.write(work.resolve("alice.mobileconfig"), signed);
        Path caPem = Files.writeString(work.resolve("ca.pem"), Pem.encode(ca.certificate()));
        Path content = work.resolve("content.xml");
        OpensslCli.Result verify = OpensslCli.run(work, "cms", "-verify", "-inform", "DER", "-in", in.toString(),
                "-CAfile", caPem.toString(), "-out", content.toString());
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.stderr().contains("Verification successful"), verify.output());
        assertArrayEquals(unsigned, Files.readAllBytes(content), "the signed content must be the plain profile");
    }

    @Test
    void includesTheSignerAndItsChainInTheSignature() throws Exception {
        Site site = AppleFixtures.defaultSite();
        CertificateAuthority ca = fixtures.workspace(site).store().unlock(AppleFixtures.CA_PASSWORD);
        ProfileSigner signer = issuedSigner(ca, KeyType.ECDSA_P256);
        Path in = Files.write(work.resolve("alice.mobileconfig"),
                AppleProfile.build(site, fixtures.device(site, ALICE), withSigner(signer), Renderer.builtIn()));
        OpensslCli.Result certs = OpensslCli.run(work, "pkcs7", "-inform", "DER", "-in", in.toString(), "-print_certs",
                "-noout");
        assertEquals(0, certs.exitCode(), certs.output());
        assertTrue(certs.stdout().contains("subject=C = DE, O = Example, CN = Example VPN profile signer"),
                certs.stdout());
        assertTrue(certs.stdout().contains("subject=C = DE, O = Example, CN = Example VPN Root CA"), certs.stdout());
    }

    @Test
    void failsVerificationAgainstAnotherCa() throws Exception {
        Site site = AppleFixtures.defaultSite();
        CertificateAuthority ca = fixtures.workspace(site).store().unlock(AppleFixtures.CA_PASSWORD);
        ProfileSigner signer = new ProfileSigner(List.of(issuedSigner(ca, KeyType.ECDSA_P256).certificate()),
                signerKey);
        Path in = Files.write(work.resolve("alice.mobileconfig"),
                AppleProfile.build(site, fixtures.device(site, ALICE), withSigner(signer), Renderer.builtIn()));
        CertificateAuthority other = CertificateAuthority.create(new CaSubject("Other Root CA", "Other", "DE"),
                KeyType.ECDSA_P256, 30);
        Path otherPem = Files.writeString(work.resolve("other.pem"), Pem.encode(other.certificate()));
        OpensslCli.Result verify = OpensslCli.run(work, "cms", "-verify", "-inform", "DER", "-in", in.toString(),
                "-CAfile", otherPem.toString(), "-out", work.resolve("content.xml").toString());
        assertNotEquals(0, verify.exitCode(), verify.output());
    }

    @Test
    void issuesASignerCertificateThatOpensslAcceptsForSmimeSigning() throws Exception {
        CertificateAuthority ca = fixtures.workspace(AppleFixtures.defaultSite()).store()
                .unlock(AppleFixtures.CA_PASSWORD);
        ProfileSigner signer = issuedSigner(ca, KeyType.ECDSA_P256);
        Path caPem = Files.writeString(work.resolve("ca.pem"), Pem.encode(ca.certificate()));
        Path signerPem = Files.writeString(work.resolve("signer.pem"), Pem.encode(signer.certificate()));
        OpensslCli.Result verify = OpensslCli.run(work, "verify", "-purpose", "smimesign", "-CAfile",
                caPem.toString(), signerPem.toString());
        assertEquals(0, verify.exitCode(), verify.output());
        OpensslCli.Result notServer = OpensslCli.run(work, "verify", "-purpose", "sslserver", "-CAfile",
                caPem.toString(), signerPem.toString());
        assertNotEquals(0, notServer.exitCode(), "a profile signer must not pass as a TLS server");
    }

    @Test
    void readsAUserSignerMadeByOpensslFromPemInAnyOrder() throws Exception {
        OpensslCli.Result made = OpensslCli.run(work, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", "key.pem", "-out", "signer.pem", "-days", "2",
                "-subj", "/O=Example/CN=Example profile signer", "-addext", "extendedKeyUsage=emailProtection");
        assertEquals(0, made.exitCode(), made.output());
        Site site = AppleFixtures.defaultSite();
        X509Certificate other = fixtures.device(site, ALICE).ca();
        String pem = Pem.encode(other) + Files.readString(work.resolve("signer.pem"));
        ProfileSigner signer = ProfileSigner.fromPem(pem,
                Pem.readPrivateKey(Files.readString(work.resolve("key.pem")), "key.pem"), "signer.pem");
        assertEquals("CN=Example profile signer,O=Example", signer.certificate().getSubjectX500Principal().getName());
        assertEquals(List.of(signer.certificate(), other), signer.chain());

        Path in = Files.write(work.resolve("alice.mobileconfig"),
                AppleProfile.build(site, fixtures.device(site, ALICE), withSigner(signer), Renderer.builtIn()));
        OpensslCli.Result verify = OpensslCli.run(work, "cms", "-verify", "-inform", "DER", "-in", in.toString(),
                "-CAfile", "signer.pem", "-out", work.resolve("content.xml").toString());
        assertEquals(0, verify.exitCode(), verify.output());
    }

    @Test
    void rejectsAKeyThatBelongsToNoCertificate() {
        CertificateAuthority ca = fixtures.workspace(AppleFixtures.defaultSite()).store()
                .unlock(AppleFixtures.CA_PASSWORD);
        KeyPair stranger = KeyType.ECDSA_P256.generate();
        UserError error = assertThrows(UserError.class, () -> ProfileSigner.fromPem(Pem.encode(ca.certificate()),
                stranger.getPrivate(), "signer.pem"));
        assertTrue(error.getMessage().contains("signer.pem"), error.getMessage());
        assertThrows(UserError.class, () -> new ProfileSigner(List.of(ca.certificate()), stranger.getPrivate()));
    }

    @Test
    void rejectsAFileWithoutCertificates() {
        UserError error = assertThrows(UserError.class, () -> ProfileSigner.fromPem("not a certificate",
                KeyType.ECDSA_P256.generate().getPrivate(), "signer.pem"));
        assertTrue(error.getMessage().contains("signer.pem holds no readable PEM certificate"), error.getMessage());
    }

    private java.security.PrivateKey signerKey;

    private ProfileSigner issuedSigner(CertificateAuthority ca, KeyType keyType) {
        KeyPair pair = keyType.generate();
        signerKey = pair.getPrivate();
        X509Certificate certificate = ca.issueProfileSigner(CaSubject.of(ca.certificate()),
                "Example VPN profile signer", pair.getPublic(), 365);
        return new ProfileSigner(List.of(certificate, ca.certificate()), pair.getPrivate());
    }

    private static AppleOptions withSigner(ProfileSigner signer) {
        return new AppleOptions(Optional.empty(), false, List.of(), Optional.of(signer));
    }
}
