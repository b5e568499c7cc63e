package io.ikev2kit.profiles.windows;

/**
 * One argument of a Windows native program's command line, quoted so that the C runtime's argument parser gives
 * it back unchanged as exactly one argument (Microsoft, "Parsing C command-line arguments"). Windows PowerShell
 * 5.1 does not escape embedded quotes when it calls a native program, so a script passes this text verbatim
 * (Start-Process -ArgumentList) instead of letting PowerShell build the command line.
 */
public final class WindowsArgument {
    private WindowsArgument() {
    }

    /**
     * The value in double quotes: a quote becomes {@code \"}, backslashes before a quote or the closing quote are
     * doubled, other backslashes stay as they are.
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        int backslashes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                out.append("\\".repeat(2 * backslashes + 1));
            } else {
                out.append("\\".repeat(backslashes));
            }
            backslashes = 0;
            out.append(c);
        }
        return out.append("\\".repeat(2 * backslashes)).append('"').toString();
    }
}
