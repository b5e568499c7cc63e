package io.ikev2kit.cli.mail;

import io.ikev2kit.cli.Main;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.cli.options.TemplateOptions;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "mail", description = "Email devices their profiles over SMTP, or write .eml files to send yourself.",
        footer = {"", "The p12 password is never in the message: tell it to the owner another way.",
                "SMTP password: IKEV2KIT_SMTP_PASSWORD or --smtp-password-file (never on the command line).",
                "", "Examples:",
                "  ikev2kit mail alice-phone --to alice@example.com --smtp smtp://vpn-admin@mail.example.com",
                "  ikev2kit mail --all --to it@example.com --formats windows --eml outbox/"})
public final class MailCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Mixin
    TemplateOptions templates;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Devices to mail.")
    List<String> names = new ArrayList<>();
    @Option(names = "--all", description = "Every device with a valid certificate.")
    boolean all;
    @Option(names = "--to", required = true, paramLabel = "ADDR", description = "Recipient address.")
    String to;
    @Option(names = "--from", paramLabel = "ADDR", description = "Sender address (default: vpn@HOST).")
    String from;
    @Option(names = "--formats", paramLabel = "LIST", split = ",",
            description = "Which profiles to attach: apple, windows, android (default: each device's platform's; all "
                    + "three for platform any).")
    List<String> formats = new ArrayList<>();
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;
    @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "Read the SMTP password from FILE.")
    Path smtpPasswordFile;
    @Option(names = "--smtp-ca", paramLabel = "FILE", description = "Trust the mail server's certificate if it chains to "
            + "a CA in this PEM file (instead of the system's trust store).")
    Path smtpCa;
    @Option(names = "--resend", description = "Send again to devices already sent the same profiles.")
    boolean resend;

    static final class Target {
        @Option(names = "--smtp", paramLabel = "URI", description = "smtp://[user@]host[:port] (STARTTLS required) or smtps://...")
        String smtp;
        @Option(names = "--eml", paramLabel = "DIR", description = "Write RFC 5322 .eml files into DIR instead of sending.")
        Path eml;
    }

    @Override
    public Integer call() {
        if (all == !names.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give device names or --all (not both)");
        }
        Optional<Set<String>> chosen = formats.isEmpty() ? Optional.empty() : Optional.of(formats());
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        ProfileMails builder = new ProfileMails(workspace.site(), templates.renderer());
        String fromAddress = from != null ? from : builder.defaultSender();
        PrintWriter out = spec.commandLine().getOut();
        SiteWorkspace.CurrentDevices devices = devices(workspace); // unknown names are reported before any mail
        MailRun run = new MailRun(sender(), SentLog.in(workspace.dir()));
        DeliveryListener progress = progress(out, devices.count());
        int[] total = {0};
        List<DeliveryReport> failures = new ArrayList<>();
        // a batch of messages at a time: each one carries a device's profiles, so a whole site would not fit in memory
        devices.forEachBatch(batch -> {
            List<ProfileMail> mails = batch.stream().map(device -> chosen.map(f -> builder.mail(device, f, to, fromAddress))
                    .orElseGet(() -> builder.mail(device, to, fromAddress))).toList();
            try {
                for (DeliveryReport report : run.deliver(mails, resend, progress)) {
                    total[0]++;
                    if (!report.ok()) {
                        failures.add(report);
                    }
                }
            } catch (MailException e) {
                throw new UserError(e.getMessage(), e);
            }
        });
        int failed = failures.size();
        out.printf("%d of %d done%s%n", total[0] - failed, total[0], failed > 0 ? ", " + failed + " failed:" : "");
        // a report quotes the mail server's reply: text from the network, printed escaped
        failures.forEach(r -> out.println("  " + Visible.of(r.toString())));
        return failed > 0 ? Main.USER_ERROR : 0;
    }

    private Set<String> formats() {
        Set<String> chosen = new LinkedHashSet<>();
        for (String f : formats) {
            String format = f.trim().toLowerCase(Locale.ROOT);
            if (!ProfileMails.FORMATS.contains(format)) {
                throw new UserError("unknown format '" + f + "' for --formats: use apple, windows and/or android");
            }
            chosen.add(format);
        }
        return chosen;
    }

    private SiteWorkspace.CurrentDevices devices(SiteWorkspace workspace) {
        if (!all) {
            return workspace.namedDeviceBatches(names.stream().map(DeviceName::new).distinct().toList());
        }
        SiteWorkspace.CurrentDevices current = workspace.currentDeviceBatches();
        if (current.count() == 0) {
            throw new UserError("the site has no devices to mail: add one with 'ikev2kit device add NAME'");
        }
        return current;
    }

    private MailSender sender() {
        if (target.eml != null) {
            return new EmlWriter(target.eml);
        }
        try {
            SmtpSettings settings = SmtpSettings.parse(target.smtp);
            Optional<char[]> password = smtpPasswordFile != null ? Optional.of(SmtpPassword.fromFile(smtpPasswordFile))
                    : SmtpPassword.fromEnvironment(System.getenv());
            if (password.isPresent()) {
                settings = settings.withPassword(password.get());
            }
            return smtpCa == null ? new SmtpMailSender(settings, RetryPolicy.DEFAULT)
                    : new SmtpMailSender(settings, RetryPolicy.DEFAULT, TrustedCertificates.fromPem(smtpCa));
        } catch (MailException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private static DeliveryListener progress(PrintWriter out, int total) {
        return new DeliveryListener() {
            private int done;

            @Override
            public void finished(DeliveryReport report) {
                done++;
                out.printf("[%d/%d] %s%n", done, total, Visible.of(report.toString()));
                out.flush();
            }

            @Override
            public void retrying(ProfileMail mail, int failedAttempt, Duration delay, String reason) {
                out.printf("  %s: attempt %d failed (%s), retrying in %ds%n", mail.deviceName(), failedAttempt, Visible.of(reason),
                        delay.toSeconds());
                out.flush();
            }
        };
    }
}
