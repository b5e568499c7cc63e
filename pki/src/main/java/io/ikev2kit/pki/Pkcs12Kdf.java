package io.ikev2kit.pki;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Function;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The PKCS#12 key derivation (RFC 7292 appendix B.2). The SHA-256 MAC key of a modern p12 is derived on the
 * JDK's SHA-256 (CPU instructions) because it runs once per device in bulk issuance; the legacy SHA-1
 * derivations use BouncyCastle's generator.
 */
final class Pkcs12Kdf {
    private static final int BLOCK = 64;
    private static final int MAC_ID = 3;

    private Pkcs12Kdf() {
    }

    /** A = H^c(D || S || P) for one 32-byte block, D the MAC ID repeated, S and P repeated to whole blocks. */
    static byte[] sha256MacKey(char[] password, byte[] salt, int iterations) {
        byte[] p = PBEParametersGenerator.PKCS12PasswordToBytes(password);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] d = new byte[BLOCK];
            Arrays.fill(d, (byte) MAC_ID);
            sha256.update(d);
            sha256.update(repeat(salt));
            sha256.update(repeat(p));
            byte[] a = sha256.digest();
            for (int i = 1; i < iterations; i++) {
                sha256.update(a);
                sha256.digest(a, 0, a.length);
            }
            return a;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        } finally {
            Arrays.fill(p, (byte) 0);
        }
    }

    static byte[] sha1MacKey(char[] password, byte[] salt, int iterations) {
        return ((KeyParameter) sha1(password, salt, iterations, generator -> generator.generateDerivedMacParameters(160)))
                .getKey();
    }

    /** The 3DES key and IV of pbeWithSHAAnd3-KeyTripleDES-CBC. */
    static ParametersWithIV sha1TripleDesKey(char[] password, byte[] salt, int iterations) {
        return (ParametersWithIV) sha1(password, salt, iterations, generator -> generator.generateDerivedParameters(192, 64));
    }

    private static CipherParameters sha1(char[] password, byte[] salt, int iterations,
                                         Function<PKCS12ParametersGenerator, CipherParameters> derivation) {
        byte[] p = PBEParametersGenerator.PKCS12PasswordToBytes(password);
        try {
            PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(new SHA1Digest());
            generator.init(p, salt, iterations);
            return derivation.apply(generator);
        } finally {
            Arrays.fill(p, (byte) 0);
        }
    }

    /** The input repeated to fill a whole number of 64-byte blocks (nothing for empty input). */
    private static byte[] repeat(byte[] input) {
        if (input.length == 0) {
            return input;
        }
        byte[] out = new byte[BLOCK * ((input.length + BLOCK - 1) / BLOCK)];
        for (int i = 0; i < out.length; i++) {
            out[i] = input[i % input.length];
        }
        return out;
    }
}
