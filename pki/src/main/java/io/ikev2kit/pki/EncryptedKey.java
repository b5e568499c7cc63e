package io.ikev2kit.pki;

import io.ikev2kit.pki.encoders.Der;
import io.ikev2kit.pki.encoders.Pbkdf2Sha256;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A private key as encrypted PKCS#8 PEM: PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256 at 600,000 iterations
 * (current OWASP guidance), readable by {@code openssl pkey}. {@link Pbes2} writes and reads the scheme; the
 * key is derived by {@link Pbkdf2Sha256} on the JDK's SHA-256, because the KDF dominates unlocking and that
 * is the fastest way to run it on a cold JVM.
 */
public final class EncryptedKey {
    public static final int ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedKey() {
    }

    public static String encrypt(PrivateKey key, Passphrase passphrase) {
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, derive(passphrase, salt, ITERATIONS), new IvParameterSpec(iv));
            byte[] encrypted = cipher.doFinal(key.getEncoded());
            byte[] info = Der.sequence(new Pbes2(salt, ITERATIONS, true, iv).algorithmIdentifier(), Der.octetString(encrypted));
            return Pem.encode(new PemObject("ENCRYPTED PRIVATE KEY", info));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the private key", e);
        }
    }

    /**
     * Decrypts; a wrong passphrase is a user error that names the file and says how to supply the right one.
     * The PEM is decoded with java.util.Base64 and the outer structure read with {@link Der}, not BouncyCastle's
     * PEM reader, which took longer on a cold JVM than everything else before the KDF: unlocking is the critical
     * path of a single 'device add'. {@link Pbes2} reads the scheme.
     */
    public static PrivateKey decrypt(String pem, Passphrase passphrase, String source) {
        byte[] der = pemBody(pem).orElseThrow(() ->
                new UserError(source + " is not an encrypted private key: restore it from a backup"));
        Pbes2 pbes2;
        byte[] encrypted;
        try {
            // EncryptedPrivateKeyInfo: the scheme's AlgorithmIdentifier, then the ciphertext
            Der.Element info = Der.Element.at(der, 0);
            Der.Element algorithm = Der.Element.at(der, info.contentStart());
            Der.Element ciphertext = Der.Element.at(der, algorithm.end());
            if (info.tag() != Der.SEQUENCE || ciphertext.tag() != Der.OCTET_STRING || ciphertext.end() != info.end()) {
                throw new IllegalArgumentException("not an EncryptedPrivateKeyInfo");
            }
            pbes2 = Pbes2.read(der, info.contentStart());
            encrypted = ciphertext.content(der);
        } catch (RuntimeException e) {
            throw new UserError(source + " is not encrypted the way ikev2kit writes keys (PBES2, AES-256-CBC, "
                    + "PBKDF2-HMAC-SHA256): restore it from a backup");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, derive(passphrase, pbes2.salt(), pbes2.iterations()),
                    new IvParameterSpec(pbes2.iv()));
            byte[] plain = cipher.doFinal(encrypted);
            return Pem.jdkKey(PrivateKeyInfo.getInstance(plain));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new UserError("wrong CA passphrase for " + source
                    + ": set IKEV2KIT_CA_PASSWORD or --ca-password-file to the passphrase chosen at 'ikev2kit init'");
        }
    }

    private static Optional<byte[]> pemBody(String pem) {
        String begin = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
        String end = "-----END ENCRYPTED PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SecretKeySpec derive(Passphrase passphrase, byte[] salt, int iterations) {
        char[] chars = passphrase.chars();
        try {
            return new SecretKeySpec(Pbkdf2Sha256.derive(chars, salt, iterations), "AES");
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
