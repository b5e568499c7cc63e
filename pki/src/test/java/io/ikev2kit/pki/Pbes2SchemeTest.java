package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.encoders.Der;
import io.ikev2kit.pki.encoders.Pkcs12Writer;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
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
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CA key's PBES2 scheme is read strictly: any other PRF, cipher, key or IV length, or structure is refused
 * as "not encrypted the way ikev2kit writes keys", never decrypted with a guess. And each encryption draws a
 * fresh random salt and IV.
 */
class Pbes2SchemeTest {
    private static final PrivateKey KEY = KeyType.ECDSA_P256.generate().getPrivate();
    private static final Passphrase PASS = Passphrase.of("scheme test passphrase");

    @Test
    void everyEncryptionHasAFreshNonZeroSaltAndIv() throws Exception {
        PBES2Parameters first = scheme(EncryptedKey.encrypt(KEY, PASS));
        PBES2Parameters second = scheme(EncryptedKey.encrypt(KEY, PASS));
        byte[] salt1 = PBKDF2Params.getInstance(first.getKeyDerivationFunc().getParameters()).getSalt();
        byte[] salt2 = PBKDF2Params.getInstance(second.getKeyDerivationFunc().getParameters()).getSalt();
        byte[] iv1 = ASN1OctetString.getInstance(first.getEncryptionScheme().getParameters()).getOctets();
        byte[] iv2 = ASN1OctetString.getInstance(second.getEncryptionScheme().getParameters()).getOctets();
        assertEquals(16, salt1.length);
        assertEquals(16, iv1.length);
        for (byte[] random : new byte[][] {salt1, salt2, iv1, iv2}) {
            assertFalse(Arrays.equals(random, new byte[random.length]), "not all zero");
        }
        assertFalse(Arrays.equals(salt1, salt2), "a fresh salt");
        assertFalse(Arrays.equals(iv1, iv2), "a fresh IV");
        assertNotEquals(EncryptedKey.encrypt(KEY, PASS), EncryptedKey.encrypt(KEY, PASS));
    }

    @Test
    void theSchemeWeWriteIsReadBack() {
        byte[] salt = bytes(16, 1);
        byte[] iv = bytes(16, 2);
        for (boolean statesKeyLength : new boolean[] {true, false}) {
            Pbes2 read = Pbes2.read(new Pbes2(salt, 1234, statesKeyLength, iv).algorithmIdentifier(), 0);
            assertArrayEquals(salt, read.salt());
            assertEquals(1234, read.iterations());
            assertEquals(statesKeyLength, read.statesKeyLength());
            assertArrayEquals(iv, read.iv());
        }
    }

