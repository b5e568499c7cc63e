package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PassphraseTest {
    /** Four groups of five from the unambiguous alphabet (no i, l, o, I, L, O, 0, 1), as read aloud. */
    private static final Pattern GENERATED = Pattern.compile("([a-hjkmnp-zA-HJKMNP-Z2-9]{5}-){3}[a-hjkmnp-zA-HJKMNP-Z2-9]{5}");

    @Test
    void generatedPassphrasesAreGroupedFromTheUnambiguousAlphabetAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String p = Passphrase.random().reveal();
            assertTrue(GENERATED.matcher(p).matches(), p);
            assertTrue(seen.add(p), "repeated: " + p);
            p.chars().filter(c -> c != '-').forEach(c -> used.add((char) c));
        }
        assertEquals(54, used.size(), "every symbol of the alphabet turns up: " + used);
    }

    /** The error names the position of the refused character (as the user counts, from 1), never the secret. */
    @Test
    void aRefusedCharacterIsNamedByItsPositionAlone() {
        UserError bell = assertThrows(UserError.class, () -> Passphrase.of("secr\u0007t-pass"));
        assertTrue(bell.getMessage().startsWith("character 5 of the password is U+0007"), bell.getMessage());
        assertFalse(bell.getMessage().contains("secr"), bell.getMessage());
        UserError afterEmoji = assertThrows(UserError.class, () -> Passphrase.of("\ud83d\ude00x\uffff"));
        assertTrue(afterEmoji.getMessage().startsWith("character 3 of the password is U+FFFF"), afterEmoji.getMessage());
        assertEquals("abc\u202edef", Passphrase.of("abc\u202edef").reveal(), "a direction mark is text a client can take");
    }

    @Test
    void equalByContentAndNeverShown() {
        assertEquals(Passphrase.of("same-secret"), Passphrase.of("same-secret"));
        assertEquals(Passphrase.of("same-secret").hashCode(), Passphrase.of("same-secret").hashCode());
        assertNotEquals(Passphrase.of("same-secret"), Passphrase.of("other-secret"));
        assertNotEquals(Passphrase.of("same-secret").hashCode(), Passphrase.of("other-secret").hashCode());
        assertEquals("Passphrase[hidden]", Passphrase.of("same-secret").toString());
        char[] chars = "mutable".toCharArray();
        Passphrase p = Passphrase.of(chars);
        chars[0] = 'X';
        p.chars()[1] = 'Y';
        assertEquals("mutable", p.reveal(), "neither the caller's array nor a returned copy changes it");
    }
}
