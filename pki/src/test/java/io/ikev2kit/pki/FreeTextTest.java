package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FreeTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"a\u0085b", "a\uffffb", "a\ufffeb", "a\ufdd0b", "a\ud800b", "a\udc00b", "a\u202eb",
            "a\u2066b", "a\ufeffb", "a\u2028b", "a\u2029b", "a\u001bb", "a\u0000b", "a\u007fb", "a\rb", "a\nb", "a\tb",
            "a\udbff\udfffb", " lead", "trail ", "\u00a0nbsp", "", "   "})
    void refusesWhatCannotBeCarriedOrShownAsText(String value) {
        UserError e = assertThrows(UserError.class, () -> FreeText.check(value, "--name", 48));
        assertTrue(e.getMessage().startsWith("--name "), "names the option the user typed: " + e.getMessage());
        assertTrue(Visible.of(e.getMessage()).equals(e.getMessage()), "the message quotes the value escaped: "
                + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"#1 VPN", "Smith, Jones & Co.", "a\"b'c\\d;e", "\u00c9cole \u4e2d\u6587 \ud83d\ude00",
            "x\u200dy", "$(rm -rf /) `id` <x>&amp;", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"})
    void acceptsPrintableUnicodeUnchanged(String value) {
        assertEquals(value, FreeText.check(value, "--name", 48));
    }

    @Test
    void countsCharactersAsTheUserDoes() {
        String emoji = "\ud83d\ude00".repeat(48);
        assertEquals(emoji, FreeText.check(emoji, "--name", 48), "48 emoji are 48 characters, not 96");
        UserError e = assertThrows(UserError.class, () -> FreeText.check("n".repeat(49), "--name", 48));
        assertEquals("--name is 49 characters long: use at most 48", e.getMessage());
    }
}
