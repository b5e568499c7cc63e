package io.ikev2kit.profiles.powershell;

import java.util.List;
import java.util.Optional;

/**
 * What the PowerShell grammar read from one script: syntax errors, every command call (also those nested in
 * functions, blocks and pipelines), function names and the script's own {@code param(...)} block.
 *
 * @param path        the file, for results of {@link PowerShellGrammar#parseAll}; null otherwise
 * @param bom         whether the file starts with a UTF-8 byte order mark (Windows PowerShell 5.1 needs one to
 *                    read non-ASCII text as UTF-8)
 * @param lineEndings {@code crlf}, {@code lf}, {@code mixed} or {@code none}
 */
public record PowerShellParse(String path, boolean bom, String lineEndings, List<SyntaxError> errors,
                              List<CommandCall> commands, List<String> functions, List<ScriptParameter> params) {

    public PowerShellParse {
        errors = List.copyOf(errors);
        commands = List.copyOf(commands);
        functions = List.copyOf(functions);
        params = List.copyOf(params);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Calls of the named command, in source order; the name compares case-insensitively. */
    public List<CommandCall> commands(String name) {
        return commands.stream().filter(c -> c.name().equalsIgnoreCase(name)).toList();
    }

    /** The one call of the named command; fails, listing the commands found, when there are none or several. */
    public CommandCall command(String name) {
        List<CommandCall> calls = commands(name);
        if (calls.size() != 1) {
            throw new AssertionError("expected one call of " + name + ", found " + calls.size() + ": "
                    + (calls.isEmpty() ? commands.stream().map(CommandCall::name).distinct().toList() : calls));
        }
        return calls.get(0);
    }

    public Optional<ScriptParameter> param(String name) {
        return params.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
