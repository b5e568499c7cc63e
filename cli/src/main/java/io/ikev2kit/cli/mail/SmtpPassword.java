package io.ikev2kit.cli.mail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** Where the SMTP password comes from: the environment or a file, never the command line or the URI. */
public final class SmtpPassword {

    public static final String ENVIRONMENT_VARIABLE = "IKEV2KIT_SMTP_PASSWORD";

    private SmtpPassword() {
    }

    /** The password in {@value #ENVIRONMENT_VARIABLE}, if set and not empty; pass {@code System.getenv()}. */
    public static Optional<char[]> fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value.toCharArray());
    }

    /** The first line of a UTF-8 file, without its line end. */
    public static char[] fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MailException("the SMTP password file " + file + " does not exist; create it with the "
                    + "password on its first line", e);
        } catch (IOException e) {
            throw new MailException("the SMTP password file " + file + " cannot be read (" + e.getMessage()
                    + "); check its permissions", e);
        }
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new MailException("the SMTP password file " + file + " is not UTF-8 text; save it as UTF-8", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        int end = 0;
        while (end < chars.length() && chars.charAt(end) != '\n' && chars.charAt(end) != '\r') {
            end++;
        }
        char[] password = new char[end];
        chars.get(password, 0, end);
        Arrays.fill(chars.array(), '\0');
        if (password.length == 0) {
            throw new MailException("the SMTP password file " + file + " has an empty first line; put the "
                    + "password there");
        }
        return password;
    }
}
