package io.ikev2kit.cli;

import io.ikev2kit.cli.device.DeviceCommand;
import io.ikev2kit.cli.mail.MailCommand;
import io.ikev2kit.cli.server.CrlCommand;
import io.ikev2kit.cli.server.ServerCommand;
import io.ikev2kit.cli.site.BackupCommand;
import io.ikev2kit.cli.site.DoctorCommand;
import io.ikev2kit.cli.site.InitCommand;
import io.ikev2kit.cli.site.InspectCommand;
import io.ikev2kit.cli.site.RestoreCommand;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
import io.ikev2kit.templates.TemplateFailure;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The ikev2kit command: maps user errors to exit 1 with one line, usage errors to exit 2. Messages quote what
 * the user gave, so each is printed through {@link Visible}: one line, no terminal control.
 */
@Command(name = "ikev2kit", mixinStandardHelpOptions = true, version = "ikev2kit 0.1.0",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Your own IKEv2 VPN: a strongSwan server and one-tap client profiles for every device.")
public final class Main implements Runnable {
    public static final int USER_ERROR = 1;
    public static final int USAGE_ERROR = 2;

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(InitCommand.class, DeviceCommand.class, ServerCommand.class,
            CrlCommand.class, BackupCommand.class, RestoreCommand.class, DoctorCommand.class, InspectCommand.class,
            MailCommand.class, DemoCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The tree with only the subcommand that {@code args} start with: picocli builds every command's model by
     * reflection before parsing, which for all of them is a tenth of a second of each run. Arguments that name
     * no subcommand (a typo, none) or 'help' get the whole tree, so usage and suggestions are unchanged.
     */
    static CommandLine commandLine(String[] args) {
        for (Class<?> command : COMMANDS) {
            if (args.length > 0 && command != CommandLine.HelpCommand.class
                    && command.getAnnotation(Command.class).name().equals(args[0])) {
                return build(List.of(command));
            }
        }
        return build(COMMANDS);
    }

    private static CommandLine build(List<Class<?>> commands) {
        CommandLine cli = new CommandLine(new Main());
        commands.forEach(cli::addSubcommand);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler(Main::usage);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        boolean verbose = parseResult.originalArgs().contains("--verbose");
        if (e instanceof UserError || e instanceof TemplateFailure) {
            err.println("error: " + Visible.of(e.getMessage()));
            if (verbose) {
                e.printStackTrace(err);
            }
            return USER_ERROR;
        }
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("internal error: " + Visible.of(e.toString()) + " (run again with --verbose for details, and please report it)");
        }
        err.flush();
        return 70;
    }

    private static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("error: " + Visible.of(e.getMessage()));
        cli.getErr().println("try '" + cli.getCommandSpec().qualifiedName() + " --help'");
        return USAGE_ERROR;
    }
}
