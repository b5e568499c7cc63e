package io.ikev2kit.pki;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/**
 * PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018): how the CA key and the bags of a modern p12 are
 * encrypted. One place writes and reads its AlgorithmIdentifier, with {@link Der}. The CA key states the key
 * length (32 bytes), as BouncyCastle wrote it before; p12 bags leave it out, as openssl does.
 */
record Pbes2(byte[] salt, int iterations, boolean statesKeyLength, byte[] iv) {
    static final int KEY_BYTES = 32;
    private static final byte[] PBES2 = Der.oid(PKCSObjectIdentifiers.id_PBES2);
    private static final byte[] PBKDF2 = Der.oid(PKCSObjectIdentifiers.id_PBKDF2);
    private static final byte[] PRF = Der.algorithmWithNull(PKCSObjectIdentifiers.id_hmacWithSHA256);
    private static final byte[] AES_256_CBC = Der.oid(NISTObjectIdentifiers.id_aes256_CBC);

    byte[] algorithmIdentifier() {
        byte[] kdfParameters = statesKeyLength
                ? Der.sequence(Der.octetString(salt), Der.integer(iterations), Der.integer(KEY_BYTES), PRF)
                : Der.sequence(Der.octetString(salt), Der.integer(iterations), PRF);
        return Der.sequence(PBES2, Der.sequence(Der.sequence(PBKDF2, kdfParameters),
                Der.sequence(AES_256_CBC, Der.octetString(iv))));
    }

    /** The AlgorithmIdentifier at {@code offset}; a RuntimeException for any other scheme or a malformed one. */
    static Pbes2 read(byte[] der, int offset) {
        Der.Element algorithm = expect(der, offset, Der.SEQUENCE);
        Der.Element parameters = expect(der, expectBytes(der, algorithm.contentStart(), PBES2).end(), Der.SEQUENCE);
        Der.Element kdf = expect(der, parameters.contentStart(), Der.SEQUENCE);
        Der.Element kdfParameters = expect(der, expectBytes(der, kdf.contentStart(), PBKDF2).end(), Der.SEQUENCE);
        Der.Element salt = expect(der, kdfParameters.contentStart(), Der.OCTET_STRING);
        Der.Element iterations = expect(der, salt.end(), Der.INTEGER);
        Der.Element next = Der.Element.at(der, iterations.end());
        boolean statesKeyLength = next.tag() == Der.INTEGER;
        if (statesKeyLength && new BigInteger(next.content(der)).intValueExact() != KEY_BYTES) {
            throw new IllegalArgumentException("key length");
        }
        Der.Element prf = expectBytes(der, statesKeyLength ? next.end() : iterations.end(), PRF);
        Der.Element cipher = expect(der, kdf.end(), Der.SEQUENCE);
        Der.Element iv = expect(der, expectBytes(der, cipher.contentStart(), AES_256_CBC).end(), Der.OCTET_STRING);
        if (prf.end() != kdfParameters.end() || iv.end() != cipher.end() || cipher.end() != parameters.end()
                || parameters.end() != algorithm.end() || iv.end() - iv.contentStart() != 16) {
            throw new IllegalArgumentException("unexpected structure");
        }
        return new Pbes2(salt.content(der), new BigInteger(iterations.content(der)).intValueExact(), statesKeyLength,
                iv.content(der));
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
