package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedKeyTest {
    @TempDir
    Path dir;

    @Test
    void opensslDecryptsTheKeyWithThePassphrase() throws Exception {
        Tool.require("openssl");
        KeyPair pair = KeyType.ECDSA_P256.generate();
        Path key = dir.resolve("ca.key");
        Files.writeString(key, EncryptedKey.encrypt(pair.getPrivate(), Passphrase.of("s3cret pass")));
        String asn1 = Tool.run("openssl", "asn1parse", "-in", key.toString()).expectSuccess().output();
        assertTrue(asn1.contains("PBES2") && asn1.contains("PBKDF2") && asn1.contains("aes-256-cbc")
                && asn1.contains("hmacWithSHA256"), asn1);
        assertTrue(asn1.contains(":0927C0"), "600000 iterations:\n" + asn1);
        Tool.run("openssl", "pkey", "-in", key.toString(), "-noout", "-passin",
                "file:" + Tool.secretFile(dir, "s3cret pass")).expectSuccess();
        assertFalse(Tool.run("openssl", "pkey", "-in", key.toString(), "-noout", "-passin",
                "file:" + Tool.secretFile(dir, "wrong")).exitCode() == 0);
    }

    @Test
    void roundTripsAndRejectsAWrongPassphraseWithoutLeakingIt() {
        KeyPair pair = KeyType.ECDSA_P256.generate();
        String pem = EncryptedKey.encrypt(pair.getPrivate(), Passphrase.of("right"));
        assertArrayEquals(pair.getPrivate().getEncoded(),
                EncryptedKey.decrypt(pem, Passphrase.of("right"), "ca.key").getEncoded());
        UserError error = assertThrows(UserError.class,
                () -> EncryptedKey.decrypt(pem, Passphrase.of("guess-one"), "ca.key"));
        assertTrue(error.getMessage().startsWith("wrong CA passphrase for ca.key"), error.getMessage());
        assertFalse(error.getMessage().contains("guess-one"));
    }

    @Test
    void writesTheDerBouncyCastleWritesForTheSameScheme() throws Exception {
        String pem = EncryptedKey.encrypt(KeyType.ECDSA_P256.generate().getPrivate(), Passphrase.of("pw"));
        byte[] der;
        try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(pem))) {
            der = ((org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo) parser.readObject()).getEncoded();
        }
        var info = org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo.getInstance(der);
        var scheme = org.bouncycastle.asn1.pkcs.PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
        var kdf = org.bouncycastle.asn1.pkcs.PBKDF2Params.getInstance(scheme.getKeyDerivationFunc().getParameters());
        var rebuilt = new org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_PBES2,
                        new org.bouncycastle.asn1.pkcs.PBES2Parameters(
                                new org.bouncycastle.asn1.pkcs.KeyDerivationFunc(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_PBKDF2,
                                        new org.bouncycastle.asn1.pkcs.PBKDF2Params(kdf.getSalt(), 600_000, 32,
                                                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                                        org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_hmacWithSHA256,
                                                        org.bouncycastle.asn1.DERNull.INSTANCE))),
                                scheme.getEncryptionScheme())),
                info.getEncryptedData());
        assertArrayEquals(rebuilt.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER), der);
    }

    @Test
    void readsRsaKeysAndKeysOpensslEncryptedTheSameWay() throws Exception {
        KeyPair rsa = KeyType.RSA_3072.generate();
        assertArrayEquals(rsa.getPrivate().getEncoded(), EncryptedKey.decrypt(
                EncryptedKey.encrypt(rsa.getPrivate(), Passphrase.of("pw")), Passphrase.of("pw"), "ca.key").getEncoded());

        Tool.require("openssl");
        KeyPair pair = KeyType.ECDSA_P256.generate();
        Path plain = Files.writeString(dir.resolve("plain.key"), Pem.encode(pair.getPrivate()));
        Path byOpenssl = dir.resolve("openssl.key");
        Tool.run("openssl", "pkcs8", "-topk8", "-in", plain.toString(), "-out", byOpenssl.toString(), "-v2", "aes-256-cbc",
                "-v2prf", "hmacWithSHA256", "-iter", "1000", "-passout", "file:" + Tool.secretFile(dir, "pw")).expectSuccess();
        assertArrayEquals(pair.getPrivate().getEncoded(),
                EncryptedKey.decrypt(Files.readString(byOpenssl), Passphrase.of("pw"), "ca.key").getEncoded());
    }

    @Test
    void refusesKeysEncryptedAnotherWayAndFilesThatAreNoKeys() throws Exception {
        Tool.require("openssl");
        Path plain = Files.writeString(dir.resolve("plain.key"), Pem.encode(KeyType.ECDSA_P256.generate().getPrivate()));
        Path sha1 = dir.resolve("sha1.key");
        Tool.run("openssl", "pkcs8", "-topk8", "-in", plain.toString(), "-out", sha1.toString(), "-v2", "aes-256-cbc",
                "-v2prf", "hmacWithSHA1", "-passout", "file:" + Tool.secretFile(dir, "pw")).expectSuccess();
        UserError other = assertThrows(UserError.class,
                () -> EncryptedKey.decrypt(Files.readString(sha1), Passphrase.of("pw"), "ca.key"));
        assertTrue(other.getMessage().startsWith("ca.key is not encrypted the way ikev2kit writes keys"), other.getMessage());

        String valid = EncryptedKey.encrypt(KeyType.ECDSA_P256.generate().getPrivate(), Passphrase.of("pw"));
        String truncated = valid.substring(0, valid.indexOf("-----END") - 80) + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
        for (String broken : new String[] {"", "hello", Files.readString(plain), truncated}) {
            UserError error = assertThrows(UserError.class, () -> EncryptedKey.decrypt(broken, Passphrase.of("pw"), "ca.key"));
            assertTrue(error.getMessage().startsWith("ca.key is not"), broken + " -> " + error.getMessage());
        }
    }

    @Test
    void passphraseNeverPrintsItself() {
        assertEquals("Passphrase[hidden]", Passphrase.of("topsecret").toString());
        String generated = Passphrase.random().reveal();
        assertTrue(generated.matches("[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}"), generated);
    }
}
