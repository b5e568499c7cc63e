package io.ikev2kit.cli.options;

import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.UserError;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * What a p12 password the user chooses must be. A p12 travels by mail and chat, so its password is what keeps
 * the device key from whoever copies the file; it is attacked offline, as fast as the attacker's hardware allows.
 * The rule: at least {@value #MIN_LENGTH} characters, at least {@value #MIN_DISTINCT} different ones, not a run
 * along the alphabet, the digits or a keyboard row, and not a common password with only digits or symbols added.
 * Passwords ikev2kit generates (four groups of five random letters and digits) always pass.
 */
public final class P12PasswordRule {
    static final int MIN_LENGTH = 12;
    static final int MIN_DISTINCT = 5;
    public static final String RULE = "at least " + MIN_LENGTH + " characters with at least " + MIN_DISTINCT
            + " different ones, not a keyboard, alphabet or digit run, and not a common password with digits added";
    private static final String[] RUNS = {"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
            "0123456789".repeat(6), "qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm",
            "azertyuiopqsdfghjklmwxcvbn", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"};
    private static final Set<String> COMMON = Set.of("password", "passwort", "motdepasse", "qwerty", "qwertz", "azerty",
            "letmein", "welcome", "iloveyou", "admin", "administrator", "changeme", "secret", "vpn", "ikev", "ikevkit",
            "abc", "test", "default", "login", "monkey", "dragon", "sunshine", "football", "master");

    private P12PasswordRule() {
    }

    /** Refuses a weak password in one line that states the rule and never shows the password. */
    static Passphrase check(Passphrase password) {
        char[] chars = password.chars();
        try {
            if (weakness(chars) != null) {
                throw new UserError("the p12 password is too weak (" + weakness(chars) + "): use " + RULE
                        + ", or leave " + Secrets.P12_ENV + " and --p12-password-file unset to get a strong random one");
            }
            return password;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Why the password is weak, or null. */
    static String weakness(char[] chars) {
        String text = new String(chars);
        if (text.codePointCount(0, text.length()) < MIN_LENGTH) {
            return "shorter than " + MIN_LENGTH + " characters";
        }
        if (text.codePoints().distinct().count() < MIN_DISTINCT) {
            return "fewer than " + MIN_DISTINCT + " different characters";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String reversed = new StringBuilder(lower).reverse().toString();
        for (String run : RUNS) {
            if (run.contains(lower) || run.contains(reversed)) {
                return "a run of neighbouring keys or letters";
            }
        }
        StringBuilder letters = new StringBuilder();
        lower.codePoints().filter(Character::isLetter).forEach(letters::appendCodePoint);
        if (letters.isEmpty() || COMMON.contains(letters.toString())) {
            return letters.isEmpty() ? "no letters, a number is guessed first" : "a common password";
        }
        return null;
    }
}
