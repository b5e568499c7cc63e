package io.ikev2kit.profiles.windows;

/** PowerShell source text for values the builders put into scripts. */
final class PowerShell {
    private PowerShell() {
    }

    /**
     * A single-quoted literal: nothing inside is expanded. PowerShell also ends such strings at the typographic
     * quotes U+2018..U+201B, so those are doubled like the ASCII one.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c);
            if (c == '\'' || (c >= '\u2018' && c <= '\u201B')) {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
