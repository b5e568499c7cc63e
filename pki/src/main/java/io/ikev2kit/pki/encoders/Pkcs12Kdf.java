package io.ikev2kit.pki.encoders;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The PKCS#12 key derivation (RFC 7292 appendix B.2) on the JDK's SHA-1 and SHA-256, which run on the CPU's SHA
 * instructions: every device gets both p12 forms, and the legacy form's three derivations per bag (key, IV, MAC;
 * 2048 iterations each) on BouncyCastle's Java SHA-1 cost several times the whole modern p12.
 */
final class Pkcs12Kdf {
    private static final int BLOCK = 64;
    private static final int KEY_ID = 1;
    private static final int IV_ID = 2;
    private static final int MAC_ID = 3;

    private Pkcs12Kdf() {
    }

    static byte[] sha256MacKey(char[] password, byte[] salt, int iterations) {
        return derive("SHA-256", password, salt, iterations, MAC_ID, 32);
    }

    static byte[] sha1MacKey(char[] password, byte[] salt, int iterations) {
        return derive("SHA-1", password, salt, iterations, MAC_ID, 20);
    }

    /** The 3DES key and IV of pbeWithSHAAnd3-KeyTripleDES-CBC. */
    static ParametersWithIV sha1TripleDesKey(char[] password, byte[] salt, int iterations) {
        return new ParametersWithIV(new KeyParameter(derive("SHA-1", password, salt, iterations, KEY_ID, 24)),
                derive("SHA-1", password, salt, iterations, IV_ID, 8));
    }

    /**
     * {@code length} bytes for purpose {@code id}: block by block A = H^c(D || I), D the ID repeated, I the salt and
     * the password (BMPString, NUL-terminated) each repeated to whole 64-byte blocks; between blocks every 64-byte
     * block of I is increased by A repeated, plus one.
     */
    static byte[] derive(String algorithm, char[] password, byte[] salt, int iterations, int id, int length) {
        byte[] p = PBEParametersGenerator.PKCS12PasswordToBytes(password);
        byte[] s = repeat(salt);
        byte[] i = new byte[s.length + BLOCK * ((p.length + BLOCK - 1) / BLOCK)];
        System.arraycopy(s, 0, i, 0, s.length);
        fill(p, i, s.length);
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            int u = digest.getDigestLength();
            byte[] d = new byte[BLOCK];
            Arrays.fill(d, (byte) id);
            byte[] a = new byte[u];
            byte[] out = new byte[length];
            for (int offset = 0; offset < length; offset += u) {
                digest.update(d);
                digest.update(i);
                digest.digest(a, 0, u);
                for (int n = 1; n < iterations; n++) {
                    digest.update(a);
                    digest.digest(a, 0, u);
                }
                System.arraycopy(a, 0, out, offset, Math.min(u, length - offset));
                if (offset + u < length) {
                    byte[] b = new byte[BLOCK];
                    fill(a, b, 0);
                    for (int block = 0; block < i.length; block += BLOCK) {
                        addPlusOne(i, block, b);
                    }
                }
            }
            Arrays.fill(a, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        } finally {
            Arrays.fill(p, (byte) 0);
            Arrays.fill(i, (byte) 0);
        }
    }

    /** I_j = (I_j + B + 1) mod 2^512, big-endian, for the 64-byte block of {@code i} at {@code at}. */
    private static void addPlusOne(byte[] i, int at, byte[] b) {
        int carry = 1;
        for (int k = BLOCK - 1; k >= 0; k--) {
            carry += (i[at + k] & 0xff) + (b[k] & 0xff);
            i[at + k] = (byte) carry;
            carry >>>= 8;
        }
    }

    /** The input repeated to fill a whole number of 64-byte blocks (nothing for empty input). */
    private static byte[] repeat(byte[] input) {
        byte[] out = new byte[BLOCK * ((input.length + BLOCK - 1) / BLOCK)];
        fill(input, out, 0);
        return out;
    }

    /** Fills {@code out} from {@code start} to its end with {@code input} repeated. */
    private static void fill(byte[] input, byte[] out, int start) {
        if (input.length == 0) {
            return;
        }
        for (int k = start; k < out.length; k++) {
            out[k] = input[(k - start) % input.length];
        }
    }
}
