package io.ikev2kit.profiles.apple.schema;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks plist values against schema keys, recursing into dictionaries and array items; collects violations. */
final class SchemaWalk {

    private final List<Violation> violations = new ArrayList<>();

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    void add(String path, String message) {
        violations.add(new Violation(path, message));
    }

    /** Every key known, every required key present; a required key inside an absent dictionary is never asked for. */
    void dictionary(List<SchemaKey> keys, NSDictionary dict, String path) {
        for (SchemaKey key : keys) {
            if (key.required() && !key.isWildcard() && !dict.containsKey(key.name())) {
                add(join(path, key.name()), "required key is missing");
            }
        }
        for (Map.Entry<String, NSObject> entry : dict.entrySet()) {
            String keyPath = join(path, entry.getKey());
            SchemaKey.find(keys, entry.getKey()).ifPresentOrElse(
                    key -> value(key, entry.getValue(), keyPath),
                    () -> add(keyPath, "unknown key, not in Apple's schema" + suggestion(keys, entry.getKey())));
        }
    }

    /** Type first; rangelist, range, format and contents only for a value of the right type. */
    void value(SchemaKey key, NSObject value, String path) {
        if (!key.type().accepts(value)) {
            add(path, "expected " + key.type() + " but found " + SchemaType.nameOf(value));
            return;
        }
        Object plain = plain(value);
        if (!key.rangelist().isEmpty() && !key.rangelist().contains(plain)) {
            add(path, quote(plain) + " is not one of Apple's allowed values " + key.rangelist());
        }
        if (key.min() != null && plain instanceof Number n && n.doubleValue() < key.min()) {
            add(path, plain + " is below the minimum " + key.min());
        }
        if (key.max() != null && plain instanceof Number n && n.doubleValue() > key.max()) {
            add(path, plain + " is above the maximum " + key.max());
        }
        if (key.format() != null && plain instanceof String s && !key.format().matcher(s).matches()) {
            add(path, quote(s) + " does not match the format " + key.format());
        }
        if (value instanceof NSDictionary dict && !key.subkeys().isEmpty()) {
            dictionary(key.subkeys(), dict, path);
        }
        if (value instanceof NSArray array) {
            key.item().ifPresent(item -> items(item, array, path));
        }
    }

    private void items(SchemaKey item, NSArray array, String path) {
        for (int i = 0; i < array.count(); i++) {
            value(item, array.objectAtIndex(i), path + "[" + i + "]");
        }
    }

    /** A plist scalar as a Java value comparable with a rangelist entry: Long, Double, Boolean or String. */
    static Object plain(NSObject value) {
        if (value instanceof NSNumber n) {
            return n.isBoolean() ? (Object) n.boolValue() : n.isInteger() ? (Object) n.longValue() : n.doubleValue();
        }
        return value instanceof NSString s ? s.getContent() : null;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String suggestion(List<SchemaKey> keys, String unknown) {
        return keys.stream().map(SchemaKey::name).filter(name -> name.equalsIgnoreCase(unknown)).findFirst()
                .map(name -> "; did you mean " + name + "?").orElse("");
    }
}
