package io.ikev2kit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run the {@code ./ikev2kit} launcher records its class-data sharing archive from: the everyday commands
 * on a throwaway site in the given directory, so every class and lambda they load is in the archive and later
 * starts skip loading and verifying them. Not a user command; secrets are throwaway files in that directory.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Path caPass = Files.writeString(dir.resolve("ca.pass"), "startup training passphrase\n");
        Path p12Pass = Files.writeString(dir.resolve("p12.pass"), "startup training p12\n");
        Path csv = Files.writeString(dir.resolve("devices.csv"), "phone-1\nphone-2,365\nlaptop-1,,legacy\n");
        String site = dir.resolve("site").toString();
        String ca = "--ca-password-file=" + caPass;
        String p12 = "--p12-password-file=" + p12Pass;
        List<List<String>> commands = List.of(
                List.of("demo", dir.resolve("demo").toString()),
                List.of("init", "--dir", site, "--host", "vpn.example.com", "--ip", "203.0.113.10", ca),
                List.of("device", "add", "--from", csv.toString(), "--dir", site, ca, p12),
                List.of("device", "add", "tablet-1", "--export", dir.resolve("one-step").toString(), "--dir", site, ca, p12),
                List.of("device", "export", "--all", "--format", "all", "--out", dir.resolve("out").toString(), "--dir", site),
                List.of("device", "list", "--dir", site),
                List.of("device", "list", "--json", "--expiring", "30", "--dir", site),
                List.of("device", "revoke", "phone-2", "--dir", site, ca),
                List.of("server", "--out", dir.resolve("server").toString(), "--dir", site),
                List.of("inspect", dir.resolve("out").resolve("phone-1").resolve("phone-1.mobileconfig").toString()),
                List.of("doctor", "--dir", site));
        for (List<String> command : commands) {
            String[] arguments = command.toArray(String[]::new);
            picocli.CommandLine cli = Main.commandLine(arguments);
            cli.setOut(new PrintWriter(Writer.nullWriter()));
            cli.setErr(new PrintWriter(Writer.nullWriter()));
            int code = cli.execute(arguments);
            if (code != 0 && !command.get(0).equals("doctor")) { // doctor exits 1 for the demo's findings
                throw new IllegalStateException("training step failed (exit " + code + "): " + command);
            }
        }
    }
}
