package io.ikev2kit.cli;

import io.ikev2kit.pki.SiteStore;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.Inspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", description = "Explain a certificate, CRL, p12, .mobileconfig or .sswan in plain words.")
public final class InspectCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": check that it exists and is readable");
        }
        SiteStore store = new SiteStore(site.dir());
        Optional<X509Certificate> ca = Files.exists(store.caCertificateFile()) ? Optional.of(store.caCertificate()) : Optional.empty();
        new Inspector(ca).explain(file.getFileName().toString(), content).forEach(spec.commandLine().getOut()::println);
        return 0;
    }
}
