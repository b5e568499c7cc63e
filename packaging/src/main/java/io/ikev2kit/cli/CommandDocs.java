package io.ikev2kit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages (AsciiDoc, one per command; the build turns them into troff) and the bash and zsh completion
 * scripts from the picocli model of the command tree, so they list exactly the commands and options the jar has.
 * It lives in the cli package to reach {@link Main#commandLine}, the tree the jar itself parses with.
 */
public final class CommandDocs {

    private CommandDocs() {
    }

    /** {@code args[0]}: output folder; gets {@code adoc/}, {@code bash/ikev2kit} and {@code zsh/_ikev2kit}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        CommandLine tree = Main.commandLine(new String[0]);
        Path adoc = Files.createDirectories(out.resolve("adoc"));
        int status = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true,
                tree.getCommandSpec());
        if (status != 0) {
            throw new IllegalStateException("picocli's ManPageGenerator failed with status " + status);
        }
        addSections(adoc, commandNames());
        // a completion script is sourced, never run: no #! line (Debian's lintian: bash-completion-with-hashbang)
        String bash = AutoComplete.bash("ikev2kit", tree).replaceFirst("\\A#!.*\n", "");
        Files.writeString(Files.createDirectories(out.resolve("bash")).resolve("ikev2kit"), bash,
                StandardCharsets.UTF_8);
        Files.writeString(Files.createDirectories(out.resolve("zsh")).resolve("_ikev2kit"), zsh(bash),
                StandardCharsets.UTF_8);
    }

    /**
     * Sections picocli's pages lack: the main page gets exit status, environment and files (man-sections.adoc) and
     * a SEE ALSO naming every command's page; each command's page points back to the main page and to its parent.
     */
    static void addSections(Path adoc, List<String> names) throws IOException {
        String shared;
        try (var in = CommandDocs.class.getResourceAsStream("/man-sections.adoc")) {
            shared = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String name : names) {
            List<String> related = new ArrayList<>();
            if (name.equals("ikev2kit")) {
                names.stream().filter(n -> !n.equals(name)).forEach(related::add);
            } else {
                related.add(name.substring(0, name.lastIndexOf(' ')));
                if (!related.contains("ikev2kit")) {
                    related.add(0, "ikev2kit");
                }
            }
            String seeAlso = "\n== See also\n\n" + String.join(", ", related.stream()
                    .map(n -> "*" + n.replace(' ', '-') + "*(1)").toList()) + "\n";
            Path page = adoc.resolve(name.replace(' ', '-') + ".adoc");
            Files.writeString(page, Files.readString(page) + "\n" + (name.equals("ikev2kit") ? shared : "")
                    + seeAlso, StandardCharsets.UTF_8);
        }
    }

    /** Every command's full name, {@code ikev2kit device add} and so on: one man page each. */
    public static List<String> commandNames() {
        List<String> names = new ArrayList<>();
        collect(Main.commandLine(new String[0]), names);
        return names.stream().distinct().toList();
    }

    private static void collect(CommandLine command, List<String> names) {
        names.add(command.getCommandSpec().qualifiedName());
        command.getSubcommands().values().forEach(sub -> collect(sub, names));
    }

    /**
     * The same script as a zsh completion function file: picocli's script runs under zsh through bashcompinit;
     * compinit autoloads a file of {@code fpath} named {@code _ikev2kit} on the first TAB, so the file defines the
     * completion and then answers that first TAB itself. zsh parses an autoloaded file whole before running it, so
     * picocli's {@code alias compopt=complete} would come too late for the functions; and its
     * {@code setopt COMPLETE_ALIASES} would change the user's shell. Both go; a no-op compopt stands in (bash's
     * compopt has no zsh meaning).
     */
    static String zsh(String bash) {
        String body = bash;
        for (String line : List.of("  setopt COMPLETE_ALIASES\n", "  alias compopt=complete\n")) {
            if (!body.contains(line)) {
                throw new IllegalStateException("picocli's completion script no longer has: " + line.trim());
            }
            body = body.replace(line, "");
        }
        return "#compdef ikev2kit\ncompopt() { return 0; }\n" + body
                + "\n_bash_complete -F _complete_ikev2kit -o default\n";
    }
}
