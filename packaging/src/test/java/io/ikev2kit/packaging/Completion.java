package io.ikev2kit.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Asks a bash completion script what it offers, the way bash does on TAB: COMP_WORDS in, COMPREPLY out. */
final class Completion {

    private Completion() {
    }

    /** The words offered for the last of {@code words} (the word being typed, "" for a fresh one). */
    static List<String> offered(Path script, String... words) {
        return offered(List.of("source " + quote(script.toString())), words);
    }

    /** As above, with {@code setup} (bash lines) run first to make the completion known. */
    static List<String> offered(List<String> setup, String... words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(quote(word));
        }
        String line = String.join(" ", words);
        String program = String.join("\n", setup) + "\n"
                + "COMP_WORDS=(" + String.join(" ", quoted) + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=" + quote(line) + "\n"
                + "COMP_POINT=" + line.length() + "\n"
                + "fn=$(complete -p " + quote(words[0]) + " | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')\n"
                + "[ -n \"$fn\" ] || { echo 'no completion for " + words[0] + "' >&2; exit 1; }\n"
                + "\"$fn\" " + quote(words[0]) + " " + quote(words[words.length - 1]) + " "
                + quote(words.length > 1 ? words[words.length - 2] : "") + "\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Run run = Run.in(null, Map.of(), List.of("bash", "--norc", "--noprofile", "-c", program)).orFail();
        return run.out().lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
