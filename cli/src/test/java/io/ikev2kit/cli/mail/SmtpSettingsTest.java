package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpSettingsTest {

    @Test
    void smtpMeansStartTlsOnPort587() {
        var s = SmtpSettings.parse("smtp://mail.example.com");

        assertEquals(SmtpSettings.Security.STARTTLS, s.security());
        assertEquals("mail.example.com", s.host());
        assertEquals(587, s.port());
        assertEquals(Optional.empty(), s.user());
        assertFalse(s.hasPassword());
    }

    @Test
    void smtpsMeansImplicitTlsOnPort465() {
        var s = SmtpSettings.parse("SMTPS://vpn-admin@mail.example.com");

        assertEquals(SmtpSettings.Security.IMPLICIT_TLS, s.security());
        assertEquals(465, s.port());
        assertEquals(Optional.of("vpn-admin"), s.user());
    }

    @Test
    void takesAnExplicitPort() {
        assertEquals(2525, SmtpSettings.parse("smtp://mail.example.com:2525").port());
    }

    @Test
    void takesAnEmailAddressAsUserEncodedOrNot() {
        assertEquals(Optional.of("admin@example.com"),
                SmtpSettings.parse("smtp://admin%40example.com@mail.example.com").user());
        assertEquals(Optional.of("admin@example.com"),
                SmtpSettings.parse("smtp://admin@example.com@mail.example.com").user());
    }

    @Test
    void takesAnIpv6Address() {
        var s = SmtpSettings.parse("smtps://[2001:db8::25]:4465");

        assertEquals("2001:db8::25", s.host());
        assertEquals(4465, s.port());
        assertEquals("smtps://[2001:db8::25]:4465", s.toString());
    }

    @Test
    void rejectsAPasswordInTheUriWithoutRepeatingIt() {
        var e = assertThrows(MailException.class, () -> SmtpSettings.parse("smtp://admin:hunter2@mail.example.com"));

        assertEquals("the SMTP URI contains a password (user:password@); remove it and pass the password in "
                + "IKEV2KIT_SMTP_PASSWORD or a password file instead", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtpz://admin:hunter2@mail.example.com", "admin:hunter2@mail.example.com",
            "smtp://admin:hunter2@", "smtp://admin:hunter2@mail.example.com:99999"})
    void neverEchoesAPasswordWhateverElseIsWrong(String uri) {
        var e = assertThrows(MailException.class, () -> SmtpSettings.parse(uri));

        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void refusesOptionsBecauseStartTlsCannotBeMadeOptional() {
        var e = assertThrows(MailException.class, () -> SmtpSettings.parse("smtp://mail.example.com?starttls=optional"));

        assertTrue(e.getMessage().startsWith("the SMTP URI may only hold [user@]host[:port], no path or options"),
                e.getMessage());
    }

    @Test
    void namesAnUnsupportedScheme() {
        var e = assertThrows(MailException.class, () -> SmtpSettings.parse("http://mail.example.com"));

        assertEquals("the SMTP URI scheme 'http' is not supported; use smtp://[user@]host[:port] (STARTTLS, port "
                + "587) or smtps://[user@]host[:port] (implicit TLS, port 465)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp://mail.example.com:0", "smtp://mail.example.com:65536", "smtp://mail.example.com:x"})
    void rejectsAPortOutOfRange(String uri) {
        var e = assertThrows(MailException.class, () -> SmtpSettings.parse(uri));

        assertTrue(e.getMessage().endsWith("is not a number from 1 to 65535"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mail.example.com", "smtp://", "smtp://-bad-.example.com", "smtp://mail_example.com",
            "smtp://@mail.example.com", "smtp://[2001:db8::25"})
    void rejectsMalformedUris(String uri) {
        var e = assertThrows(MailException.class, () -> SmtpSettings.parse(uri));

        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().startsWith("the SMTP URI"), e.getMessage());
    }

    @Test
    void showsItselfWithoutThePassword() {
        var s = SmtpSettings.parse("smtp://admin%40example.com@mail.example.com").withPassword("hunter2".toCharArray());

        assertEquals("smtp://admin%40example.com@mail.example.com:587", s.toString());
        assertTrue(s.hasPassword());
    }

    @Test
    void keepsItsOwnCopyOfThePassword() {
        char[] password = "hunter2".toCharArray();
        var s = SmtpSettings.parse("smtp://admin@mail.example.com").withPassword(password);
        java.util.Arrays.fill(password, '\0');

        assertEquals("hunter2", new String(s.password()));
    }
}
