package io.ikev2kit.pki.encoders;

import io.ikev2kit.pki.Certificates;
import io.ikev2kit.pki.DeviceCredentials;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Pbes2;
import io.ikev2kit.pki.UserError;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Packs a device's key and certificate (and optionally the CA) into a password-protected PKCS#12 with exactly
 * the ASN.1 shape of OpenSSL 3.0's {@code openssl pkcs12 -export} (modern) and {@code openssl pkcs12 -export
 * -legacy -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES} (legacy): the certificates in an encrypted-data bag
 * first (the device's with friendlyName and localKeyId, the CA's with no attributes, as {@code -certfile}
 * adds it), then the key in a shrouded key bag with the same two attributes, then a MAC over the whole.
 * <ul>
 * <li>modern: PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, HMAC-SHA256 MAC;
 * <li>legacy: pbeWithSHAAnd3-KeyTripleDES-CBC per bag and an HMAC-SHA1 MAC.
 * </ul>
 * Salts are 8 bytes (OpenSSL's PKCS5_SALT_LEN and PKCS12_SALT_LEN) and every iteration count is 2048
 * (PKCS12_DEFAULT_ITER): Apple refused a p12 that differed from openssl's only in a 16-byte salt. The one liberty:
 * a modern p12 derives its AES key once and uses it for both bags with a fresh IV each, where openssl runs
 * PBKDF2 per bag; the bytes on the wire have the same shape. Pkcs12OpensslShapeTest compares the two.
 * The DER is written directly ({@link Der}), since this runs twice per device in bulk issuance.
 */
public final class Pkcs12Writer {
    public static final int ITERATIONS = 2048;
    /** OpenSSL's PKCS5_SALT_LEN (PBKDF2) and PKCS12_SALT_LEN (3DES bags, MAC): both 8. */
    private static final int SALT_BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final byte[] DATA = Der.oid(PKCSObjectIdentifiers.data);
    private static final byte[] ENCRYPTED_DATA = Der.oid(PKCSObjectIdentifiers.encryptedData);
    private static final byte[] CERT_BAG = Der.oid(PKCSObjectIdentifiers.certBag);
    private static final byte[] X509_CERTIFICATE = Der.oid(PKCSObjectIdentifiers.x509Certificate);
    private static final byte[] SHROUDED_KEY_BAG = Der.oid(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag);
    private static final byte[] FRIENDLY_NAME = Der.oid(PKCSObjectIdentifiers.pkcs_9_at_friendlyName);
    private static final byte[] LOCAL_KEY_ID = Der.oid(PKCSObjectIdentifiers.pkcs_9_at_localKeyId);
    private static final byte[] TRIPLE_DES = Der.oid(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC);
    private static final byte[] SHA256 = Der.algorithmWithNull(NISTObjectIdentifiers.id_sha256);
    private static final byte[] SHA1 = Der.algorithmWithNull(OIWObjectIdentifiers.idSHA1);

    private Pkcs12Writer() {
    }

    /** With the CA certificate in its own bag, as {@code -certfile ca.pem} adds it. */
    public static byte[] write(DeviceCredentials credentials, String friendlyName, P12Format format, Passphrase password) {
        return write(credentials, friendlyName, format, password, true);
    }

    /** {@code withCa} false: the device's key and certificate only, as openssl writes them without -certfile. */
    public static byte[] write(DeviceCredentials credentials, String friendlyName, P12Format format, Passphrase password,
                               boolean withCa) {
        char[] chars = password.chars();
        try {
            byte[] certificate = credentials.certificate().getEncoded();
            // openssl's convention: the SHA-1 of the certificate ties the key bag to its certificate bag
            byte[] localKeyId = Certificates.sha1(credentials.certificate());
            byte[] name = attribute(FRIENDLY_NAME, Der.bmpString(friendlyName));
            byte[] id = attribute(LOCAL_KEY_ID, Der.octetString(localKeyId));
            byte[] deviceBag = certificateBag(certificate, name, id);
            byte[] certificates = withCa ? Der.sequence(deviceBag, certificateBag(credentials.ca().getEncoded()))
                    : Der.sequence(deviceBag);

            Encrypted certificatesSealed;
            Encrypted keySealed;
            try (BagCipher cipher = format == P12Format.LEGACY ? new LegacyCipher(chars) : new ModernCipher(chars)) {
                certificatesSealed = cipher.encrypt(certificates);
                keySealed = cipher.encrypt(credentials.key().getEncoded());
            }
            byte[] keyBag = Der.sequence(SHROUDED_KEY_BAG,
                    Der.explicit(0, Der.sequence(keySealed.algorithm(), Der.octetString(keySealed.content()))),
                    Der.setOf(name, id));
            byte[] authenticatedSafe = Der.sequence(
                    Der.sequence(ENCRYPTED_DATA, Der.explicit(0, Der.sequence(Der.integer(0),
                            // encryptedContent is [0] IMPLICIT OCTET STRING
                            Der.sequence(DATA, certificatesSealed.algorithm(), Der.tlv(0x80, certificatesSealed.content()))))),
                    Der.sequence(DATA, Der.explicit(0, Der.octetString(Der.sequence(keyBag)))));
            return Der.sequence(Der.integer(3), Der.sequence(DATA, Der.explicit(0, Der.octetString(authenticatedSafe))),
                    macData(format, chars, authenticatedSafe));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the PKCS#12 file", e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Used by tests and by 'inspect': which form a p12 file is, without needing its password. */
    public static P12Format detect(byte[] p12) {
        try {
            org.bouncycastle.pkcs.PKCS12PfxPdu pdu = new org.bouncycastle.pkcs.PKCS12PfxPdu(p12);
            return pdu.getMacAlgorithmID().getAlgorithm().equals(OIWObjectIdentifiers.idSHA1)
                    ? P12Format.LEGACY : P12Format.MODERN;
        } catch (java.io.IOException | RuntimeException e) {
            throw new UserError("not a PKCS#12 file: export it again with 'ikev2kit device export NAME --format p12'");
        }
    }

    /** bagAttributes is OPTIONAL: openssl leaves it out when there are none (the CA's bag). */
    private static byte[] certificateBag(byte[] certificate, byte[]... attributes) {
        byte[] bag = Der.explicit(0, Der.sequence(X509_CERTIFICATE, Der.explicit(0, Der.octetString(certificate))));
        return attributes.length == 0 ? Der.sequence(CERT_BAG, bag) : Der.sequence(CERT_BAG, bag, Der.setOf(attributes));
    }

    private static byte[] attribute(byte[] type, byte[] value) {
        return Der.sequence(type, Der.setOf(value));
    }

    /** MacData: the HMAC over the authenticated safe, keyed by the PKCS#12 KDF from the password. */
    private static byte[] macData(P12Format format, char[] password, byte[] authenticatedSafe) throws GeneralSecurityException {
        boolean legacy = format == P12Format.LEGACY;
        byte[] salt = random(legacy ? SALT_BYTES : SALT_BYTES);
        byte[] key = legacy ? Pkcs12Kdf.sha1MacKey(password, salt, ITERATIONS) : Pkcs12Kdf.sha256MacKey(password, salt, ITERATIONS);
        String algorithm = legacy ? "HmacSHA1" : "HmacSHA256";
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        Arrays.fill(key, (byte) 0);
        return Der.sequence(Der.sequence(legacy ? SHA1 : SHA256, Der.octetString(mac.doFinal(authenticatedSafe))),
                Der.octetString(salt), Der.integer(ITERATIONS));
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }

    /** A bag's ciphertext and the AlgorithmIdentifier that tells a reader how to decrypt it. */
    private record Encrypted(byte[] algorithm, byte[] content) {
    }

    private interface BagCipher extends AutoCloseable {
        Encrypted encrypt(byte[] plain) throws GeneralSecurityException;

        /** Wipes the derived key. */
        @Override
        default void close() {
        }
    }

    /**
     * PBES2: one PBKDF2 run per p12, a fresh IV per bag. AES is BouncyCastle's engine: the JDK's runs its key
     * schedule through a method so large that compiling it costs more than a thousand p12s spend in it.
     */
    private static final class ModernCipher implements BagCipher {
        private final byte[] salt = random(SALT_BYTES);
        private final byte[] key;

        ModernCipher(char[] password) {
            this.key = Pbkdf2Sha256.derive(password, salt, ITERATIONS);
        }

        @Override
        public Encrypted encrypt(byte[] plain) throws GeneralSecurityException {
            byte[] iv = random(16);
            PaddedBufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()));
            cipher.init(true, new ParametersWithIV(new KeyParameter(key), iv));
            byte[] sealed = new byte[cipher.getOutputSize(plain.length)];
            int length = cipher.processBytes(plain, 0, plain.length, sealed, 0);
            try {
                length += cipher.doFinal(sealed, length);
            } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
                throw new GeneralSecurityException("AES-256-CBC failed", e);
            }
            return new Encrypted(new Pbes2(salt, ITERATIONS, false, iv).algorithmIdentifier(), Arrays.copyOf(sealed, length));
        }

        @Override
        public void close() {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** pbeWithSHAAnd3-KeyTripleDES-CBC: key and IV both come from the password and a salt per bag. */
    private static final class LegacyCipher implements BagCipher {
        private final char[] password;
        private final Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding");

        LegacyCipher(char[] password) throws GeneralSecurityException {
            this.password = password;
        }

        @Override
        public Encrypted encrypt(byte[] plain) throws GeneralSecurityException {
            byte[] salt = random(SALT_BYTES);
            ParametersWithIV derived = Pkcs12Kdf.sha1TripleDesKey(password, salt, ITERATIONS);
            byte[] key = ((KeyParameter) derived.getParameters()).getKey();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DESede"), new IvParameterSpec(derived.getIV()));
            Arrays.fill(key, (byte) 0);
            byte[] algorithm = Der.sequence(TRIPLE_DES, Der.sequence(Der.octetString(salt), Der.integer(ITERATIONS)));
            return new Encrypted(algorithm, cipher.doFinal(plain));
        }
    }
}
