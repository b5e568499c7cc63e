package io.ikev2kit.cli.mail;

/**
 * A mail failure the user can fix: the message is one line saying what is wrong and what to do.
 * It never carries a password; the cause is kept for {@code --verbose}.
 */
public final class MailException extends RuntimeException {

    public MailException(String message) {
        super(message);
    }

    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
