package io.ikev2kit.cli;

import io.ikev2kit.pki.Passphrase;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How every command that uses the CA key gets its passphrase: a file, IKEV2KIT_CA_PASSWORD, or a prompt. */
public final class CaPassphraseOption {
    @Option(names = "--ca-password-file", paramLabel = "FILE",
            description = "Read the CA passphrase from FILE (otherwise IKEV2KIT_CA_PASSWORD, or a prompt).")
    Path file;

    Passphrase existing() {
        return Secrets.fromSystem().caPassphrase(Optional.ofNullable(file));
    }

    Passphrase chooseNew() {
        return Secrets.fromSystem().newCaPassphrase(Optional.ofNullable(file));
    }
}
