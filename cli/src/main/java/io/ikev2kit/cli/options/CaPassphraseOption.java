package io.ikev2kit.cli.options;

import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.profiles.site.Site;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How every command that uses the CA key gets its secret: the passphrase of pki/ca.key (a file,
 * IKEV2KIT_CA_PASSWORD, or a prompt), or on a token site the token's PIN (a file, IKEV2KIT_CA_PIN, or a prompt).
 */
public final class CaPassphraseOption {
    @Option(names = "--ca-password-file", paramLabel = "FILE",
            description = "Read the CA passphrase from FILE (otherwise IKEV2KIT_CA_PASSWORD, or a prompt).")
    Path file;
    @Option(names = "--ca-pin-file", paramLabel = "FILE",
            description = "On a site whose CA key is in a token: read the token PIN from FILE (otherwise IKEV2KIT_CA_PIN, or a prompt).")
    Path pinFile;

    /** What unlocks this site's CA key: the token PIN on a token site, otherwise the CA passphrase. */
    public Passphrase existing(Site site) {
        return site.caToken().isPresent() ? pin() : existing();
    }

    public Passphrase pin() {
        return Secrets.fromSystem().caPin(Optional.ofNullable(pinFile));
    }

    Optional<Passphrase> pinIfGiven() {
        return Secrets.fromSystem().caPinIfGiven(Optional.ofNullable(pinFile));
    }

    /** The CA passphrase (of pki/ca.key, or on a token site the one that seals backups). */
    public Passphrase existing() {
        return Secrets.fromSystem().caPassphrase(Optional.ofNullable(file));
    }

    public Passphrase chooseNew() {
        return Secrets.fromSystem().newCaPassphrase(Optional.ofNullable(file));
    }
}
