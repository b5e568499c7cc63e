package io.ikev2kit.cli.options;

import io.ikev2kit.pki.InputFiles;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.UserError;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Where passphrases come from: an environment variable, a file, or a prompt on a terminal. Never from the
 * command line, where other users could read them in the process list.
 */
public final class Secrets {
    public static final String CA_ENV = "IKEV2KIT_CA_PASSWORD";
    public static final String P12_ENV = "IKEV2KIT_P12_PASSWORD";
    public static final String PIN_ENV = "IKEV2KIT_CA_PIN";
    static final int MIN_CA_LENGTH = 8;
    /** A password file holds one line; anything this large is the wrong file. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private final Map<String, String> environment;

    public Secrets(Map<String, String> environment) {
        this.environment = environment;
    }

    public static Secrets fromSystem() {
        return new Secrets(System.getenv());
    }

    /** The CA passphrase for an existing site. */
    public Passphrase caPassphrase(Optional<Path> file) {
        return read(CA_ENV, file, "CA passphrase", false)
                .orElseThrow(() -> new UserError("the CA passphrase is needed: set " + CA_ENV
                        + ", pass --ca-password-file FILE, or run on a terminal to be asked"));
    }

    /** The user PIN of the token that holds a token site's CA key. */
    public Passphrase caPin(Optional<Path> file) {
        return read(PIN_ENV, file, "token PIN", false)
                .orElseThrow(() -> new UserError("the CA key is in a token and its PIN is needed: set " + PIN_ENV
                        + ", pass --ca-pin-file FILE, or run on a terminal to be asked"));
    }

    /** A token site's PIN if one is given (environment or file), without prompting: for optional checks. */
    public Optional<Passphrase> caPinIfGiven(Optional<Path> file) {
        return readQuietly(PIN_ENV, file);
    }

    /** A new CA passphrase: asked twice on a terminal, and at least 8 characters however it comes. */
    public Passphrase newCaPassphrase(Optional<Path> file) {
        Passphrase passphrase = read(CA_ENV, file, "new CA passphrase", true)
                .orElseThrow(() -> new UserError("choose a CA passphrase: set " + CA_ENV
                        + ", pass --ca-password-file FILE, or run on a terminal to be asked"));
        if (passphrase.chars().length < MIN_CA_LENGTH) {
            throw new UserError("the CA passphrase is shorter than " + MIN_CA_LENGTH + " characters: choose a longer one");
        }
        return passphrase;
    }

    /** The p12 password, if the user supplied one; otherwise the caller generates a strong random one. */
    public Optional<Passphrase> p12Password(Optional<Path> file) {
        return readQuietly(P12_ENV, file);
    }

    /** As {@link #p12Password}, for a p12 about to be made: a weak password is refused ({@link P12PasswordRule}). */
    public Optional<Passphrase> newP12Password(Optional<Path> file) {
        return p12Password(file).map(P12PasswordRule::check);
    }

    private Optional<Passphrase> read(String env, Optional<Path> file, String what, boolean confirm) {
        Optional<Passphrase> given = readQuietly(env, file);
        if (given.isPresent()) {
            return given;
        }
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] first = console.readPassword("%s: ", capitalise(what));
        if (first == null || first.length == 0) {
            throw new UserError("no " + what + " entered");
        }
        if (confirm) {
            char[] second = console.readPassword("Repeat the %s: ", what);
            if (second == null || !Arrays.equals(first, second)) {
                throw new UserError("the two " + what + " entries differ: run the command again");
            }
        }
        return Optional.of(Passphrase.of(first));
    }

    private Optional<Passphrase> readQuietly(String env, Optional<Path> file) {
        if (file.isPresent()) {
            return Optional.of(fromFile(file.get()));
        }
        String value = environment.get(env);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Passphrase.of(value));
    }

    private static Passphrase fromFile(Path file) {
        String text = InputFiles.readText(file, MAX_FILE_BYTES, "password file");
        String firstLine = text.lines().findFirst().orElse("");
        if (firstLine.isEmpty()) {
            throw new UserError("password file " + file + " is empty: put the passphrase on its first line");
        }
        return Passphrase.of(firstLine);
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
