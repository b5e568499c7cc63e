package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.ikev2kit.cli.CliRun;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The 'mail' command end to end: a demo site's profiles over STARTTLS + AUTH to a real SMTP server. */
class MailCommandTest {
    private static final String USER = "vpn-admin";
    private static final String PASSWORD = "smtp-secret-42";

    static {
        TestTls.install();
    }

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("vpn@vpn.example.com", USER, PASSWORD))
            .withPerMethodLifecycle(true);

    @TempDir
    Path tmp;
    private SmtpProxy proxy;
    private Path site;
    private String p12Password;

    @BeforeEach
    void demoSiteAndProxy() throws Exception {
        proxy = new SmtpProxy(greenMail.getSmtp().getPort(), TestTls.serverContext());
        String out = run("demo", tmp.resolve("demo").toString());
        site = tmp.resolve("demo/site");
        p12Password = out.lines().filter(l -> l.contains("p12 password:")).findFirst().orElseThrow()
                .replaceAll(".*p12 password:\\s*(\\S+).*", "$1");
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
    }

    /**
     * alice-phone is the demo's iPhone: her mail carries the .mobileconfig only (one identity per machine), and
     * her non-ASCII display name reaches the SMTP server RFC 2047-encoded, read back by GreenMail and Jakarta Mail.
     */
    @Test
    void mailsThePlatformsProfileOverStartTlsAndNotTwice() throws Exception {
        Path pass = Files.writeString(tmp.resolve("smtp.pass"), PASSWORD);
        Path ca = Files.writeString(tmp.resolve("smtp-ca.pem"), TestTls.certificatePem());
        String[] args = {"mail", "alice-phone", "--to", "Älice Ström <alice@example.com>", "--smtp",
                "smtp://" + USER + "@127.0.0.1:" + proxy.port(), "--smtp-password-file", pass.toString(),
                "--smtp-ca", ca.toString(), "--dir", site.toString()};
        String out = run(args);
        assertTrue(out.contains("1 of 1 done"), out);
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage message = greenMail.getReceivedMessages()[0];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        assertFalse(raw.toString().contains(p12Password), "the p12 password never travels with the profile");
        assertFalse(raw.toString().contains(PASSWORD));
        String headers = raw.toString(java.nio.charset.StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2)[0];
        assertTrue(headers.chars().allMatch(c -> c < 0x80), headers);
        assertEquals("Älice Ström", ((jakarta.mail.internet.InternetAddress) message.getRecipients(
                jakarta.mail.Message.RecipientType.TO)[0]).getPersonal());
        List<String> names = new ArrayList<>();
        NSDictionary profile = null;
        for (Part part : attachments(message)) {
            names.add(part.getFileName() + " " + part.getContentType().split(";")[0]);
            if (part.getFileName().endsWith(".mobileconfig")) {
                profile = (NSDictionary) PropertyListParser.parse(part.getInputStream().readAllBytes());
            }
        }
        assertEquals(List.of("alice-phone.mobileconfig application/x-apple-aspen-config"), names);
        assertEquals("Configuration", profile.objectForKey("PayloadType").toString());

        String again = run(args);
        assertTrue(again.contains("already sent"), again);
        assertEquals(1, greenMail.getReceivedMessages().length, "a re-run does not mail twice");
        run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--resend"))
                .toArray(String[]::new));
        assertTrue(greenMail.waitForIncomingEmail(5000, 2), "--resend sends again");
    }

    /**
     * The Windows path that survives Gmail and Outlook.com: the script as NAME-windows.txt, byte for byte the
     * script 'device export' writes, saved as NAME.ps1 by the steps in the message. No .ps1, .cmd or zip travels.
     */
    @Test
    void mailsAWindowsDeviceItsScriptAsTextThatIsTheExportedScript() throws Exception {
        Path eml = tmp.resolve("eml");
        run("mail", "bob-laptop", "--to", "bob@example.com", "--eml", eml.toString(), "--dir", site.toString());
        Path exported = tmp.resolve("exported");
        run("device", "export", "bob-laptop", "--out", exported.toString(), "--dir", site.toString());
        MimeMessage message;
        try (var files = Files.list(eml)) {
            Path file = files.filter(p -> p.toString().endsWith(".eml")).findFirst().orElseThrow();
            message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(Files.readAllBytes(file)));
        }
        List<Part> parts = attachments(message);
        assertEquals(1, parts.size());
        assertEquals("bob-laptop-windows.txt", parts.get(0).getFileName());
        assertTrue(parts.get(0).getContentType().startsWith("text/plain"), parts.get(0).getContentType());
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(exported.resolve("bob-laptop.ps1")),
                parts.get(0).getInputStream().readAllBytes());
        String body = Received.parse(message).plain();
        assertTrue(body.contains("Copy-Item bob-laptop-windows.txt bob-laptop.ps1"), body);
        assertTrue(body.contains("powershell -ExecutionPolicy Bypass -File .\\bob-laptop.ps1"), body);
        assertTrue(body.contains("Install this profile on one device only"), body);
    }

    @Test
    void wrongSmtpPasswordIsOneLineWithoutThePassword() throws Exception {
        Path pass = Files.writeString(tmp.resolve("smtp.pass"), "wrong-password-7");
        Path ca = Files.writeString(tmp.resolve("smtp-ca.pem"), TestTls.certificatePem());
        CliRun run = CliRun.of("mail", "alice-phone", "--to", "alice@example.com", "--smtp",
                "smtp://" + USER + "@127.0.0.1:" + proxy.port(), "--smtp-password-file", pass.toString(),
                "--smtp-ca", ca.toString(), "--dir", site.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.err().strip().lines().count(), run.toString());
        assertFalse(run.err().contains("wrong-password-7"));
    }

    private static List<Part> attachments(Part part) throws Exception {
        List<Part> found = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                found.addAll(attachments(multipart.getBodyPart(i)));
            }
        } else if (part.getFileName() != null) {
            found.add(part);
        }
        return found;
    }

    private static String run(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.toString());
        return run.out();
    }
}
