package io.ikev2kit.profiles.apple.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facts file's reader: a typo there must fail loudly rather than quietly drop or loosen a check. */
class SchemaFactsTest {

    @Test
    void readsNestedDictionariesArraysAndConstraints() {
        Map<String, List<SchemaKey>> facts = SchemaFacts.parse(List.of(
                "# comment", "payload com.example", "IKEv2 dictionary required",
                "  Group integer values=19|20", "  Life integer range=10..1440",
                "  Rules array", "    [] dictionary", "      Action string required values=Connect|Ignore",
                "  Id string format=^[0-9]{2}$"));
        SchemaKey ikev2 = facts.get("com.example").get(0);
        assertTrue(ikev2.required());
        assertEquals(List.of(19L, 20L), ikev2.subkeys().get(0).rangelist());
        assertEquals(List.of(10L, 1440L), List.of(ikev2.subkeys().get(1).min(), ikev2.subkeys().get(1).max()));
        SchemaKey action = ikev2.subkeys().get(2).item().orElseThrow().subkeys().get(0);
        assertEquals(List.of("Connect", "Ignore"), action.rangelist());
        assertTrue(ikev2.subkeys().get(3).format().matcher("42").matches());
    }

    @Test
    void refusesUnknownWordsTypesAndShapes() {
        assertRefused("line 2: unknown word requird", "payload p", "A string requird");
        assertRefused("unknown schema type strin", "payload p", "A strin");
        assertRefused("line 3: bad indent", "payload p", "A dictionary", "    B string");
        assertRefused("exactly one [] line", "payload p", "A array", "  B string");
        assertRefused("exactly one [] line", "payload p", "A string", "  B string");
        assertRefused("before any", "A string");
        assertRefused("twice", "payload p", "A string", "payload p");
    }

    @Test
    void theRepositoryFactsStateEveryPayloadTypeWeEmit() {
        assertTrue(SchemaFacts.load().keySet().containsAll(List.of("TopLevel", "CommonPayloadKeys",
                "com.apple.security.root", "com.apple.security.pkcs12", "com.apple.vpn.managed")));
    }

    private static void assertRefused(String fragment, String... lines) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> SchemaFacts.parse(List.of(lines)));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
