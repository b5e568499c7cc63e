package io.ikev2kit.pki;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A secret typed or generated for a key or p12. It never prints itself, so it cannot leak through
 * a log line or an exception message.
 */
public final class Passphrase {
    /** Unambiguous characters: a generated passphrase is read aloud or retyped on a phone. */
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final char[] chars;

    private Passphrase(char[] chars) {
        this.chars = chars;
    }

    public static Passphrase of(char[] chars) {
        if (chars == null || chars.length == 0) {
            throw new UserError("the passphrase is empty: choose one of at least 8 characters");
        }
        return new Passphrase(chars.clone());
    }

    public static Passphrase of(String text) {
        return of(text.toCharArray());
    }

    /** 20 characters from a 55-symbol alphabet: about 115 bits. Grouped for reading: xxxxx-xxxxx-xxxxx-xxxxx. */
    public static Passphrase random() {
        char[] out = new char[23];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i % 6 == 5) ? '-' : ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new Passphrase(out);
    }

    public char[] chars() {
        return chars.clone();
    }

    /** The passphrase itself, for the one place that shows a generated one to its owner. */
    public String reveal() {
        return new String(chars);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Passphrase p && Arrays.equals(chars, p.chars);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars);
    }

    @Override
    public String toString() {
        return "Passphrase[hidden]";
    }
}
