package io.ikev2kit.pki;

/** A device's name: it becomes part of file names and of the certificate identity, so it is kept strict. */
public record DeviceName(String value) implements Comparable<DeviceName> {
    public static final int MAX_LENGTH = 48;

    public DeviceName {
        if (value == null || value.isEmpty()) {
            throw new UserError("a device name is empty: use letters, digits, '.', '-' or '_', e.g. alice-phone");
        }
        if (value.length() > MAX_LENGTH) {
            throw new UserError("device name '" + Visible.ascii(value.substring(0, 20)) + "...' is longer than "
                    + MAX_LENGTH + " characters: choose a shorter name");
        }
        if (!allowed(value)) {
            throw new UserError("device name '" + Visible.ascii(value) + "' is not allowed: use only ASCII letters, digits, "
                    + "'.', '-' and '_', starting with a letter or digit (e.g. alice-phone)");
        }
    }

    /**
     * An ASCII letter or digit, then letters, digits, '.', '-' and '_', with no "..". A loop rather than a
     * regular expression: every command checks every name in the index, and on a cold JVM the regex engine
     * made that a visible part of a command's time in a large site.
     */
    static boolean allowed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean letterOrDigit = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && (i == 0 || (c != '.' && c != '-' && c != '_'))) {
                return false;
            }
        }
        return !value.isEmpty() && !value.contains("..");
    }


    // Written out: a record's own equals and hashCode are linked through method handles on first use, which
    // costs a cold JVM 10-50 ms, and every 'device add' hashes names.
    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceName name && value.equals(name.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
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