    /** The CA key's form states the key length, a p12 bag's leaves it out (as openssl writes it). */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pbes2AlgorithmIdentifierIsWhatBouncyCastleWritesAndReads(boolean statesKeyLength) throws Exception {
        byte[] salt = new byte[statesKeyLength ? 16 : 8];
        byte[] iv = new byte[16];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) (0xa0 + i);
            salt[i % salt.length] = (byte) (i * 3);
        }
        int iterations = statesKeyLength ? EncryptedKey.ITERATIONS : Pkcs12Writer.ITERATIONS;
        AlgorithmIdentifier prf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
        PBKDF2Params kdf = statesKeyLength ? new PBKDF2Params(salt, iterations, Pbes2.KEY_BYTES, prf)
                : new PBKDF2Params(salt, iterations, prf);
        byte[] expected = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, new PBES2Parameters(
                new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
                new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)))).getEncoded(ASN1Encoding.DER);
        assertArrayEquals(expected, new Pbes2(salt, iterations, statesKeyLength, iv).algorithmIdentifier());
        Pbes2 read = Pbes2.read(expected, 0);
        assertArrayEquals(salt, read.salt());
        assertArrayEquals(iv, read.iv());
        assertEquals(iterations, read.iterations());
        assertEquals(statesKeyLength, read.statesKeyLength());
    }

    @Test
    void everyDeviationFromTheSchemeIsRefusedBeforeDecrypting() {
        byte[] prf = Der.algorithmWithNull(PKCSObjectIdentifiers.id_hmacWithSHA256);
        byte[] sha1Prf = Der.algorithmWithNull(PKCSObjectIdentifiers.id_hmacWithSHA1);
        byte[] aes256 = Der.oid(NISTObjectIdentifiers.id_aes256_CBC);
        byte[] salt = Der.octetString(bytes(16, 3));
        byte[] iterations = Der.integer(1000);
        byte[] iv = Der.octetString(bytes(16, 4));
        Map<String, byte[]> variants = new java.util.LinkedHashMap<>();
        variants.put("another PRF (HMAC-SHA1)", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(32), sha1Prf), aes256, iv));
        variants.put("another cipher (AES-128-CBC)", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(32), prf), Der.oid(NISTObjectIdentifiers.id_aes128_CBC), iv));
        variants.put("a 16-byte key length", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(16), prf), aes256, iv));
        variants.put("an 8-byte IV", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(32), prf), aes256, Der.octetString(bytes(8, 5))));
        variants.put("a 17-byte IV", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(32), prf), aes256, Der.octetString(bytes(17, 5))));
        variants.put("no PRF (SHA-1 by default)", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(32)), aes256, iv));
        variants.put("an extra KDF parameter", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(32), prf, Der.integer(1)), aes256, iv));
        variants.put("PBES1 instead of PBES2", scheme(Der.oid(PKCSObjectIdentifiers.pbeWithSHA1AndDES_CBC), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(32), prf), aes256, iv));
        variants.put("another KDF (scrypt's OID)", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2),
                Der.oid(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11")),
                Der.sequence(salt, iterations, Der.integer(32), prf), aes256, iv));
        variants.put("an IV that is no OCTET STRING", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(32), prf), aes256, Der.integer(1)));
        variants.put("a salt that is no OCTET STRING", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(Der.integer(7), iterations, Der.integer(32), prf), aes256, iv));
        variants.put("iterations that are no INTEGER", scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, Der.octetString(new byte[] {1}), Der.integer(32), prf), aes256, iv));
        byte[] good = scheme(Der.oid(PKCSObjectIdentifiers.id_PBES2), Der.oid(PKCSObjectIdentifiers.id_PBKDF2),
                Der.sequence(salt, iterations, Der.integer(32), prf), aes256, iv);
        variants.put("trailing bytes after the cipher", Der.sequence(Der.oid(PKCSObjectIdentifiers.id_PBES2),
                Der.sequence(Der.sequence(Der.oid(PKCSObjectIdentifiers.id_PBKDF2), Der.sequence(salt, iterations, Der.integer(32), prf)),
                        Der.sequence(aes256, iv), Der.integer(0))));
        variants.put("trailing bytes after the IV", Der.sequence(Der.oid(PKCSObjectIdentifiers.id_PBES2),
                Der.sequence(Der.sequence(Der.oid(PKCSObjectIdentifiers.id_PBKDF2), Der.sequence(salt, iterations, Der.integer(32), prf)),
                        Der.sequence(aes256, iv, Der.integer(0)))));
        variants.put("trailing bytes after the parameters", Der.sequence(Der.oid(PKCSObjectIdentifiers.id_PBES2),
                Der.sequence(Der.sequence(Der.oid(PKCSObjectIdentifiers.id_PBKDF2), Der.sequence(salt, iterations, Der.integer(32), prf)),
                        Der.sequence(aes256, iv)), Der.integer(0)));
        Pbes2.read(good, 0); // the control: everything but the one deviation is right
        for (Map.Entry<String, byte[]> variant : variants.entrySet()) {
            assertThrows(RuntimeException.class, () -> Pbes2.read(variant.getValue(), 0), variant.getKey());
            String pem = keyFile(variant.getValue());
            UserError refused = assertThrows(UserError.class, () -> EncryptedKey.decrypt(pem, PASS, "ca.key"), variant.getKey());
            assertTrue(refused.getMessage().startsWith("ca.key is not encrypted the way ikev2kit writes keys"),
                    variant.getKey() + ": " + refused.getMessage());
        }
    }

    @Test
    void anEncryptedPrivateKeyInfoWithTrailingDataIsRefused() {
        String pem = EncryptedKey.encrypt(KEY, PASS);
        byte[] der = body(pem);
        Der.Element info = Der.Element.at(der, 0);
        Der.Element algorithm = Der.Element.at(der, info.contentStart());
        Der.Element ciphertext = Der.Element.at(der, algorithm.end());
        byte[] inner = Arrays.copyOfRange(der, info.contentStart(), info.end());
        for (byte[] broken : new byte[][] {
                Der.sequence(inner, Der.integer(0)),
                Der.sequence(Arrays.copyOfRange(der, info.contentStart(), algorithm.end()), Der.integer(5)),
                Der.tlv(Der.SET, inner),
                Der.sequence(Arrays.copyOfRange(der, info.contentStart(), algorithm.end()),
                        Der.bitString(Arrays.copyOfRange(der, ciphertext.contentStart(), ciphertext.end())))}) {
            UserError refused = assertThrows(UserError.class, () -> EncryptedKey.decrypt(pemOf(broken), PASS, "ca.key"));
            assertTrue(refused.getMessage().startsWith("ca.key is not encrypted the way"), refused.getMessage());
        }
        assertArrayEquals(KEY.getEncoded(), EncryptedKey.decrypt(pem, PASS, "ca.key").getEncoded());
    }

    private static byte[] scheme(byte[] pbes2, byte[] pbkdf2, byte[] kdfParameters, byte[] cipher, byte[] iv) {
        return Der.sequence(pbes2, Der.sequence(Der.sequence(pbkdf2, kdfParameters), Der.sequence(cipher, iv)));
    }

    /** A key file with the given scheme and the ciphertext of a real key under the right one. */
    private static String keyFile(byte[] algorithm) {
        byte[] der = body(EncryptedKey.encrypt(KEY, PASS));
        Der.Element info = Der.Element.at(der, 0);
        Der.Element original = Der.Element.at(der, info.contentStart());
        Der.Element ciphertext = Der.Element.at(der, original.end());
        return pemOf(Der.sequence(algorithm, Arrays.copyOfRange(der, original.end(), ciphertext.end())));
    }

    private static PBES2Parameters scheme(String pem) {
        EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(body(pem));
        assertEquals(PKCSObjectIdentifiers.id_PBES2, info.getEncryptionAlgorithm().getAlgorithm());
        return PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
    }

    private static byte[] body(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static String pemOf(byte[] der) {
        return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    }

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed * 31 + i);
        }
        return out;
    }
}
