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
     * A name for a device about to be issued: also one that Windows can save a file under. Kept apart from the
     * constructor so that a site whose index already holds such a name (issued before this rule) still reads.
     */
    public static DeviceName forNewDevice(String value) {
        DeviceName name = new DeviceName(value);
        name.checkUsableForNewDevice();
        return name;
    }

    /** Throws unless Windows can save this device's files under its name; see {@link #forNewDevice}. */
    public void checkUsableForNewDevice() {
        if (reservedOnWindows(value)) {
            throw new UserError("device name '" + value + "' is reserved on Windows (CON, PRN, AUX, NUL, COM0-9, LPT0-9, "
                    + "alone or before a '.'), which cannot save its profile under that name: choose another name");
        }
        if (value.endsWith(".")) {
            throw new UserError("device name '" + value + "' ends with '.', which Windows drops from file names: "
                    + "choose another name");
        }
    }

    /**
     * An ASCII letter or digit, then letters, digits, '.', '-' and '_', with no "..": what every stored name
     * satisfies. A loop rather than a regular expression: every command checks every name in the index, and on a
     * cold JVM the regex engine made that a visible part of a command's time in a large site.
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

    /**
     * CON, PRN, AUX, NUL, COM0-COM9 and LPT0-LPT9 in any case, alone or followed by an extension ("nul.txt"):
     * Windows opens the device instead of a file of that name. Source: Microsoft, "Naming Files, Paths, and
     * Namespaces" (learn.microsoft.com/windows/win32/fileio/naming-a-file), which lists these names (COM0 and
     * LPT0 only since 2022) and says "NUL.txt and NUL.tar.gz are both equivalent to NUL".
     */
    static boolean reservedOnWindows(String value) {
        int dot = value.indexOf('.');
        String base = (dot < 0 ? value : value.substring(0, dot)).toUpperCase(java.util.Locale.ROOT);
        return switch (base.length()) {
            case 3 -> base.equals("CON") || base.equals("PRN") || base.equals("AUX") || base.equals("NUL");
            case 4 -> (base.startsWith("COM") || base.startsWith("LPT")) && base.charAt(3) >= '0' && base.charAt(3) <= '9';
            default -> false;
        };
    }

    /** The name as Windows and macOS compare file names by default: devices differing only in case would collide. */
    public String caseFolded() {
        return value.toLowerCase(java.util.Locale.ROOT);
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
