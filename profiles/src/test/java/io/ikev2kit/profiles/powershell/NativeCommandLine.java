package io.ikev2kit.profiles.powershell;

import java.util.ArrayList;
import java.util.List;

/**
 * How a Windows C/C++ program (rasdial.exe among them) splits its command line into arguments, following
 * Microsoft's "Parsing C command-line arguments" (learn.microsoft.com/cpp/c-language/parsing-c-command-line-arguments):
 * white space separates arguments outside double quotes; 2n backslashes before a quote give n backslashes and the
 * quote toggles quoting; 2n+1 backslashes before a quote give n backslashes and a literal quote; other backslashes
 * are literal; inside quotes, "" gives a literal quote.
 */
public final class NativeCommandLine {
    private NativeCommandLine() {
    }

    public static List<String> split(String commandLine) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        boolean quoted = false;
        int i = 0;
        while (i < commandLine.length()) {
            char c = commandLine.charAt(i);
            if (!quoted && (c == ' ' || c == '\t')) {
                if (inArgument) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
                i++;
                continue;
            }
            inArgument = true;
            if (c == '\\') {
                int start = i;
                while (i < commandLine.length() && commandLine.charAt(i) == '\\') {
                    i++;
                }
                int count = i - start;
                if (i < commandLine.length() && commandLine.charAt(i) == '"') {
                    current.append("\\".repeat(count / 2));
                    if (count % 2 == 1) {
                        current.append('"');
                        i++;
                    }
                } else {
                    current.append("\\".repeat(count));
                }
                continue;
            }
            if (c == '"') {
                if (quoted && i + 1 < commandLine.length() && commandLine.charAt(i + 1) == '"') {
                    current.append('"');
                    i += 2;
                    continue;
                }
                quoted = !quoted;
                i++;
                continue;
            }
            current.append(c);
            i++;
        }
        if (inArgument) {
            args.add(current.toString());
        }
        return args;
    }
}
