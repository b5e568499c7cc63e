package io.ikev2kit.pki.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDK- and curve-table-based replacements compute exactly what the slower BouncyCastle paths did. */
class FastCryptoTest {
    @ParameterizedTest
    @ValueSource(strings = {"x", "correct horse battery staple", "Pässwörd-ß-€", "a-password-that-is-longer-than-one-sixty-four-byte-block-0123"})
    void pkcs12MacKeyEqualsBouncyCastlesKdf(String password) {
        byte[] salt = new byte[32];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 7);
        }
        PKCS12ParametersGenerator reference = new PKCS12ParametersGenerator(new SHA256Digest());
        reference.init(PKCS12ParametersGenerator.PKCS12PasswordToBytes(password.toCharArray()), salt, 2048);
        CipherParameters expected = reference.generateDerivedMacParameters(256);
        assertArrayEquals(((KeyParameter) expected).getKey(), Pkcs12Kdf.sha256MacKey(password.toCharArray(), salt, 2048));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "correct horse battery staple", "Pässwörd-ß-€",
            "a-password-that-is-longer-than-one-sixty-four-byte-block-0123"})
    void legacyKeyIvAndMacEqualBouncyCastlesKdf(String password) {
        byte[] salt = {1, 2, 3, 4, 5, 6, 7, (byte) 0xff};
        PKCS12ParametersGenerator reference = new PKCS12ParametersGenerator(new SHA1Digest());
        reference.init(PKCS12ParametersGenerator.PKCS12PasswordToBytes(password.toCharArray()), salt, 2048);
        ParametersWithIV expected = (ParametersWithIV) reference.generateDerivedParameters(192, 64);
        ParametersWithIV actual = Pkcs12Kdf.sha1TripleDesKey(password.toCharArray(), salt, 2048);
        // 24 key bytes take two SHA-1 blocks: the second one exercises the I_j + B + 1 step
        assertArrayEquals(((KeyParameter) expected.getParameters()).getKey(), ((KeyParameter) actual.getParameters()).getKey());
        assertArrayEquals(expected.getIV(), actual.getIV());
        assertArrayEquals(((KeyParameter) reference.generateDerivedMacParameters(160)).getKey(),
                Pkcs12Kdf.sha1MacKey(password.toCharArray(), salt, 2048));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "ca passphrase 123", "Pässwörd-ß-€-\uD83D\uDD11",
            "a-passphrase-longer-than-the-sixty-four-byte-hmac-block-so-it-is-hashed-first-0123456789"})
    void pbkdf2EqualsTheJdks(String password) throws Exception {
        byte[] salt = "sixteen byte slt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int iterations : new int[] {1, 2, 4096}) {
            javax.crypto.spec.PBEKeySpec spec = new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            byte[] expected = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            assertArrayEquals(expected, Pbkdf2Sha256.derive(password.toCharArray(), salt, iterations), "iterations " + iterations);
        }
    }

    @org.junit.jupiter.api.Test
    void pbkdf2MatchesRfc7914TestVector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, first 32 of the 64 bytes
        byte[] expected = java.util.HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
        assertArrayEquals(expected, Pbkdf2Sha256.derive("passwd".toCharArray(), "salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1));
    }

    @org.junit.jupiter.api.Test
    void p12BagsShareTheDerivedKeyButNotTheIv() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(new CaSubject("CA", "Org", "DE"), KeyType.ECDSA_P256, 30);
        KeyPair pair = KeyType.ECDSA_P256.generate();
        var cert = ca.issueDevice(CaSubject.of(ca.certificate()),
                new DeviceIdentity(new DeviceName("a"), new HostName("vpn.example.com")), pair.getPublic(), 10);
        byte[] p12 = Pkcs12Writer.write(new DeviceCredentials(pair.getPrivate(), cert, ca.certificate()), "a",
                P12Format.MODERN, Passphrase.of("pw"));
        List<PBES2Parameters> schemes = new ArrayList<>();
        for (ContentInfo info : new PKCS12PfxPdu(p12).getContentInfos()) {
            if (info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
                schemes.add(PBES2Parameters.getInstance(EncryptedData.getInstance(info.getContent())
                        .getEncryptionAlgorithm().getParameters()));
            } else {
                SafeBag bag = SafeBag.getInstance(ASN1Sequence.getInstance(
                        org.bouncycastle.asn1.ASN1OctetString.getInstance(info.getContent()).getOctets()).getObjectAt(0));
                schemes.add(PBES2Parameters.getInstance(org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo
                        .getInstance(bag.getBagValue()).getEncryptionAlgorithm().getParameters()));
            }
        }
        assertEquals(2, schemes.size());
        assertEquals(schemes.get(0).getKeyDerivationFunc(), schemes.get(1).getKeyDerivationFunc(), "one salt, one KDF run");
        assertNotEquals(schemes.get(0).getEncryptionScheme(), schemes.get(1).getEncryptionScheme(), "a fresh IV per bag");
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ECDSA_P256", "ECDSA_P384"})
    void ecKeysAndSignaturesWorkWithTheJdk(KeyType type) throws Exception {
        KeyPair pair = type.generate();
        assertEquals(type, KeyType.of(pair.getPublic()));
        byte[] data = "to be signed".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        EcdsaContentSigner signer = new EcdsaContentSigner(EcCurve.of(type), (ECPrivateKey) pair.getPrivate());
        signer.getOutputStream().write(data);
        Signature verifier = Signature.getInstance(type.signatureAlgorithm());
        verifier.initVerify(pair.getPublic());
        verifier.update(data);
        assertTrue(verifier.verify(signer.getSignature()));
        // and the JDK's signature verifies against the converted public key too: the key pair really matches
        Signature jdk = Signature.getInstance(type.signatureAlgorithm());
        jdk.initSign(pair.getPrivate());
        jdk.update(data);
        verifier.initVerify(pair.getPublic());
        verifier.update(data);
        assertTrue(verifier.verify(jdk.sign()));
    }
}
