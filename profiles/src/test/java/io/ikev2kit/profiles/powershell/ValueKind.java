package io.ikev2kit.profiles.powershell;

/** How an argument was written in the script, so tests can tell {@code Ikev2} from {@code "Ikev2"} or {@code $x}. */
public enum ValueKind {
    /** A parameter with no value after it, e.g. {@code -Force}. */
    SWITCH,
    /** An unquoted word, e.g. {@code Ikev2} or {@code Cert:\LocalMachine\My}. */
    BAREWORD,
    /** A single- or double-quoted string or here-string; the value is its content, not expanded. */
    STRING,
    VARIABLE,
    NUMBER,
    /** A comma list, e.g. {@code "a","b"}. */
    ARRAY,
    HASHTABLE,
    SCRIPTBLOCK,
    /** Anything else: {@code (Get-Item x)}, {@code $a.B}, {@code @(...)}, {@code -1}. The value is the source text. */
    EXPRESSION,
    /** The rest of a line after {@code --%}. */
    VERBATIM
}
