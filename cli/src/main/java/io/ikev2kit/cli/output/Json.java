package io.ikev2kit.cli.output;

/** The little JSON the CLI prints for scripts; values are strings or null. */
public final class Json {
    private Json() {
    }

    public static String object(String... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(string(keysAndValues[i])).append(": ")
                    .append(keysAndValues[i + 1] == null ? "null" : string(keysAndValues[i + 1]));
        }
        return out.append('}').toString();
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
