package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileMailComposerTest {

    private final MessageComposer composer =
            new MessageComposer(Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));

    private Received compose(ProfileMail mail) throws Exception {
        return Received.parse(composer.compose(mail));
    }

    @Test
    void addressesTheMessageFromSenderToRecipient() throws Exception {
        var message = composer.compose(Samples.mail("alice-phone", "Alice Example <alice@example.org>"));

        assertEquals("Your VPN profile for alice-phone (vpn.example.com)", message.getSubject());
        assertEquals("Alice Example <alice@example.org>", message.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("VPN Admin <vpn-admin@example.com>", message.getFrom()[0].toString());
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), message.getSentDate().toInstant());
        assertTrue(message.getMessageID().endsWith("@example.com>"), message.getMessageID());
        assertEquals("auto-generated", message.getHeader("Auto-Submitted", null));
    }

    @Test
    void givesStepsOnlyForThePlatformsAsked() throws Exception {
        var text = compose(Samples.appleOnly("alice", "alice@example.org", EnumSet.of(Platform.IOS))).plain();

        assertTrue(text.contains("iPhone and iPad (alice.mobileconfig):"), text);
        assertTrue(text.contains("Open Settings, tap Profile Downloaded near the top and tap Install"), text);
        assertFalse(text.contains("Mac ("), text);
        assertFalse(text.contains("Windows"), text);
        assertFalse(text.contains("strongSwan"), text);
    }

    @Test
    void tellsEachPlatformHowToInstallItsFile() throws Exception {
        var text = compose(Samples.mail("alice", "alice@example.org")).plain();

        assertTrue(text.contains("System Settings > Privacy & Security > Profiles"), text);
        assertTrue(text.contains("Save alice-windows.txt into your Downloads folder."), text);
        assertTrue(text.contains("choose Run as administrator"), text);
        assertTrue(text.contains("       Copy-Item alice-windows.txt alice.ps1\n"), text);
        assertTrue(text.contains("       powershell -ExecutionPolicy Bypass -File .\\alice.ps1\n"), text);
        assertTrue(text.contains("Install strongSwan VPN Client from Google Play."), text);
        assertTrue(text.contains("Open alice.sswan from this message"), text);
    }

    @Test
    void saysThePasswordComesAnotherWay() throws Exception {
        var received = compose(Samples.mail("alice", "alice@example.org"));

        assertTrue(received.plain().contains(MailText.PASSWORD_NOTICE), received.plain());
        assertTrue(received.html().contains("<p>The certificate password is not in this message."), received.html());
    }

    @Test
    void escapesValuesInTheHtmlPart() throws Exception {
        var mail = new ProfileMail("bob<script>", "bob@example.org", Samples.SENDER, "R&D \"VPN\"", "vpn.example.com",
                List.of(Attachment.appleProfile("bob", Samples.MOBILECONFIG)), EnumSet.of(Platform.MACOS));

        var received = compose(mail);

        assertTrue(received.html().contains("your device &quot;bob&lt;script&gt;&quot;"), received.html());
        assertTrue(received.html().contains("It connects to R&amp;D &quot;VPN&quot; (vpn.example.com)"),
                received.html());
        assertFalse(received.html().contains("<script>"), received.html());
        assertTrue(received.plain().contains("your device \"bob<script>\""), received.plain());
    }

    @Test
    void encodesEveryAttachmentInBase64() throws Exception {
        var raw = compose(Samples.mail("alice", "alice@example.org")).raw();

        for (String name : List.of("alice.mobileconfig", "alice.sswan", "alice-windows.txt")) {
            int at = raw.indexOf("filename=" + name);
            assertTrue(at > 0, name);
            String headers = raw.substring(raw.lastIndexOf("\r\n--", at), raw.indexOf("\r\n\r\n", at));
            assertTrue(headers.contains("Content-Transfer-Encoding: base64"), headers);
            assertTrue(headers.contains("Content-Disposition: attachment"), headers);
        }
    }

    /**
     * RFC 5322 headers are ASCII; a non-ASCII display name goes into an RFC 2047 encoded-word. Raw UTF-8 needs
     * SMTPUTF8 (RFC 6531/6532), which a server may not offer, and readers without it show mojibake.
     */
    @Test
    void encodesNonAsciiDisplayNamesPerRfc2047() throws Exception {
        var mail = new ProfileMail("alice", "Jörg Müller <jorg@example.org>", "Ümlaut VPN-Dienst <vpn@example.com>",
                "Example VPN", "vpn.example.com", List.of(Attachment.appleProfile("alice", Samples.MOBILECONFIG)),
                EnumSet.of(Platform.IOS));
        var raw = new java.io.ByteArrayOutputStream();
        composer.compose(mail).writeTo(raw);
        byte[] bytes = raw.toByteArray();
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        String headers = text.substring(0, text.indexOf("\r\n\r\n"));
        assertTrue(headers.chars().allMatch(c -> c < 0x80), headers);
        assertTrue(headers.contains("To: =?UTF-8?"), headers);
        assertTrue(headers.contains("From: =?UTF-8?"), headers);

        var parsed = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(bytes));
        var to = (jakarta.mail.internet.InternetAddress) parsed.getRecipients(Message.RecipientType.TO)[0];
        var from = (jakarta.mail.internet.InternetAddress) parsed.getFrom()[0];
        assertEquals("Jörg Müller", to.getPersonal());
        assertEquals("jorg@example.org", to.getAddress());
        assertEquals("Ümlaut VPN-Dienst", from.getPersonal());
    }

    @Test
    void keepsANonAsciiDeviceNameReadableInTheSubject() throws Exception {
        var mail = Samples.appleOnly("Jürgens iPhone", "j@example.org", EnumSet.of(Platform.IOS));

        var message = composer.compose(mail);

        assertEquals("Your VPN profile for Jürgens iPhone (vpn.example.com)", message.getSubject());
        assertTrue(message.getHeader("Subject", null).startsWith("=?UTF-8?"), message.getHeader("Subject", null));
    }
}
