package io.ikev2kit.pki;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.MacCalculator;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;

/**
 * The p12 integrity MAC, HMAC-SHA256 keyed by the PKCS#12 KDF (RFC 7292 appendix B.2, ID 3), computed with the
 * JDK's SHA-256 (hardware-accelerated) instead of BouncyCastle's pure-Java digest: same bytes, a fraction of the time.
 */
final class Pkcs12MacSha256 implements PKCS12MacCalculatorBuilder {
    private static final int BLOCK = 64;
    private static final int MAC_ID = 3;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);

    private final int iterations;

    Pkcs12MacSha256(int iterations) {
        this.iterations = iterations;
    }

    @Override
    public AlgorithmIdentifier getDigestAlgorithmIdentifier() {
        return SHA256;
    }

    @Override
    public MacCalculator build(char[] password) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        byte[] key = deriveKey(password, salt, iterations);
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256,
                new PKCS12PBEParams(salt, iterations));
        return new HmacCalculator(algorithm, key);
    }

    /** RFC 7292 B.2 for one 32-byte block: A = H^c(D || S || P), D the ID byte repeated, S and P padded to 64 bytes. */
    static byte[] deriveKey(char[] password, byte[] salt, int iterations) {
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

    private static final class HmacCalculator implements MacCalculator {
        private final AlgorithmIdentifier algorithm;
        private final byte[] key;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        HmacCalculator(AlgorithmIdentifier algorithm, byte[] key) {
            this.algorithm = algorithm;
            this.key = key;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return data;
        }

        @Override
        public byte[] getMac() {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(data.toByteArray());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
        }

        @Override
        public GenericKey getKey() {
            return new GenericKey(algorithm, key);
        }
    }
}
