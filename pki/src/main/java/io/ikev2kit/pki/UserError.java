package io.ikev2kit.pki;

/**
 * A failure the user caused and can fix. The message says what is wrong and what to do, in one line;
 * the command line maps it to exit code 1 without a stack trace.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
