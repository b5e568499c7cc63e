package io.ikev2kit.cli.device;

import io.ikev2kit.cli.options.CaPassphraseOption;
import io.ikev2kit.cli.options.Secrets;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.cli.options.TemplateOptions;
import io.ikev2kit.cli.output.ProgressReporter;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.P12Files;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.ClientFiles;
import io.ikev2kit.profiles.ClientFormat;
import io.ikev2kit.profiles.apple.AppleOptions;
import io.ikev2kit.profiles.apple.ProfileSigner;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Lifecycle;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", description = "Write a device's client profiles: apple (.mobileconfig), windows (.ps1 + .cmd), "
        + "android (.sswan), p12, or all; by default the files of the device's platform.",
        footer = {"", "Example:", "  ikev2kit device export alice-phone --out profiles/"})
public final class DeviceExportCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Mixin
    TemplateOptions templates;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The device.")
    String name;
    @Option(names = "--all", description = "Every device with a valid certificate, each into DIR/NAME/.")
    boolean all;
    @Option(names = "--format", description = "apple, windows, android, p12 or all (default: the device's platform's "
            + "files, all for platform any).")
    String format;
    @Option(names = "--legacy-p12", description = "The bare .p12 and the Windows script carry the 3DES/SHA-1 p12 form "
            + "(old Windows) instead of the device's default.")
    boolean legacy;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the files.")
    Path out;
    @Option(names = "--embed-password", description = "Put the p12 password into the .mobileconfig (makes the file a "
            + "credential by itself; the password comes from IKEV2KIT_P12_PASSWORD or --p12-password-file).")
    boolean embedPassword;
    @Option(names = "--p12-password-file", paramLabel = "FILE", description = "The p12 password, for --embed-password.")
    Path p12PasswordFile;
    @Option(names = "--on-demand", description = "Apple: connect automatically whenever the device is online.")
    boolean onDemand;
    @Option(names = "--sign", description = "Apple: sign the profile with the site's profile-signing certificate "
            + "(issued by the CA on first use; needs the CA passphrase then).")
    boolean sign;
    @Option(names = "--sign-cert", paramLabel = "FILE", description = "Apple: sign with this certificate chain (PEM) instead.")
    Path signCert;
    @Option(names = "--sign-key", paramLabel = "FILE", description = "The unencrypted PEM key for --sign-cert.")
    Path signKey;
    @Mixin
    CaPassphraseOption caPassphrase;
    @Option(names = "--trusted-ssid", paramLabel = "SSID", description = "Apple with --on-demand: stay off on this Wi-Fi (repeatable).")
    List<String> trustedSsids = new ArrayList<>();

    private Optional<ProfileSigner> signer(SiteWorkspace workspace) {
        if ((signCert == null) != (signKey == null)) {
            throw new UserError("--sign-cert and --sign-key go together: give both files");
        }
        if (signCert != null) {
            return Optional.of(ProfileSigner.fromPem(read(signCert), Pem.readPrivateKey(read(signKey), signKey.toString()),
                    signCert.toString()));
        }
        if (!sign) {
            return Optional.empty();
        }
        return Optional.of(new Lifecycle(workspace).profileSigner(
                () -> caPassphrase.existing(workspace.site())));
    }

    /** With --legacy-p12: the device with its legacy form as the standalone one. */
    private Device standalone(Device device) {
        if (!legacy) {
            return device;
        }
        if (device.p12().get(P12Format.LEGACY).isEmpty()) {
            throw new UserError("device '" + device.name() + "' has no legacy p12 (issued before ikev2kit issued both "
                    + "forms): run 'ikev2kit device renew " + device.name() + "' first");
        }
        return new Device(device.identity(), device.certificate(), new P12Files(P12Format.LEGACY, device.p12().files()),
                device.platform(), device.ca(), device.network());
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new UserError("cannot read " + file + ": check that it exists and is readable");
        }
    }

    @Override
    public Integer call() {
        Optional<ClientFormat> chosen = Optional.ofNullable(format).map(ClientFormat::parse);
        if (!trustedSsids.isEmpty() && !onDemand) {
            throw new UserError("--trusted-ssid only applies with --on-demand: add --on-demand or drop --trusted-ssid");
        }
        if (all == (name != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give one device NAME or --all");
        }
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        PrintWriter out = spec.commandLine().getOut();
        Optional<Passphrase> embedded = Optional.empty();
        if (embedPassword) {
            embedded = Optional.of(Secrets.fromSystem().p12Password(Optional.ofNullable(p12PasswordFile))
                    .orElseThrow(() -> new UserError("--embed-password needs the device's p12 password: set "
                            + Secrets.P12_ENV + " or pass --p12-password-file FILE")));
            spec.commandLine().getErr().println("warning: the profile now contains the p12 password: anyone who gets "
                    + "the file can use this device's identity; do not email it");
        }
        AppleOptions apple = new AppleOptions(embedded, onDemand, trustedSsids, signer(workspace));
        ClientFiles clientFiles = new ClientFiles(workspace.site(), templates.renderer());
        if (!all) {
            Device device = standalone(workspace.device(new DeviceName(name)));
            ClientFiles.oneFormNotice(List.of(device)).ifPresent(spec.commandLine().getErr()::println);
            for (Path file : clientFiles.write(device, chosen.orElse(ClientFormat.of(device.platform())), apple, this.out)) {
                out.println("wrote " + file);
            }
            return 0;
        }
        SiteWorkspace.CurrentDevices devices = workspace.currentDeviceBatches();
        ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), devices.count(), "exported");
        AtomicInteger done = new AtomicInteger();
        long[] files = {0};
        List<String> oneForm = new ArrayList<>();
        devices.forEachBatch(batch -> {
            List<Device> standalone = batch.stream().map(this::standalone).toList();
            oneForm.addAll(ClientFiles.oneFormOnly(standalone));
            files[0] += clientFiles.writeAll(standalone, chosen, apple, this.out, progress, done, devices.count());
        });
        progress.finish();
        ClientFiles.oneFormNoticeFor(oneForm).ifPresent(spec.commandLine().getErr()::println);
        out.printf("wrote %d files for %d devices into %s%n", files[0], devices.count(), this.out);
        return 0;
    }
}
