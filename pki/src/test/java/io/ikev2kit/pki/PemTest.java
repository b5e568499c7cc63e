package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {
    private static final byte[] DATA = "ikev2kit".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ECDSA_P256", "ECDSA_P384", "RSA_3072"})
    void readsBackThePrivateKeyItWrote(KeyType type) throws Exception {
        KeyPair pair = type.generate();

        String pem = Pem.encode(pair.getPrivate());

        PrivateKey read = Pem.readPrivateKey(pem, "test");
        Signature signer = Signature.getInstance(type.signatureAlgorithm());
        signer.initSign(read);
        signer.update(DATA);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(type.signatureAlgorithm());
        verifier.initVerify(pair.getPublic());
        verifier.update(DATA);
        assertTrue(verifier.verify(signature), "the key read back is not the key written");
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ECDSA_P256", "RSA_3072"})
    void writesPrivateKeysOpensslReads(KeyType type, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key.pem"), Pem.encode(type.generate().getPrivate()));

        Tool.Result result = Tool.run("openssl", "pkey", "-in", file.toString(), "-noout", "-text");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"));
    }
}
