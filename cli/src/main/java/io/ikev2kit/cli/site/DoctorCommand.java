package io.ikev2kit.cli.site;

import io.ikev2kit.cli.Main;
import io.ikev2kit.cli.options.Secrets;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.cli.output.Heartbeat;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Visible;
import io.ikev2kit.profiles.site.Finding;
import io.ikev2kit.profiles.site.SiteDoctor;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "doctor", description = "Check the site for the problems that make clients fail. Exit 1 if any error is found.")
public final class DoctorCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", paramLabel = "DIR", description = "Also check that the server bundle in DIR is current.")
    Path bundle;
    @Option(names = "--ca-pin-file", paramLabel = "FILE", description = "On a token site: read the token PIN from FILE "
            + "(otherwise IKEV2KIT_CA_PIN, or a prompt on a terminal) to check the CA key in the token.")
    Path pinFile;

    @Override
    public Integer call() {
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        Optional<Passphrase> pin = Optional.empty();
        if (workspace.site().caToken().isPresent()) {
            Secrets secrets = Secrets.fromSystem();
            pin = secrets.caPinIfGiven(Optional.ofNullable(pinFile));
            if (pin.isEmpty() && System.console() != null) {
                pin = Optional.of(secrets.caPin(Optional.empty()));
            }
        }
        List<Finding> findings;
        try (Heartbeat progress = Heartbeat.start(spec.commandLine().getErr(), "checking the site")) {
            findings = new SiteDoctor(workspace, Instant.now()).examine(Optional.ofNullable(bundle), pin);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (findings.isEmpty()) {
            out.println("no problems found in " + workspace.dir());
            return 0;
        }
        for (Finding f : findings) {
            // findings quote what the site and the bundle hold: files someone else may have written
            out.println(f.severity().name().toLowerCase(Locale.ROOT) + ": " + Visible.of(f.what()));
            out.println("  why: " + Visible.of(f.why()));
            out.println("  fix: " + Visible.of(f.fix()));
        }
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        out.printf("%d error%s, %d warning%s%n", errors, errors == 1 ? "" : "s", findings.size() - errors,
                findings.size() - errors == 1 ? "" : "s");
        return errors > 0 ? Main.USER_ERROR : 0;
    }
}
