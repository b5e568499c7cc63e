package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MailRunTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                    .withPerMethodLifecycle(true);

    @TempDir
    Path dir;

    private SmtpProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new SmtpProxy(greenMail.getSmtp().getPort(), TestTls.serverContext());
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
    }

    private List<DeliveryReport.Status> run(List<ProfileMail> mails, boolean resend) {
        var sender = new SmtpMailSender(SmtpSettings.parse("smtp://127.0.0.1:" + proxy.port()),
                new RetryPolicy(2, Duration.ofMillis(1)), TestTls.trustingClient());
        return new MailRun(sender, SentLog.in(dir), CLOCK).deliver(mails, resend, DeliveryListener.NONE).stream()
                .map(DeliveryReport::status).toList();
    }

    @Test
    void aSecondRunSkipsDevicesThatAlreadyGotTheSameProfile() {
        var mails = List.of(Samples.mail("alice", "alice@example.org"), Samples.mail("bob", "bob@example.org"));
        run(mails, false);

        var second = run(mails, false);

        assertEquals(List.of(DeliveryReport.Status.SKIPPED, DeliveryReport.Status.SKIPPED), second);
        assertEquals(2, greenMail.getReceivedMessages().length);
    }

    @Test
    void resendSendsAgain() {
        var mails = List.of(Samples.mail("alice", "alice@example.org"));
        run(mails, false);

        var second = run(mails, true);

        assertEquals(List.of(DeliveryReport.Status.SENT), second);
        assertEquals(2, greenMail.getReceivedMessages().length);
        assertEquals(2, SentLog.in(dir).entries().size());
    }

    @Test
    void sendsOnlyTheDevicesWhoseProfileChanged() {
        run(List.of(Samples.mail("alice", "alice@example.org"), Samples.mail("bob", "bob@example.org")), false);

        var second = run(List.of(Samples.mail("alice", "alice@example.org", "renewed".getBytes()),
                Samples.mail("bob", "bob@example.org")), false);

        assertEquals(List.of(DeliveryReport.Status.SENT, DeliveryReport.Status.SKIPPED), second);
        assertEquals(3, greenMail.getReceivedMessages().length);
    }

    @Test
    void logsNothingForAFailedMessageSoTheNextRunTriesItAgain() {
        proxy.failing("RCPT", "bob@", "550 5.1.1 No such user", 1);
        var mails = List.of(Samples.mail("bob", "bob@example.org"));

        assertEquals(List.of(DeliveryReport.Status.FAILED), run(mails, false));
        assertEquals(List.of(DeliveryReport.Status.SENT), run(mails, false));
    }

    @Test
    void keepsWhatWasSentWhenTheRunStopsHalfWay() {
        var heard = new ArrayList<DeliveryReport>();
        var mails = List.of(Samples.mail("alice", "alice@example.org"), Samples.mail("bob", "bob@example.org"));
        var sender = new SmtpMailSender(SmtpSettings.parse("smtp://127.0.0.1:" + proxy.port()),
                new RetryPolicy(1, Duration.ZERO), TestTls.trustingClient());
        DeliveryListener stopAfterFirst = report -> {
            heard.add(report);
            closeQuietly(proxy); // the server goes away between alice and bob
        };

        assertThrows(MailException.class, () -> new MailRun(sender, SentLog.in(dir), CLOCK)
                .deliver(mails, false, stopAfterFirst));

        assertEquals(1, heard.size());
        assertEquals(List.of("alice"), SentLog.in(dir).entries().stream().map(SentLog.Entry::device).toList());
    }

    private static void closeQuietly(SmtpProxy proxy) {
        try {
            proxy.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
