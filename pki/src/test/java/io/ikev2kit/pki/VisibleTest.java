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
}
