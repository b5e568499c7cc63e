package io.ikev2kit.cli;

import io.ikev2kit.pki.IndexEntry;
import io.ikev2kit.profiles.SiteWorkspace;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the site's devices with serial, expiry and status.")
public final class DeviceListCommand implements Callable<Integer> {
    static final int EXPIRING_DAYS = 30;

    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;
    @Option(names = "--expiring", paramLabel = "DAYS", description = "Only devices whose certificate ends within DAYS "
            + "(revoked ones left out).")
    Integer expiring;

    @Override
    public Integer call() {
        List<IndexEntry> devices = SiteWorkspace.open(site.dir()).devices();
        PrintWriter out = spec.commandLine().getOut();
        Instant now = Instant.now();
        if (expiring != null) {
            if (expiring < 0) {
                throw new io.ikev2kit.pki.UserError("--expiring takes a number of days, 0 or more");
            }
            Instant limit = now.plus(expiring, ChronoUnit.DAYS);
            devices = devices.stream().filter(d -> !d.isRevoked() && d.notAfter().isBefore(limit)).toList();
        }
        if (json) {
            out.println(Json.array(devices.stream().map(d -> Json.object(
                    "name", d.name(), "serial", d.serialHex(), "notAfter", d.notAfter().toString(),
                    "status", status(d, now), "p12", d.p12().isEmpty() ? null : forms(d), "platform", d.platform().label()))
                    .toList()));
            return 0;
        }
        if (devices.isEmpty()) {
            out.println("no devices yet: add one with 'ikev2kit device add NAME'");
            return 0;
        }
        String format = "%-24s %-34s %-12s %-9s %-8s %s%n";
        out.printf(format, "NAME", "SERIAL", "NOT AFTER", "STATUS", "PLATFORM", "P12");
        for (IndexEntry d : devices) {
            out.printf(format, d.name(), d.serialHex(), d.notAfter().toString().substring(0, 10), status(d, now),
                    d.platform().label(), d.p12().isEmpty() ? "-" : forms(d));
        }
        return 0;
    }

    /** The p12 forms, the standalone one first: "modern,legacy". */
    private static String forms(IndexEntry entry) {
        return String.join(",", entry.p12().stream().map(f -> f.label()).toList());
    }

    static String status(IndexEntry entry, Instant now) {
        if (entry.isRevoked()) {
            return "revoked";
        }
        if (entry.notAfter().isBefore(now)) {
            return "expired";
        }
        if (entry.notAfter().isBefore(now.plus(EXPIRING_DAYS, ChronoUnit.DAYS))) {
            return "expiring";
        }
        return entry.status().name().toLowerCase(Locale.ROOT);
    }
}
