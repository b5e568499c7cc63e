package io.ikev2kit.cli.device;

import io.ikev2kit.cli.options.CaPassphraseOption;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.pki.CertificateAuthority.Reason;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.profiles.site.Lifecycle;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "revoke", description = "Revoke devices' certificates and sign a new CRL.",
        footer = {"", "Then push the CRL to the server: ikev2kit server --out DIR, and there ./install.sh --crl-only",
                "", "Examples:", "  ikev2kit device revoke alice-phone --reason keyCompromise --dir mysite",
                "  ikev2kit device revoke --from leavers.txt --reason cessationOfOperation --dir mysite"})
public final class DeviceRevokeCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The devices to revoke.")
    List<String> names = new ArrayList<>();
    @Option(names = "--from", paramLabel = "FILE", description = "Also revoke the devices named in FILE, one per line "
            + "(# starts a comment): one CRL for all of them.")
    Path from;
    @Option(names = "--reason", defaultValue = "unspecified", description = "keyCompromise, superseded, "
            + "cessationOfOperation, affiliationChanged, privilegeWithdrawn or unspecified (default).")
    String reason;
    @Mixin
    CaPassphraseOption caPassphrase;

    @Override
    public Integer call() {
        if (names.isEmpty() && from == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give device names or --from FILE");
        }
        Reason why = Reason.parse(reason);
        List<DeviceName> devices = new ArrayList<>();
        if (from != null) {
            devices.addAll(read(from));
        }
        names.forEach(name -> devices.add(new DeviceName(name)));
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        List<IndexEntry> revoked = new Lifecycle(workspace).revoke(devices, why, caPassphrase.existing(workspace.site()));
        PrintWriter out = spec.commandLine().getOut();
        for (IndexEntry entry : revoked) {
            out.printf("revoked %s (serial %s, %s)%n", entry.name(), entry.serialHex(), why.label());
        }
        out.printf("wrote %s (%d device%s revoked now)%n", site.dir().relativize(workspace.store().crlFile()),
                revoked.size(), revoked.size() == 1 ? "" : "s");
        out.println("next: ikev2kit server --out DIR, then on the server ./install.sh --crl-only");
        return 0;
    }

    /** One device name a line; every bad line is reported at once, and nothing is revoked unless all are good. */
    private static List<DeviceName> read(Path file) {
        return DeviceCsv.readLines(file, DeviceName::new, "revoked", "names no devices: write one device name per line");
    }
}
