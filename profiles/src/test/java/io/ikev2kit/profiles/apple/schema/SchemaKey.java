package io.ikev2kit.profiles.apple.schema;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One key of our statement of Apple's schema (see {@link SchemaFacts}), reduced to what can be checked.
 *
 * @param rangelist allowed values, integers as {@link Long} and strings as {@link String}; empty when any value goes
 * @param min       inclusive lower bound, or null
 * @param max       inclusive upper bound, or null
 * @param format    regular expression a string must match, or null
 * @param subkeys   a dictionary's keys; for an array, a single entry describing every item
 */
public record SchemaKey(String name, SchemaType type, boolean required, List<Object> rangelist, Long min, Long max,
                        Pattern format, List<SchemaKey> subkeys) {

    /** A key named * stands for keys of any name, as in TopLevel's ConsentText and PayloadContent items. */
    static final String WILDCARD = "*";

    public SchemaKey {
        rangelist = List.copyOf(rangelist);
        subkeys = List.copyOf(subkeys);
    }

    /** The entry for a key of this name among {@code keys}: an exact match, else the wildcard if there is one. */
    static Optional<SchemaKey> find(List<SchemaKey> keys, String key) {
        return keys.stream().filter(k -> k.name().equals(key)).findFirst()
                .or(() -> keys.stream().filter(SchemaKey::isWildcard).findFirst());
    }

    /** What every item of this array must look like. */
    Optional<SchemaKey> item() {
        return type == SchemaType.ARRAY && subkeys.size() == 1 ? Optional.of(subkeys.get(0)) : Optional.empty();
    }

    boolean isWildcard() {
        return name.equals(WILDCARD);
    }

    SchemaKey optional() {
        return new SchemaKey(name, type, false, rangelist, min, max, format, subkeys);
    }
}
