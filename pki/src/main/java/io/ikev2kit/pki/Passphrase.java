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
        checkCharacters(chars);
        return new Passphrase(chars.clone());
    }

    /**
     * The free-text rule ({@link FreeText}) without quoting the secret: a control character, a lone surrogate
     * (which UTF-8 and the p12 BMPString cannot encode, so two passwords would become one) or a noncharacter
     * (which no profile can carry) is refused by its position alone.
     */
    private static void checkCharacters(char[] chars) {
        String text = new String(chars);
        for (int i = 0, position = 1; i < text.length(); position++) {
            int c = text.codePointAt(i);
            if (!FreeText.allowed(c) && !FreeText.isInvisibleControl(c)) {
                throw new UserError("character " + position + " of the password is " + String.format("U+%04X", c)
                        + ", which is not text that every client can take: choose a password without it");
            }
            i += Character.charCount(c);
        }
    }

    public static Passphrase of(String text) {
        return of(text.toCharArray());
    }

    /** 20 characters from a 54-symbol alphabet: about 115 bits. Grouped for reading: xxxxx-xxxxx-xxxxx-xxxxx. */
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
