package io.ikev2kit.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
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
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
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

    /** Decrypts; a wrong passphrase is a user error that names the file and says how to supply the right one. */
    public static PrivateKey decrypt(String pem, Passphrase passphrase, String source) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            object = null;
        }
        if (!(object instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
            throw new UserError(source + " is not an encrypted private key: restore it from a backup");
        }
        PBES2Parameters parameters;
        PBKDF2Params kdf;
        try {
            AlgorithmIdentifier algorithm = encrypted.getEncryptionAlgorithm();
            parameters = PBES2Parameters.getInstance(algorithm.getParameters());
            kdf = PBKDF2Params.getInstance(parameters.getKeyDerivationFunc().getParameters());
            if (!algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)
                    || !parameters.getEncryptionScheme().getAlgorithm().equals(NISTObjectIdentifiers.id_aes256_CBC)
                    || !kdf.getPrf().equals(HMAC_SHA256)) {
                throw new IllegalArgumentException("unexpected algorithm");
            }
        } catch (RuntimeException e) {
            throw new UserError(source + " is not encrypted the way ikev2kit writes keys (PBES2, AES-256-CBC, "
                    + "PBKDF2-HMAC-SHA256): restore it from a backup");
        }
        try {
            byte[] iv = ASN1OctetString.getInstance(parameters.getEncryptionScheme().getParameters()).getOctets();
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, derive(passphrase, kdf.getSalt(), kdf.getIterationCount().intValueExact()),
                    new IvParameterSpec(iv));
            byte[] plain = cipher.doFinal(encrypted.getEncryptedData());
            return Pem.jdkKey(PrivateKeyInfo.getInstance(plain));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new UserError("wrong CA passphrase for " + source
                    + ": set IKEV2KIT_CA_PASSWORD or --ca-password-file to the passphrase chosen at 'ikev2kit init'");
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
