package io.ikev2kit.pki;

/**
 * Untrusted text made safe to print on a terminal: every character that could move the cursor, change the
 * terminal's state, reorder the line or hide itself is shown as an escape (a newline as backslash-n, ESC as
 * backslash-u001b), so what is printed is one line that reads as what the text holds. Escaping twice changes
 * nothing, so a message may quote a value and still pass through the command line's own escaping. Everything
 * the program prints that came from a file or an argument goes through here.
 */
public final class Visible {
    /** How much of a quoted value an error message shows: enough to recognise it, never a megabyte. */
    public static final int QUOTE_LIMIT = 80;

    private Visible() {
    }

    /** The whole text, escaped. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.appendCodePoint(c);
                }
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    /** A value as an error message quotes it: escaped, in single quotes, cut after {@link #QUOTE_LIMIT} characters. */
    public static String quote(String value) {
        if (value == null) {
            return "''";
        }
        if (value.length() <= QUOTE_LIMIT) {
            return "'" + of(value) + "'";
        }
        int cut = value.offsetByCodePoints(0, Math.min(QUOTE_LIMIT, value.codePointCount(0, value.length())));
        return "'" + of(value.substring(0, cut)) + "'... (" + value.length() + " characters)";
    }

    /**
     * Only printable ASCII, everything else escaped: for values whose rule is ASCII (device names), where a
     * Cyrillic 'a' shown as itself would look exactly like the name it imitates.
     */
    public static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
            } else {
                out.append(c > 0xFFFF ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }

    private static String escape(int c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (!FreeText.allowed(c) || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.UNASSIGNED) {
            return c > 0xFFFF ? String.format("\\U%08x", c) : String.format("\\u%04x", c);
        }
        return null;
    }
}
