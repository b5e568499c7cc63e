package io.ikev2kit.cli.device;

import io.ikev2kit.cli.options.CaPassphraseOption;
import io.ikev2kit.cli.options.P12PasswordRule;
import io.ikev2kit.cli.options.Secrets;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.pki.DeviceIssuer.IssuedDevice;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.profiles.site.Lifecycle;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "renew", description = "Issue a new certificate and p12 for an existing device (same identity). "
        + "The old certificate stays valid until it expires; revoke it if it must stop working now.")
public final class DeviceRenewCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;
    @Option(names = "--days", paramLabel = "N", description = "Certificate lifetime (default: the site's device-days).")
    Integer days;
    @Mixin
    CaPassphraseOption caPassphrase;
    @Option(names = "--p12-password-file", paramLabel = "FILE", description = "Read the p12 password from FILE; it must have " + P12PasswordRule.RULE + ".")
    Path p12PasswordFile;
    @Option(names = "--platform", paramLabel = "P", description = "ios, macos, windows, android or any: change the "
            + "device's platform (default: keep it).")
    String platform;
    @Option(names = "--legacy-p12", description = "Also the bare .p12 and the Windows script carry the 3DES/SHA-1 form.")
    boolean legacy;

    @Override
    public Integer call() {
        DeviceName device = new DeviceName(name);
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        Secrets secrets = Secrets.fromSystem();
        Optional<Passphrase> given = secrets.newP12Password(Optional.ofNullable(p12PasswordFile));
        Passphrase p12 = given.orElseGet(Passphrase::random);
        IssuedDevice renewed = new Lifecycle(workspace).renewDevice(device, Optional.ofNullable(days),
                Optional.ofNullable(platform).map(Platform::parse), legacy ? Optional.of(P12Format.LEGACY) : Optional.empty(),
                caPassphrase.existing(workspace.site()), p12);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("renewed %s (both p12 forms, valid until %s)%n", device,
                renewed.certificate().getNotAfter().toInstant().toString().substring(0, 10));
        if (given.isEmpty()) {
            out.printf("  p12 password for %s: %s   (shown once, not stored: tell it to the device's owner)%n",
                    device, p12.reveal());
        }
        out.printf("next: ikev2kit device export %s --out DIR%n", device);
        return 0;
    }
}
