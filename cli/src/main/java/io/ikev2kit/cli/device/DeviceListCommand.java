package io.ikev2kit.cli.device;

import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.cli.output.Heartbeat;
import io.ikev2kit.cli.output.Json;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.DeviceNetwork;
import io.ikev2kit.profiles.site.DeviceNetworks;
import io.ikev2kit.profiles.site.NetworkRequest;
import io.ikev2kit.profiles.site.SiteWorkspace;
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

@Command(name = "list", description = "List the site's devices with serial, expiry, status, fixed address and the "
        + "networks each may reach (ADDRESS 'pool': none fixed; ALLOWED 'all': everything the VPN routes; JSON: null).")
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
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        List<IndexEntry> devices;
        DeviceNetworks networks;
        try (Heartbeat progress = Heartbeat.start(spec.commandLine().getErr(), "reading the index")) {
            devices = workspace.devices();
            networks = workspace.deviceNetworks();
        }
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
            // one object a line, printed as it is made: the output is never held whole, whatever the site's size
            out.print(devices.isEmpty() ? "[]" : "[");
            String separator = "\n  ";
            for (IndexEntry d : devices) {
                out.print(separator);
                out.print(Json.object("name", d.name(), "serial", d.serialHex(), "notAfter", d.notAfter().toString(),
                        "status", status(d, now), "p12", d.p12().isEmpty() ? null : forms(d), "platform", d.platform().label(),
                        "address", address(d, networks, null), "allowed", allowed(d, networks, null)));
                separator = ",\n  ";
            }
            out.println(devices.isEmpty() ? "" : "\n]");
            return 0;
        }
        if (devices.isEmpty()) {
            out.println("no devices yet: add one with 'ikev2kit device add NAME'");
            return 0;
        }
        out.println(row("NAME", "SERIAL", "NOT AFTER", "STATUS", "PLATFORM", "P12", "ADDRESS", "ALLOWED"));
        for (IndexEntry d : devices) {
            out.println(row(d.name(), d.serialHex(), d.notAfter().toString().substring(0, 10), status(d, now),
                    d.platform().label(), d.p12().isEmpty() ? "-" : forms(d), address(d, networks, "pool"),
                    allowed(d, networks, "all")));
        }
        return 0;
    }

    /**
     * The device's fixed addresses, comma-separated, or {@code none} when it has none; a revoked certificate has no
     * address (revoking frees it). In JSON: null for none.
     */
    private static String address(IndexEntry entry, DeviceNetworks networks, String none) {
        if (entry.isRevoked()) {
            return none == null ? null : "-";
        }
        DeviceNetwork network = networks.of(new DeviceName(entry.name()));
        return network.hasFixedAddress() ? String.join(",", NetworkRequest.addresses(network)) : none;
    }

    /** The blocks the device may reach, comma-separated, or {@code all} when it may reach everything (JSON: null). */
    private static String allowed(IndexEntry entry, DeviceNetworks networks, String all) {
        if (entry.isRevoked()) {
            return all == null ? null : "-";
        }
        DeviceNetwork network = networks.of(new DeviceName(entry.name()));
        return network.restricted() ? String.join(",", network.allowed().stream().map(Cidr::toString).toList()) : all;
    }

    /** The p12 forms, the standalone one first: "modern,legacy". */
    private static String forms(IndexEntry entry) {
        return String.join(",", entry.p12().stream().map(f -> f.label()).toList());
    }

    /** The table's columns, padded without a format string parsed per row. */
    private static String row(String name, String serial, String notAfter, String status, String platform, String p12,
                              String address, String allowed) {
        StringBuilder line = new StringBuilder(140);
        pad(line, name, 25);
        pad(line, serial, 35);
        pad(line, notAfter, 13);
        pad(line, status, 10);
        pad(line, platform, 9);
        pad(line, p12, 14);
        pad(line, address, 18);
        return line.append(allowed).toString();
    }

    private static void pad(StringBuilder line, String value, int width) {
        line.append(value);
        for (int i = value.length(); i < width; i++) {
            line.append(' ');
        }
        if (value.length() >= width) {
            line.append(' ');
        }
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
