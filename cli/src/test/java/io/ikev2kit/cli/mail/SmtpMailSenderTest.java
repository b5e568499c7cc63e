package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailSenderTest {

    private static final String USER = "sender";
    private static final String PASSWORD = "S3cret-Pa55word!";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5));
    private static final SSLSocketFactory TRUST_TEST_CERT = TestTls.trustingClient();

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("sender@example.com", USER, PASSWORD))
            .withPerMethodLifecycle(true);

    private SmtpProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new SmtpProxy(greenMail.getSmtp().getPort(), TestTls.serverContext());
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
    }

    private SmtpSettings startTls(String password) {
        return SmtpSettings.parse("smtp://" + USER + "@127.0.0.1:" + proxy.port()).withPassword(password.toCharArray());
    }

    private SmtpMailSender sender(RetryPolicy retry) {
        return new SmtpMailSender(startTls(PASSWORD), retry, TRUST_TEST_CERT);
    }

    private static MimeMessage onlyMessage() {
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length, "messages received");
        return received[0];
    }

    @Test
    void sendsOverStartTlsWithLoginAndEveryAttachmentArrivesIntact() throws Exception {
        var reports = sender(FAST).deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE);

        assertEquals(List.of(DeliveryReport.Status.SENT), reports.stream().map(DeliveryReport::status).toList());
        var received = Received.parse(onlyMessage());
        assertEquals("Your VPN profile for alice (vpn.example.com)", received.subject());
        assertTrue(received.plain().contains("Settings, tap Profile Downloaded"), received.plain());
        assertTrue(received.html().contains("<ol>"), received.html());
        assertEquals(List.of("alice.mobileconfig", "alice.sswan", "alice-windows.txt"),
                List.copyOf(received.attachments().keySet()));
        var apple = received.attachments().get("alice.mobileconfig");
        assertEquals("application/x-apple-aspen-config", apple.mimeType());
        assertArrayEquals(Samples.MOBILECONFIG, apple.content());
        var android = received.attachments().get("alice.sswan");
        assertEquals("application/vnd.strongswan.profile", android.mimeType());
        assertArrayEquals(Samples.SSWAN, android.content());
        var windows = received.attachments().get("alice-windows.txt");
        assertEquals("text/plain", windows.mimeType());
        assertArrayEquals(Samples.PS1, windows.content(), "the script arrives byte for byte (BOM, CRLF, UTF-8)");
        assertFalse(received.raw().contains(PASSWORD), "the SMTP password must not be in the message");
    }

    @Test
    void logsInOnlyAfterStartTls() {
        sender(FAST).deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE);

        List<String> transcript = proxy.transcript();
        assertTrue(transcript.contains("plain:STARTTLS"), transcript::toString);
        assertTrue(transcript.contains("tls:AUTH"), transcript::toString);
        assertTrue(transcript.stream().noneMatch(c -> c.startsWith("plain:AUTH") || c.startsWith("plain:MAIL")),
                transcript::toString);
    }

    @Test
    void sendsOverImplicitTls() throws Exception {
        var smtps = SmtpSettings.parse("smtps://" + USER + "@127.0.0.1:" + greenMail.getSmtps().getPort())
                .withPassword(PASSWORD.toCharArray());

        var reports = new SmtpMailSender(smtps, FAST, TRUST_TEST_CERT)
                .deliver(List.of(Samples.mail("bob", "bob@example.org")), DeliveryListener.NONE);

        assertEquals(DeliveryReport.Status.SENT, reports.get(0).status());
        assertEquals("Your VPN profile for bob (vpn.example.com)", onlyMessage().getSubject());
    }

    @Test
    void sendsABatchOverOneConnectionAndReportsEachRecipientInOrder() {
        var heard = new ArrayList<String>();
        var mails = List.of(Samples.mail("alice", "alice@example.org"), Samples.mail("bob", "bob@example.org"),
                Samples.mail("carol", "carol@example.org"));

        sender(FAST).deliver(mails, report -> heard.add(report.toString()));

        assertEquals(List.of("sent alice to alice@example.org", "sent bob to bob@example.org",
                "sent carol to carol@example.org"), heard);
        assertTrue(greenMail.waitForIncomingEmail(5000, 3));
        assertEquals(1, proxy.connections());
    }

    @Test
    void retriesADeferredMessageAndItArrivesOnce() {
        proxy.failing("RCPT", "alice@", "451 4.7.1 Greylisted, try again later", 1);
        var retries = new ArrayList<String>();
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void finished(DeliveryReport report) {
            }

            @Override
            public void retrying(ProfileMail mail, int failedAttempt, Duration delay, String reason) {
                retries.add(mail.deviceName() + " #" + failedAttempt + " " + delay.toMillis() + "ms: " + reason);
            }
        };

        var reports = sender(FAST).deliver(List.of(Samples.mail("alice", "alice@example.org")), listener);

        assertEquals(DeliveryReport.Status.SENT, reports.get(0).status());
        assertEquals(2, reports.get(0).attempts());
        assertEquals(List.of("alice #1 5ms: server deferred it: 451 4.7.1 Greylisted, try again later"), retries);
        onlyMessage();
    }

    @Test
    void retriesAfterTheServerDropsTheConnection() {
        proxy.failing("DATA", "", SmtpProxy.DROP, 1);

        var reports = sender(FAST).deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE);

        assertEquals(DeliveryReport.Status.SENT, reports.get(0).status());
        assertEquals(2, reports.get(0).attempts());
        onlyMessage();
        assertEquals(2, proxy.connections());
    }

    @Test
    void retriesWhenTheServerIsTooBusyToGreet() {
        proxy.busy(1);

        var reports = sender(FAST).deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE);

        assertEquals(DeliveryReport.Status.SENT, reports.get(0).status());
        assertEquals(2, reports.get(0).attempts());
        onlyMessage();
    }

    @Test
    void reportsAPermanentRefusalWithoutRetryingAndSendsTheRest() throws Exception {
        proxy.failing("RCPT", "bob@", "550 5.1.1 <bob@example.org>: Recipient address rejected", 5);

        var reports = sender(FAST).deliver(List.of(Samples.mail("bob", "bob@example.org"),
                Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE);

        var bob = reports.get(0);
        assertEquals(DeliveryReport.Status.FAILED, bob.status());
        assertEquals(1, bob.attempts());
        assertEquals("server refused it: 550 5.1.1 <bob@example.org>: Recipient address rejected", bob.detail());
        assertEquals(1, proxy.transcript().stream().filter(c -> c.startsWith("tls:RCPT") && c.contains("bob@")).count());
        assertEquals(DeliveryReport.Status.SENT, reports.get(1).status());
        assertEquals("Your VPN profile for alice (vpn.example.com)", onlyMessage().getSubject());
    }

    @Test
    void givesUpAfterMaxAttemptsAndReportsTheLastReason() {
        proxy.failing("RCPT", "alice@", "452 4.3.1 Insufficient system storage", 10);

        var report = sender(FAST).deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE)
                .get(0);

        assertEquals(DeliveryReport.Status.FAILED, report.status());
        assertEquals(3, report.attempts());
        assertEquals("server deferred it: 452 4.3.1 Insufficient system storage", report.detail());
    }

    @Test
    void backsOffExponentiallyBetweenAttempts() {
        proxy.failing("RCPT", "alice@", "451 4.3.0 Try again", 3);
        var slept = new ArrayList<Duration>();
        var sender = new SmtpMailSender(startTls(PASSWORD), new RetryPolicy(4, Duration.ofSeconds(2)),
                TRUST_TEST_CERT, new MessageComposer(), slept::add);

        var report = sender.deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE).get(0);

        assertEquals(DeliveryReport.Status.SENT, report.status());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), slept);
    }

    @Test
    void wrongPasswordIsOneLineWithoutThePassword() {
        String wrong = "wrong-Pa55word";
        var sender = new SmtpMailSender(startTls(wrong), FAST, TRUST_TEST_CERT);

        var e = assertThrows(MailException.class,
                () -> sender.deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE));

        assertTrue(e.getMessage().startsWith("the SMTP server 127.0.0.1:" + proxy.port() + " refused the login as "
                + "'sender' (535"), e.getMessage());
        assertTrue(e.getMessage().endsWith("check the user in the SMTP URI and the password"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(e.getMessage().contains(wrong));
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void refusesToSendWhenTheServerOffersNoStartTls() {
        var plain = SmtpSettings.parse("smtp://" + USER + "@127.0.0.1:" + greenMail.getSmtp().getPort())
                .withPassword(PASSWORD.toCharArray());

        var e = assertThrows(MailException.class, () -> new SmtpMailSender(plain, FAST, TRUST_TEST_CERT)
                .deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE));

        assertEquals("the SMTP server 127.0.0.1:" + greenMail.getSmtp().getPort() + " does not offer STARTTLS, "
                + "which smtp:// requires; use smtps://127.0.0.1 if it has implicit TLS (port 465), or enable "
                + "STARTTLS on it", e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void refusesACertificateTheJvmDoesNotTrust() {
        var e = assertThrows(MailException.class, () -> new SmtpMailSender(startTls(PASSWORD), FAST)
                .deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE));

        assertEquals("TLS with the SMTP server 127.0.0.1:" + proxy.port() + " failed: its certificate is not issued "
                + "by a CA that Java trusts; check the port matches smtp:// (STARTTLS, 587) or smtps:// (implicit "
                + "TLS, 465), and that the server's certificate is valid for 127.0.0.1 and trusted by Java",
                e.getMessage());
        assertFalse(proxy.transcript().contains("tls:AUTH"));
    }

    @Test
    void anUnreachableServerIsAMailExceptionAfterTheRetries() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var settings = SmtpSettings.parse("smtp://127.0.0.1:" + closedPort);

        var e = assertThrows(MailException.class, () -> new SmtpMailSender(settings, FAST, TRUST_TEST_CERT)
                .deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE));

        assertTrue(e.getMessage().startsWith("could not connect to the SMTP server 127.0.0.1:" + closedPort
                + " after 3 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("(Connection refused); check the host and port in the SMTP URI"),
                e.getMessage());
    }

    @Test
    void aUserWithoutAPasswordIsRefusedBeforeConnecting() {
        var settings = SmtpSettings.parse("smtp://sender@127.0.0.1:" + proxy.port());

        var e = assertThrows(MailException.class, () -> new SmtpMailSender(settings, FAST, TRUST_TEST_CERT));

        assertEquals("the SMTP URI names the user 'sender' but no password was given; set IKEV2KIT_SMTP_PASSWORD "
                + "or use a password file", e.getMessage());
        assertEquals(0, proxy.connections());
    }

    @Test
    void sendsWithoutLoginWhenTheUriNamesNoUser() {
        var settings = SmtpSettings.parse("smtp://127.0.0.1:" + proxy.port());

        var reports = new SmtpMailSender(settings, FAST, TRUST_TEST_CERT)
                .deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE);

        assertEquals(DeliveryReport.Status.SENT, reports.get(0).status());
        assertFalse(proxy.transcript().contains("tls:AUTH"));
    }
}
