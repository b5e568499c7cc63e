package io.ikev2kit.profiles.apple.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code key:} entry of an Apple schema file, reduced to what can be checked. {@code title}, {@code content},
 * {@code default}, {@code supportedOS} and {@code subkeytype} are documentation and are not kept.
 *
 * @param rangelist allowed values, integers as {@link Long} and strings as {@link String}; empty when any value goes
 * @param min       inclusive lower bound from {@code range}, or null
 * @param max       inclusive upper bound from {@code range}, or null
 * @param format    regular expression a string must match, or null
 * @param minItems  for an array item: {@code repetition.min}, the fewest items the array may hold, or null
 * @param maxItems  for an array item: {@code repetition.max}, or null
 * @param subkeys   a dictionary's keys; for an array, a single entry describing every item
 */
public record SchemaKey(String name, SchemaType type, boolean required, List<Object> rangelist, Long min, Long max,
                        Pattern format, Long minItems, Long maxItems, List<SchemaKey> subkeys) {

    /** A subkey named ANY stands for keys of any name, as in TopLevel's ConsentText and PayloadContentItem. */
    static final String WILDCARD = "ANY";

    public SchemaKey {
        rangelist = List.copyOf(rangelist);
        subkeys = List.copyOf(subkeys);
    }

    @SuppressWarnings("unchecked")
    static SchemaKey fromYaml(Map<String, Object> yaml) {
        String name = (String) yaml.get("key");
        SchemaType type = SchemaType.fromYaml((String) yaml.get("type"));
        Map<String, Object> range = (Map<String, Object>) yaml.getOrDefault("range", Map.of());
        Map<String, Object> repetition = (Map<String, Object>) yaml.getOrDefault("repetition", Map.of());
        String format = (String) yaml.get("format");
        List<SchemaKey> subkeys = listFromYaml((List<Map<String, Object>>) yaml.getOrDefault("subkeys", List.of()));
        // TopLevel's ConsentText nests its language keys under a ConsentTextItem level that real profiles don't have.
        if (type == SchemaType.DICTIONARY && subkeys.size() == 1 && subkeys.get(0).name().equals(name + "Item")) {
            subkeys = subkeys.get(0).subkeys();
        }
        return new SchemaKey(name, type, "required".equals(yaml.get("presence")),
                ((List<Object>) yaml.getOrDefault("rangelist", List.of())).stream().map(SchemaKey::normalise).toList(),
                asLong(range.get("min")), asLong(range.get("max")),
                format == null ? null : Pattern.compile(format),
                asLong(repetition.get("min")), asLong(repetition.get("max")), subkeys);
    }

    static List<SchemaKey> listFromYaml(List<Map<String, Object>> yaml) {
        return yaml.stream().map(SchemaKey::fromYaml).toList();
    }

    /** Integers as Long, so that rangelist membership compares a plist integer with YAML's 20 by value and type. */
    static Object normalise(Object value) {
        return value instanceof Integer i ? Long.valueOf(i) : value;
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** The entry for a key of this name among {@code keys}: an exact match, else the ANY wildcard if there is one. */
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
        return new SchemaKey(name, type, false, rangelist, min, max, format, minItems, maxItems, subkeys);
    }
}
