package io.ikev2kit.cli.server;

import io.ikev2kit.cli.options.CaPassphraseOption;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.cli.output.Heartbeat;
import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.profiles.site.Lifecycle;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "crl", description = "Sign a fresh CRL listing every revoked certificate.")
public final class CrlCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the CRL (PEM) to FILE.")
    Path out;
    @Mixin
    CaPassphraseOption caPassphrase;

    @Override
    public Integer call() {
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        io.ikev2kit.pki.Passphrase passphrase = caPassphrase.existing(workspace.site()); // any prompt first
        X509CRL crl;
        try (Heartbeat progress = Heartbeat.start(spec.commandLine().getErr(), "unlocking the CA key and signing the CRL")) {
            crl = new Lifecycle(workspace).signCrl(passphrase);
        }
        if (out != null) {
            AtomicFiles.writePublic(out, Pem.encode(crl));
        }
        spec.commandLine().getOut().printf("signed CRL: %d revoked, next update %s -> %s%n",
                crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(),
                crl.getNextUpdate().toInstant().toString().substring(0, 10),
                out != null ? out : site.dir().relativize(workspace.store().crlFile()));
        return 0;
    }
}
