package io.ikev2kit.cli.site;

import io.ikev2kit.cli.options.CaPassphraseOption;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.pki.CaToken;
import io.ikev2kit.profiles.site.SiteBackup;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backup", description = "Write an encrypted archive of the whole site (sealed with the CA passphrase; "
        + "on a token site with a passphrase chosen for the backup).")
public final class BackupCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The archive to write.")
    Path out;
    @Mixin
    CaPassphraseOption caPassphrase;

    @Override
    public Integer call() {
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        Optional<CaToken> token = workspace.site().caToken();
        // a token site has no CA passphrase: the archive gets its own, chosen (and confirmed) now
        int files = SiteBackup.write(workspace, token.isPresent() ? caPassphrase.chooseNew() : caPassphrase.existing(), out);
        PrintWriter print = spec.commandLine().getOut();
        print.printf("wrote %s (%d files, AES-256-GCM; restore with 'ikev2kit restore %s --dir DIR')%n", out, files, out);
        token.ifPresent(t -> print.printf("the CA key is not in the archive: it stays in the token (%s). A restored site "
                + "signs only where that token and its PKCS#11 module (%s) are available, with the token's PIN%n",
                t.uri(), t.module()));
        return 0;
    }
}
