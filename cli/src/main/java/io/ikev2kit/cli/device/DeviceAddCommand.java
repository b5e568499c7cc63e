package io.ikev2kit.cli.device;

import io.ikev2kit.cli.options.CaPassphraseOption;
import io.ikev2kit.cli.options.P12PasswordRule;
import io.ikev2kit.cli.options.Secrets;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.cli.options.TemplateOptions;
import io.ikev2kit.cli.output.ProgressReporter;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.profiles.ClientFiles;
import io.ikev2kit.profiles.ClientFormat;
import io.ikev2kit.profiles.apple.AppleOptions;
import io.ikev2kit.profiles.site.DeviceNetwork;
import io.ikev2kit.profiles.site.DeviceNetworks;
import io.ikev2kit.profiles.site.NetworkRequest;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.profiles.site.SiteWorkspace.DeviceRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "add", description = "Issue a certificate and a password-protected p12 for each named device.",
        footer = {"", "Without IKEV2KIT_P12_PASSWORD or --p12-password-file, each device gets a strong random p12",
                "password, printed once: give it to the device's owner by another channel than the profile.",
                "", "Examples:", "  ikev2kit device add alice-phone bob-laptop --dir mysite",
                "  ikev2kit device add printer-office --address 10.10.10.50 --allow 192.168.1.0/24",
                "  ikev2kit device add --from devices.csv --fixed"})
public final class DeviceAddCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Device names: letters, digits, '.', '-', '_'.")
    List<String> names = new ArrayList<>();
    @Option(names = "--from", paramLabel = "FILE", description = "Read devices from FILE, one per line: "
            + "name[,days][,platform][,address][,allowed] (platform also legacy or modern, as before platforms: then "
            + "'any'; address: A, 'A A6' or 'fixed'; allowed: CIDRs separated by spaces).")
    Path from;
    @Option(names = "--days", paramLabel = "N", description = "Certificate lifetime (default: the site's device-days).")
    Integer days;
    @Option(names = "--platform", paramLabel = "P", defaultValue = "any", description = "ios, macos, windows, android or "
            + "any (default): what the device's exports and mail default to. One device is one machine: the server "
            + "lets one session per device in, so a profile on two machines logs one off.")
    String platform;
    @Option(names = "--legacy-p12", description = "Also the bare .p12 and the Windows script carry the 3DES/SHA-1 form "
            + "(old Windows); the .mobileconfig and .sswan always do. Both forms are issued either way.")
    boolean legacy;
    @Mixin
    CaPassphraseOption caPassphrase;
    @Option(names = "--p12-password-file", paramLabel = "FILE", description = "Read the p12 password from FILE; it must have " + P12PasswordRule.RULE + ".")
    Path p12PasswordFile;
    @Option(names = "--export", paramLabel = "DIR", description = "Also write each new device's client files into DIR/NAME/ "
            + "(bulk onboarding in one step).")
    Path exportDir;
    @Option(names = "--format", description = "With --export: apple, windows, android, p12 or all (default: each "
            + "device's platform's files).")
    String format;
    @Mixin
    TemplateOptions templates;
    @Mixin
    NetworkOptions network;

    @Override
    public Integer call() {
        if (names.isEmpty() && from == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give device names or --from FILE");
        }
        Optional<ClientFormat> exportFormat = Optional.ofNullable(format).map(ClientFormat::parse);
        Platform chosen = Platform.parse(platform);
        NetworkRequest asked = network.request(spec, false, false);
        if (asked.address() == NetworkRequest.Address.GIVEN && (names.size() > 1 || from != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--address gives one device its "
                    + "address: add that device alone, or use --fixed (or the device list's address column)");
        }
        List<DeviceRequest> requests = new ArrayList<>(from == null ? List.of()
                : DeviceCsv.read(from, chosen, legacy, asked));
        for (String name : names) {
            DeviceRequest request = DeviceRequest.of(DeviceName.forNewDevice(name), Optional.ofNullable(days), chosen);
            requests.add((legacy ? new DeviceRequest(request.name(), request.days(), P12Format.LEGACY, chosen) : request)
                    .withNetwork(asked));
        }
        // the CA key's KDF is the slowest step of a small run: start it first, while the index is read and checked
        SiteWorkspace workspace = SiteWorkspace.open(site.dir()); // a missing or broken site is reported here
        SiteStore store = workspace.store();
        CompletableFuture<CertificateAuthority> unlocking = store.unlockInBackground(caPassphrase.existing(workspace.site()));
        Secrets secrets = Secrets.fromSystem();
        Optional<Passphrase> shared = secrets.newP12Password(Optional.ofNullable(p12PasswordFile));
        Map<DeviceName, Passphrase> generated = new ConcurrentHashMap<>();
        requests.forEach(r -> generated.put(r.name(), shared.orElseGet(Passphrase::random)));
        PrintWriter out = spec.commandLine().getOut();
        ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), requests.size(), "prepared");
        List<IndexEntry> issued = workspace.addDevices(requests, unlocking, generated::get, progress);
        progress.finish();
        DeviceNetworks networks = workspace.deviceNetworks();
        for (IndexEntry device : issued) {
            out.printf("issued %s (modern and legacy p12, valid until %s) -> %s%n", device.name(),
                    device.notAfter().toString().substring(0, 10),
                    site.dir().relativize(workspace.store().p12File(device.serial())));
            DeviceNetwork deviceNetwork = networks.of(new DeviceName(device.name()));
            if (!deviceNetwork.isDefault()) {
                out.printf("  %s%n", NetworkRequest.describe(deviceNetwork));
            }
            if (shared.isEmpty()) {
                Passphrase password = generated.get(new DeviceName(device.name()));
                out.printf("  p12 password for %s: %s   (shown once, not stored: tell it to the device's owner)%n",
                        device.name(), password.reveal());
            }
        }
        // a device with its own connection (a fixed address or a restriction, or any device of a site that
        // restricts one: it has no generic connection) cannot connect before the server has that connection
        boolean restrictedSite = networks.all().stream().anyMatch(DeviceNetwork::restricted);
        if (restrictedSite || issued.stream().anyMatch(d -> !networks.of(new DeviceName(d.name())).isDefault())) {
            out.printf("server: these devices connect once the server has their own connection%s: ikev2kit server "
                    + "--out DIR, then on the server ./install.sh%n",
                    restrictedSite ? " (a site that restricts a device has one per device)" : "");
        }
        if (exportDir == null) {
            out.printf("next: ikev2kit device export NAME --out DIR (the files of its platform)%n");
            return 0;
        }
        export(workspace, issued, exportFormat, out);
        return 0;
    }

    /** Writes the new devices' client files, read back from the store a batch at a time, on all cores. */
    private void export(SiteWorkspace workspace, List<IndexEntry> issued, Optional<ClientFormat> exportFormat,
                        PrintWriter out) {
        ClientFiles clientFiles = new ClientFiles(workspace.site(), templates.renderer());
        ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), issued.size(), "exported");
        AtomicInteger done = new AtomicInteger();
        long[] files = {0};
        workspace.deviceBatches(issued).forEachBatch(batch -> files[0] += clientFiles.writeAll(batch, exportFormat,
                AppleOptions.defaults(), exportDir, progress, done, issued.size()));
        progress.finish();
        out.printf("wrote %d files for %d devices into %s%n", files[0], issued.size(), exportDir);
    }
}
