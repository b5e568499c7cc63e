package io.ikev2kit.pki;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the bags of a modern p12, the ASN.1 BouncyCastle's JCE builder
 * writes. {@link Pbkdf2Sha256} derives the key on the JDK's SHA-256 (CPU instructions), several times faster than
 * BouncyCastle's pure-Java digest, which dominated bulk issuance. One derived key serves both bags of a p12,
 * each with its own random IV.
 */
final class Pbes2Encryptor implements OutputEncryptor {
    private static final int SALT_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AlgorithmIdentifier HMAC_SHA256 =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);

    private final SecretKeySpec key;
    private final AlgorithmIdentifier algorithm;
    private final byte[] iv = new byte[16];

    private Pbes2Encryptor(SecretKeySpec key, byte[] salt, int iterations) {
        this.key = key;
        RANDOM.nextBytes(iv);
        PBES2Parameters parameters = new PBES2Parameters(
                new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(salt, iterations, HMAC_SHA256)),
                new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
        this.algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, parameters);
    }

    /** Derives the key once (fresh salt) and returns that many encryptors, each with a fresh IV. */
    static Pbes2Encryptor[] derive(char[] password, int iterations, int count) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        SecretKeySpec key = new SecretKeySpec(Pbkdf2Sha256.derive(password, salt, iterations), "AES");
        Pbes2Encryptor[] encryptors = new Pbes2Encryptor[count];
        for (int i = 0; i < count; i++) {
            encryptors[i] = new Pbes2Encryptor(key, salt, iterations);
        }
        return encryptors;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream(OutputStream out) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            return new CipherOutputStream(out, cipher);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is unavailable", e);
        }
    }

    @Override
    public GenericKey getKey() {
        return new GenericKey(algorithm, key.getEncoded());
    }
}
