package io.ikev2kit.profiles.powershell;

/**
 * A place where the grammar could not parse the script: an ERROR node (unexpected text) or a MISSING node
 * (a token the grammar had to invent, such as a closing brace). Line and column are 1-based; the column counts
 * UTF-16 code units, as Java strings do.
 */
public record SyntaxError(int line, int column, String kind, String text) {

    @Override
    public String toString() {
        return line + ":" + column + " " + kind + " " + text;
    }
}
