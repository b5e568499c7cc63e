package io.ikev2kit.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A private key as encrypted PKCS#8 PEM: PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256 at 600,000 iterations
 * (current OWASP guidance), readable by {@code openssl pkey}. BouncyCastle writes the ASN.1; the key is derived
 * by {@link Pbkdf2Sha256} on the JDK's SHA-256, because the KDF dominates unlocking and that is the fastest way
 * to run it on a cold JVM.
 */
public final class EncryptedKey {
    public static final int ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AlgorithmIdentifier HMAC_SHA256 =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);

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
            PBES2Parameters parameters = new PBES2Parameters(
                    new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(salt, ITERATIONS, 32, HMAC_SHA256)),
                    new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, parameters), encrypted);
            return Pem.encode(new PemObject("ENCRYPTED PRIVATE KEY", info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot encrypt the private key", e);
        }
    }

    /**
     * Decrypts; a wrong passphrase is a user error that names the file and says how to supply the right one.
     * The few fields needed are read with {@link Der}: on a cold JVM BouncyCastle's PEM and ASN.1 readers took
     * longer than everything else before the KDF, and unlocking is the critical path of a single 'device add'.
     */
    public static PrivateKey decrypt(String pem, Passphrase passphrase, String source) {
        byte[] der = pemBody(pem).orElseThrow(() ->
                new UserError(source + " is not an encrypted private key: restore it from a backup"));
        Pbes2 pbes2;
        try {
            pbes2 = Pbes2.read(der);
        } catch (RuntimeException e) {
            throw new UserError(source + " is not encrypted the way ikev2kit writes keys (PBES2, AES-256-CBC, "
                    + "PBKDF2-HMAC-SHA256): restore it from a backup");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, derive(passphrase, pbes2.salt(), pbes2.iterations()),
                    new IvParameterSpec(pbes2.iv()));
            byte[] plain = cipher.doFinal(pbes2.encrypted());
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

    /** EncryptedPrivateKeyInfo with PBES2: PBKDF2 (HMAC-SHA256, key length absent or 32) and AES-256-CBC. */
    private record Pbes2(byte[] salt, int iterations, byte[] iv, byte[] encrypted) {
        private static final byte[] PBES2 = Der.oid(PKCSObjectIdentifiers.id_PBES2);
        private static final byte[] PBKDF2 = Der.oid(PKCSObjectIdentifiers.id_PBKDF2);
        private static final byte[] PRF = Der.algorithmWithNull(PKCSObjectIdentifiers.id_hmacWithSHA256);
        private static final byte[] AES_256_CBC = Der.oid(NISTObjectIdentifiers.id_aes256_CBC);

        /** Throws a RuntimeException for anything else. */
        static Pbes2 read(byte[] der) {
            Der.Element info = expect(der, 0, Der.SEQUENCE);
            Der.Element algorithm = expect(der, info.contentStart(), Der.SEQUENCE);
            Der.Element scheme = expectBytes(der, algorithm.contentStart(), PBES2);
            Der.Element parameters = expect(der, scheme.end(), Der.SEQUENCE);
            Der.Element kdf = expect(der, parameters.contentStart(), Der.SEQUENCE);
            Der.Element kdfParameters = expect(der, expectBytes(der, kdf.contentStart(), PBKDF2).end(), Der.SEQUENCE);
            Der.Element salt = expect(der, kdfParameters.contentStart(), Der.OCTET_STRING);
            Der.Element iterations = expect(der, salt.end(), Der.INTEGER);
            Der.Element next = Der.Element.at(der, iterations.end());
            if (next.tag() == Der.INTEGER && new BigInteger(next.content(der)).intValueExact() != 32) {
                throw new IllegalArgumentException("key length");
            }
            Der.Element prf = expectBytes(der, next.tag() == Der.INTEGER ? next.end() : iterations.end(), PRF);
            Der.Element cipher = expect(der, kdf.end(), Der.SEQUENCE);
            Der.Element iv = expect(der, expectBytes(der, cipher.contentStart(), AES_256_CBC).end(), Der.OCTET_STRING);
            Der.Element encrypted = expect(der, algorithm.end(), Der.OCTET_STRING);
            if (prf.end() != kdfParameters.end() || iv.end() != cipher.end() || encrypted.end() != info.end()
                    || iv.end() - iv.contentStart() != 16) {
                throw new IllegalArgumentException("unexpected structure");
            }
            return new Pbes2(salt.content(der), new BigInteger(iterations.content(der)).intValueExact(),
                    iv.content(der), encrypted.content(der));
        }

        private static Der.Element expect(byte[] der, int offset, int tag) {
            Der.Element element = Der.Element.at(der, offset);
            if (element.tag() != tag) {
                throw new IllegalArgumentException("tag " + element.tag() + " at " + offset);
            }
            return element;
        }

        /** The element at offset, which must be encoded exactly as expected. */
        private static Der.Element expectBytes(byte[] der, int offset, byte[] expected) {
            Der.Element element = Der.Element.at(der, offset);
            if (!Arrays.equals(der, offset, element.end(), expected, 0, expected.length)) {
                throw new IllegalArgumentException("unexpected algorithm at " + offset);
            }
            return element;
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
