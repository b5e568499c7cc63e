package io.ikev2kit.cli.site;

import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.pki.InputFiles;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.pki.Visible;
import io.ikev2kit.profiles.inspect.Inspector;
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

    /** Far above any profile, p12 or certificate, and a CRL of 100,000 revocations; read into memory at once. */
    static final long MAX_BYTES = 32L << 20;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        byte[] content = InputFiles.read(file, MAX_BYTES, "the file");
        SiteStore store = new SiteStore(site.dir());
        Optional<X509Certificate> ca = Files.exists(store.caCertificateFile()) ? Optional.of(store.caCertificate()) : Optional.empty();
        new Inspector(ca).explain(file.getFileName().toString(), content).stream().map(Visible::of)
                .forEach(spec.commandLine().getOut()::println);
        return 0;
    }
}
