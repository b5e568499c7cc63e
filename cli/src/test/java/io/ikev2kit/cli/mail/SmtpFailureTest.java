package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.UnknownHostException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

/** Failures that cannot be staged on loopback without touching the network (DNS) are classified here directly. */
class SmtpFailureTest {

    private final SmtpSettings smtp = SmtpSettings.parse("smtp://admin@mail.example.com");

    @Test
    void anUnknownHostStopsTheRun() {
        var e = new MailConnectException(new SocketConnectException("Could not connect",
                new UnknownHostException("mail.example.com"), "mail.example.com", 587, 30000));

        var failure = SmtpFailure.of(e, smtp);

        assertEquals(SmtpFailure.Kind.FATAL, failure.kind());
        assertEquals("the SMTP host 'mail.example.com' is unknown (no DNS entry); check the host name in the SMTP URI",
                failure.reason());
    }

    @Test
    void aRefusedRecipientInsideSendFailedIsPermanent() throws Exception {
        var refused = new SMTPAddressFailedException(new InternetAddress("bob@example.org"), "RCPT TO:<bob@example.org>",
                550, "550 5.1.1 No such user\n");
        var e = new SendFailedException("Invalid Addresses", refused);

        assertEquals(new SmtpFailure(SmtpFailure.Kind.PERMANENT, "server refused it: 550 5.1.1 No such user"),
                SmtpFailure.of(e, smtp));
    }

    @Test
    void aLoginDemandWithoutUserStopsTheRunAndSaysHowToLogIn() {
        var anonymous = SmtpSettings.parse("smtp://mail.example.com");
        var e = new SMTPSendFailedException("MAIL FROM:<a@example.com>", 530, "530 5.7.0 Authentication required",
                null, null, null, null);

        var failure = SmtpFailure.of(e, anonymous);

        assertEquals(SmtpFailure.Kind.FATAL, failure.kind());
        assertEquals("the SMTP server mail.example.com:587 requires a login (530 5.7.0 Authentication required); put "
                + "the user in the SMTP URI (smtp://USER@host) and give the password", failure.reason());
    }

    @Test
    void aServerClosingTheConnectionIsTransient() {
        var e = new MessagingException("[EOF]");

        assertEquals(SmtpFailure.Kind.TRANSIENT, SmtpFailure.of(e, smtp).kind());
    }

    @Test
    void aBusyGreetingIsTransientAndQuotesTheServer() {
        var e = new MessagingException("Got bad greeting from SMTP host: mail.example.com, port: 587, response: "
                + "421 4.3.2 Too busy\n");

        assertEquals(new SmtpFailure(SmtpFailure.Kind.TRANSIENT, "server deferred it: 421 4.3.2 Too busy"),
                SmtpFailure.of(e, smtp));
    }
}
