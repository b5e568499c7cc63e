package io.ikev2kit.cli;

import io.ikev2kit.profiles.SiteBackup;
import io.ikev2kit.profiles.SiteWorkspace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backup", description = "Write an encrypted archive of the whole site (sealed with the CA passphrase).")
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
        int files = SiteBackup.write(workspace, caPassphrase.existing(), out);
        spec.commandLine().getOut().printf("wrote %s (%d files, AES-256-GCM; restore with 'ikev2kit restore %s --dir DIR')%n",
                out, files, out);
        return 0;
    }
}
