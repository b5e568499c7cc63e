package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpPasswordTest {

    @TempDir
    Path dir;

    @Test
    void readsTheEnvironmentVariable() {
        var password = SmtpPassword.fromEnvironment(Map.of("IKEV2KIT_SMTP_PASSWORD", "s3cret pass"));

        assertArrayEquals("s3cret pass".toCharArray(), password.orElseThrow());
    }

    @Test
    void treatsAnEmptyVariableAsUnset() {
        assertTrue(SmtpPassword.fromEnvironment(Map.of("IKEV2KIT_SMTP_PASSWORD", "")).isEmpty());
        assertTrue(SmtpPassword.fromEnvironment(Map.of()).isEmpty());
    }

    @Test
    void readsTheFirstLineOfAFileWithoutItsLineEnd() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "pässword with spaces \r\nsecond line\n",
                StandardCharsets.UTF_8);

        assertArrayEquals("pässword with spaces ".toCharArray(), SmtpPassword.fromFile(file));
    }

    @Test
    void saysWhenTheFileIsMissingOrEmpty() throws Exception {
        Path missing = dir.resolve("missing");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        assertEquals("the SMTP password file " + missing + " does not exist; create it with the password on its "
                + "first line", assertThrows(MailException.class, () -> SmtpPassword.fromFile(missing)).getMessage());
        assertEquals("the SMTP password file " + empty + " has an empty first line; put the password there",
                assertThrows(MailException.class, () -> SmtpPassword.fromFile(empty)).getMessage());
    }
}
