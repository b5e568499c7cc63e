package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VisibleTest {
    @Test
    void terminalControlLineBreaksAndDirectionMarksBecomeEscapes() {
        String hostile = "ok\u001b]0;pwned\u0007\u001b[2J\r\nall good\u202e\u0085\u2028\ufeff\ud800";
        String shown = Visible.of(hostile);
        assertEquals("ok\\u001b]0;pwned\\u0007\\u001b[2J\\r\\nall good\\u202e\\u0085\\u2028\\ufeff\\ud800", shown);
        assertTrue(shown.chars().allMatch(c -> c >= 0x20 && c < 0x7f), shown);
    }

    @Test
    void printableTextIsUnchangedAndEscapingTwiceChangesNothing() {
        String text = "Caf\u00e9 \u4e2d \ud83d\ude00 C:\\path \"q\"";
        assertEquals(text, Visible.of(text));
        String once = Visible.of("a\nb\u001b");
        assertEquals(once, Visible.of(once));
    }

    @Test
    void quotesAreShortWhateverTheValue() {
        String quoted = Visible.quote("x".repeat(1_200_000));
        assertTrue(quoted.length() < 120, quoted);
        assertTrue(quoted.endsWith("(1200000 characters)"), quoted);
        assertEquals("'a\\nb'", Visible.quote("a\nb"));
    }

    /**
     * ascii keeps exactly POSIX's printable ASCII (java.util.regex's \\p{Print}, [\\x20-\\x7E]); every other code point
     * becomes an escape that java.util.Properties reads back as that character (U+FFFF and below) or, beyond,
     * a backslash-U with the code point's eight hex digits.
     */
    @Test
    void asciiKeepsExactlyPrintableAsciiAndEscapesTheRestReadably() throws Exception {
        java.util.regex.Matcher print = java.util.regex.Pattern.compile("\\p{Print}").matcher("");
        StringBuilder escapes = new StringBuilder();
        // every code point of the BMP; beyond it the first and last of each plane and every 17th between
        for (int c = 0; c <= Character.MAX_CODE_POINT; c += c < 0x10000 || (c & 0xFFFF) < 0x100 || (c & 0xFFFF) >= 0xFF00 ? 1 : 17) {
            String text = new String(Character.toChars(c));
            String shown = Visible.ascii(text);
            if (print.reset(text).matches()) {
                assertEquals(text, shown);
            } else if (c <= 0xFFFF) {
                escapes.append('k').append(c).append('=').append(shown).append('\n');
            } else {
                assertTrue(shown.length() == 10 && shown.startsWith("\\U")
                        && Integer.parseInt(shown.substring(2), 16) == c, shown);
            }
        }
        java.util.Properties read = new java.util.Properties();
        read.load(new java.io.StringReader(escapes.toString()));
        int checked = 0;
        for (int c = 0; c <= 0xFFFF; c++) {
            String value = read.getProperty("k" + c);
            if (value != null) {
                assertEquals(String.valueOf((char) c), value, "U+" + Integer.toHexString(c));
                checked++;
            }
        }
        assertEquals(0x10000 - 95, checked, "all but the 95 printable characters are escaped");
    }

    /** What of escapes, java.util.Properties reads back; supplementary code points as backslash-U and eight digits. */
    @Test
    void escapesReadBackAsTheTextTheyStandFor() throws Exception {
        String text = "a\n\r\tb\u0000\u001f\u007f\u0085\u200e\u2066\ufeff\uffff\u0378";
        String shown = Visible.of(text);
        assertTrue(shown.chars().allMatch(c -> c >= 0x20 && c < 0x7f), shown);
        java.util.Properties read = new java.util.Properties();
        read.load(new java.io.StringReader("k=" + shown));
        assertEquals(text, read.getProperty("k"));
        assertEquals("\\U0001fffe x \\U000e0001", Visible.of("\ud83f\udffe x \udb40\udc01"), "a noncharacter, a tag (Cf)");
        assertEquals("\ud83d\ude00", Visible.of("\ud83d\ude00"), "an emoji is shown as itself");
    }

    @Test
    void quotesAValueOfTheLimitWholeAndCutsOneLonger() {
        String limit = "x".repeat(Visible.QUOTE_LIMIT);
        assertEquals("'" + limit + "'", Visible.quote(limit));
        assertEquals("'" + limit + "'... (81 characters)", Visible.quote(limit + "y"));
    }
}
