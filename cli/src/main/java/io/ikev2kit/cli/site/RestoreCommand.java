package io.ikev2kit.cli.site;

import io.ikev2kit.cli.options.CaPassphraseOption;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.profiles.site.SiteBackup;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", description = "Restore a site from a backup, after checking it completely.")
public final class RestoreCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The archive 'ikev2kit backup' wrote.")
    Path archive;
    @Option(names = "--replace", description = "Restore over an existing site (which is kept aside, never deleted).")
    boolean replace;
    @Mixin
    CaPassphraseOption caPassphrase;

    @Override
    public Integer call() {
        Path restored = SiteBackup.restore(archive, caPassphrase.existing(),
                site.dir(), replace);
        spec.commandLine().getOut().println("restored the site into " + restored);
        SiteWorkspace.open(restored).site().caToken().ifPresent(t -> spec.commandLine().getOut().printf(
                "its CA key is in a token (%s) and was not in the archive: signing needs that token, its PKCS#11 "
                + "module at %s (see pkcs11-module in site.conf) and its PIN%n", t.uri(), t.module()));
        return 0;
    }
}
