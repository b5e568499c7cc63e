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

    /**
     * Every code point, against the Unicode Standard's own lists: the 66 noncharacters (chapter 23.7: U+FDD0..U+FDEF
     * and the last two code points of each of the 17 planes), the 12 Bidi_Control characters (PropList.txt) and the
     * byte order mark, and the general categories Cc, Cs, Zl and Zp as the JDK's character database gives them.
     */
    @Test
    void refusesExactlyTheCharactersUnicodeListsAndNothingElse() {
        java.util.Set<Integer> noncharacters = new java.util.HashSet<>();
        for (int c = 0xFDD0; c <= 0xFDEF; c++) {
            noncharacters.add(c);
        }
        for (int plane = 0; plane <= 0x10; plane++) {
            noncharacters.add(plane << 16 | 0xFFFE);
            noncharacters.add(plane << 16 | 0xFFFF);
        }
        assertEquals(66, noncharacters.size());
        java.util.Set<Integer> bidiControls = java.util.Set.of(0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D,
                0x202E, 0x2066, 0x2067, 0x2068, 0x2069);
        java.util.Set<Integer> categories = java.util.Set.of((int) Character.CONTROL, (int) Character.SURROGATE,
                (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR);
        int refused = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            boolean expected = !noncharacters.contains(c) && !bidiControls.contains(c) && c != 0xFEFF
                    && !categories.contains(Character.getType(c));
            String at = "U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
            if (expected != FreeText.allowed(c)) {
                assertEquals(expected, FreeText.allowed(c), at);
            }
            if (noncharacters.contains(c) != FreeText.isNoncharacter(c)
                    || (bidiControls.contains(c) || c == 0xFEFF) != FreeText.isInvisibleControl(c)) {
                assertEquals(noncharacters.contains(c), FreeText.isNoncharacter(c), at + " noncharacter");
                assertEquals(bidiControls.contains(c) || c == 0xFEFF, FreeText.isInvisibleControl(c), at + " invisible control");
            }
            refused += expected ? 0 : 1;
        }
        // 65 Cc, 2048 Cs, 1 Zl, 1 Zp, 66 noncharacters, 12 bidi controls and the BOM
        assertEquals(65 + 2048 + 1 + 1 + 66 + 12 + 1, refused);
    }

    /** What the error names the refused character as, per kind. */
    @Test
    void namesWhatKindOfCharacterItRefuses() {
        String[][] cases = {{"a\u0007b", "U+0007 (a control character)"}, {"a\ud800b", "U+D800 (half of a character)"},
                {"a\ufdd0b", "U+FDD0 (a noncharacter)"}, {"a\ufeffb", "U+FEFF (a byte order mark)"},
                {"a\u202eb", "U+202E (a text direction control)"}, {"a\u2028b", "U+2028 (a line separator)"}};
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> FreeText.check(c[0], "--org", 48));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
