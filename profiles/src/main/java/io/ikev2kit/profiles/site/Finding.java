package io.ikev2kit.profiles.site;

/**
 * One problem {@code doctor} found: what is wrong, which client it breaks and how, and the command that fixes it.
 */
public record Finding(Severity severity, String what, String why, String fix) {
    public enum Severity { ERROR, WARNING }

    public static Finding error(String what, String why, String fix) {
        return new Finding(Severity.ERROR, what, why, fix);
    }

    public static Finding warning(String what, String why, String fix) {
        return new Finding(Severity.WARNING, what, why, fix);
    }
}
