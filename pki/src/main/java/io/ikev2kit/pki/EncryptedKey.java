package io.ikev2kit.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A private key as encrypted PKCS#8 PEM: PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256, readable by
 * {@code openssl pkey}. The iteration count follows current guidance for PBKDF2-HMAC-SHA256.
 */
public final class EncryptedKey {
    public static final int ITERATIONS = 600_000;

    private EncryptedKey() {
    }

    public static String encrypt(PrivateKey key, Passphrase passphrase) {
        try {
            JceOpenSSLPKCS8EncryptorBuilder builder = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(Bc.PROVIDER)
                    .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(ITERATIONS)
                    .setPassword(passphrase.chars());
            return Pem.encode(new JcaPKCS8Generator(key, builder.build()).generate());
        } catch (OperatorCreationException | IOException e) {
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
        try {
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(passphrase.chars()));
            return new JcaPEMKeyConverter().setProvider(Bc.PROVIDER).getPrivateKey(info);
        } catch (PKCSException | OperatorCreationException | IOException | RuntimeException e) {
            throw new UserError("wrong CA passphrase for " + source
                    + ": set IKEV2KIT_CA_PASSWORD or --ca-password-file to the passphrase chosen at 'ikev2kit init'");
        }
    }
}
