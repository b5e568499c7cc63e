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
    void passphraseNeverPrintsItself() {
        assertEquals("Passphrase[hidden]", Passphrase.of("topsecret").toString());
        String generated = Passphrase.random().reveal();
        assertTrue(generated.matches("[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}"), generated);
    }
}
