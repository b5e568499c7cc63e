package io.ikev2kit.profiles.apple.schema;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.util.Arrays;

/**
 * The value types of Apple's schema, named in apple-schema.txt {@code string}, {@code integer}, ... and shown as Apple
 * writes them, {@code <string>}, {@code <integer>}, ...
 */
public enum SchemaType {
    STRING("<string>"),
    INTEGER("<integer>"),
    BOOLEAN("<boolean>"),
    REAL("<real>"),
    DATA("<data>"),
    DATE("<date>"),
    DICTIONARY("<dictionary>"),
    ARRAY("<array>"),
    ANY("<any>");

    private final String shown;

    SchemaType(String shown) {
        this.shown = shown;
    }

    static SchemaType named(String name) {
        return Arrays.stream(values()).filter(t -> t.shown.equals("<" + name + ">")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown schema type " + name));
    }

    /** The schema type a plist value has; {@code <boolean>} and {@code <integer>} are told apart as plist XML does. */
    static String nameOf(NSObject value) {
        return Arrays.stream(values()).filter(t -> t != ANY && t.accepts(value)).findFirst()
                .map(t -> t.shown).orElse(value.getClass().getSimpleName());
    }

    boolean accepts(NSObject value) {
        return switch (this) {
            case STRING -> value instanceof NSString;
            case INTEGER -> value instanceof NSNumber n && n.isInteger();
            case BOOLEAN -> value instanceof NSNumber n && n.isBoolean();
            // <integer> where <real> is asked for is still a number to CFNumber; Apple's own tools write either.
            case REAL -> value instanceof NSNumber n && !n.isBoolean();
            case DATA -> value instanceof NSData;
            case DATE -> value instanceof NSDate;
            case DICTIONARY -> value instanceof NSDictionary;
            case ARRAY -> value instanceof NSArray;
            case ANY -> true;
        };
    }

    @Override
    public String toString() {
        return shown;
    }
}
