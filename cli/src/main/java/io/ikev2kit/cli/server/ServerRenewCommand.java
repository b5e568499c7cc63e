package io.ikev2kit.cli.server;

import io.ikev2kit.cli.options.CaPassphraseOption;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.profiles.site.Lifecycle;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "renew", description = "Issue a new server certificate for the site's host and addresses.")
public final class ServerRenewCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Mixin
    CaPassphraseOption caPassphrase;

    @Override
    public Integer call() {
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        X509Certificate server = new Lifecycle(workspace).renewServer(
                caPassphrase.existing(workspace.site()));
        spec.commandLine().getOut().printf("renewed the server certificate for %s (valid until %s)%n",
                workspace.site().host(), server.getNotAfter().toInstant().toString().substring(0, 10));
        spec.commandLine().getOut().println("next: ikev2kit server --out DIR and run install.sh on the server; "
                + "devices keep working (they trust the CA, not the server certificate)");
        return 0;
    }
}
