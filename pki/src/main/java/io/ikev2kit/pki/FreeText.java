package io.ikev2kit.pki;

/**
 * The one rule for text a user chooses freely (the VPN name, the organisation, a Wi-Fi name): any Unicode
 * character that every output can carry unchanged and every screen shows as what it is. Refused: control
 * characters (C0, DEL, C1 such as U+0085), line and paragraph separators, bidirectional controls and the byte
 * order mark (they make text display as something else), lone surrogates and the 66 noncharacters such as
 * U+FFFF (XML cannot carry them, and they are not text).
 */
public final class FreeText {
    private FreeText() {
    }

    /**
     * Checks a value where it enters the program.
     *
     * @param what      the option or setting the user typed, e.g. {@code --name}
     * @param maxLength the limit in characters (code points), as the user counts them
     */
    public static String check(String value, String what, int maxLength) {
        if (value == null || value.isEmpty() || value.isBlank()) {
            throw new UserError(what + " is empty: give it some text");
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new UserError(what + " is " + length + " characters long: use at most " + maxLength);
        }
        checkCharacters(value, what);
        if (isSpace(value.codePointAt(0)) || isSpace(value.codePointBefore(value.length()))) {
            throw new UserError(what + " " + Visible.quote(value) + " starts or ends with a space: remove it");
        }
        return value;
    }

    /** The character rule alone, for values whose length is counted another way (an SSID's 32 bytes). */
    public static void checkCharacters(String value, String what) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!allowed(c)) {
                throw new UserError(what + " " + Visible.quote(value) + " contains " + String.format("U+%04X", c)
                        + " (" + kind(c) + "), which cannot be shown or carried as text: remove it");
            }
            i += Character.charCount(c);
        }
    }

    public static boolean allowed(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.SURROGATE && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && !isNoncharacter(c) && !isInvisibleControl(c);
    }

    static boolean isNoncharacter(int c) {
        return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
    }

    /** Bidirectional controls (Unicode's Bidi_Control property) and the byte order mark. */
    static boolean isInvisibleControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static String kind(int c) {
        if (Character.getType(c) == Character.CONTROL) {
            return "a control character";
        }
        if (Character.getType(c) == Character.SURROGATE) {
            return "half of a character";
        }
        if (isNoncharacter(c)) {
            return "a noncharacter";
        }
        if (isInvisibleControl(c)) {
            return c == 0xFEFF ? "a byte order mark" : "a text direction control";
        }
        return "a line separator";
    }
}
