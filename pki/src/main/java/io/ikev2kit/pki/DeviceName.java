package io.ikev2kit.pki;

import java.util.regex.Pattern;

/** A device's name: it becomes part of file names and of the certificate identity, so it is kept strict. */
public record DeviceName(String value) implements Comparable<DeviceName> {
    public static final int MAX_LENGTH = 48;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public DeviceName {
        if (value == null || value.isEmpty()) {
            throw new UserError("a device name is empty: use letters, digits, '.', '-' or '_', e.g. alice-phone");
        }
        if (value.length() > MAX_LENGTH) {
            throw new UserError("device name '" + printable(value.substring(0, 20)) + "...' is longer than "
                    + MAX_LENGTH + " characters: choose a shorter name");
        }
        if (!ALLOWED.matcher(value).matches() || value.contains("..")) {
            throw new UserError("device name '" + printable(value) + "' is not allowed: use only ASCII letters, digits, "
                    + "'.', '-' and '_', starting with a letter or digit (e.g. alice-phone)");
        }
    }

    /** Control characters and look-alikes are shown escaped so the message itself cannot mislead. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }

    @Override
    public int compareTo(DeviceName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
