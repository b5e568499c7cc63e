package io.ikev2kit.pki.encoders;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018) for a 32-byte key, on the JDK's hardware-accelerated SHA-256. It gives exactly
 * what the JDK's PBKDF2WithHmacSHA256 gives (password as UTF-8), but on a cold JVM, where the CA key is
 * unlocked, it finishes sooner and costs half the CPU: the HMAC pads are hashed once and their digest states
 * cloned per iteration, which leaves the JIT a small loop to compile instead of the whole javax.crypto.Mac stack.
 */
public final class Pbkdf2Sha256 {
    private static final int BLOCK = 64;

    private Pbkdf2Sha256() {
    }

    public static byte[] derive(char[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        byte[] key = utf8(password);
        try {
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            if (key.length > BLOCK) {
                byte[] hashed = inner.digest(key);
                Arrays.fill(key, (byte) 0);
                key = hashed;
            }
            byte[] pad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
            }
            inner.update(pad);
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
            }
            outer.update(pad);
            Arrays.fill(pad, (byte) 0);

            byte[] u = hmac(inner, outer, salt, new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            iterate(inner, outer, u, result, iterations - 1);
            return result;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** U_n = HMAC(U_n-1), result ^= U_n; kept apart so the JIT compiles one small, stable loop. */
    private static void iterate(MessageDigest inner, MessageDigest outer, byte[] u, byte[] result, int count)
            throws CloneNotSupportedException, java.security.DigestException {
        byte[] innerHash = new byte[32];
        for (int n = 0; n < count; n++) {
            MessageDigest in = (MessageDigest) inner.clone();
            in.update(u);
            in.digest(innerHash, 0, 32);
            MessageDigest out = (MessageDigest) outer.clone();
            out.update(innerHash);
            out.digest(u, 0, 32);
            for (int i = 0; i < 32; i++) {
                result[i] ^= u[i];
            }
        }
    }

    private static byte[] hmac(MessageDigest inner, MessageDigest outer, byte[]... parts) throws CloneNotSupportedException {
        MessageDigest in = (MessageDigest) inner.clone();
        for (byte[] part : parts) {
            in.update(part);
        }
        MessageDigest out = (MessageDigest) outer.clone();
        out.update(in.digest());
        return out.digest();
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
