package io.ikev2kit.cli;

import io.ikev2kit.pki.CertificateAuthority.Reason;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.IndexEntry;
import io.ikev2kit.profiles.Lifecycle;
import io.ikev2kit.profiles.SiteWorkspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "revoke", description = "Revoke a device's certificates and sign a new CRL.",
        footer = {"", "Then push the CRL to the server: ikev2kit server --out DIR, and there ./install.sh --crl-only"})
public final class DeviceRevokeCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;
    @Option(names = "--reason", defaultValue = "unspecified", description = "keyCompromise, superseded, "
            + "cessationOfOperation, affiliationChanged, privilegeWithdrawn or unspecified (default).")
    String reason;
    @Mixin
    CaPassphraseOption caPassphrase;

    @Override
    public Integer call() {
        Reason why = Reason.parse(reason);
        DeviceName device = new DeviceName(name);
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        IndexEntry revoked = new Lifecycle(workspace).revoke(device, why,
                caPassphrase.existing(workspace.site()));
        spec.commandLine().getOut().printf("revoked %s (serial %s, %s); wrote %s%n", device, revoked.serialHex(),
                why.label(), site.dir().relativize(workspace.store().crlFile()));
        spec.commandLine().getOut().println("next: ikev2kit server --out DIR, then on the server ./install.sh --crl-only");
        return 0;
    }
}
