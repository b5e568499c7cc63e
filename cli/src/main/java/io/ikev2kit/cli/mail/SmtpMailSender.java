package io.ikev2kit.cli.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends profile mails through one SMTP server with Angus Mail, over one connection for the whole batch (reconnecting
 * if the server drops it). Each message is retried on 4xx replies and lost connections, with exponential back-off;
 * a 5xx reply fails that message only. TLS is always on: STARTTLS required for smtp://, implicit for smtps://.
 */
public final class SmtpMailSender implements MailSender {

    /** Waits between attempts; a seam so tests need not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final SmtpSettings settings;
    private final RetryPolicy retry;
    private final Session session;
    private final MessageComposer composer;
    private final Sleeper sleeper;

    /** Trusts what the JVM's default trust store trusts. */
    public SmtpMailSender(SmtpSettings settings, RetryPolicy retry) {
        this(settings, retry, null, new MessageComposer(), d -> Thread.sleep(d.toMillis()));
    }

    /** Makes TLS connections with this factory, e.g. one trusting a private CA or a test server's certificate. */
    public SmtpMailSender(SmtpSettings settings, RetryPolicy retry, SSLSocketFactory tls) {
        this(settings, retry, Objects.requireNonNull(tls, "tls"), new MessageComposer(),
                d -> Thread.sleep(d.toMillis()));
    }

    SmtpMailSender(SmtpSettings settings, RetryPolicy retry, SSLSocketFactory tls, MessageComposer composer,
                   Sleeper sleeper) {
        if (settings.user().isPresent() && !settings.hasPassword()) {
            throw new MailException("the SMTP URI names the user '" + settings.user().get() + "' but no password "
                    + "was given; set " + SmtpPassword.ENVIRONMENT_VARIABLE + " or use a password file");
        }
        if (settings.user().isEmpty() && settings.hasPassword()) {
            throw new MailException("an SMTP password was given but the SMTP URI names no user; write it as "
                    + "smtp://USER@" + settings.host());
        }
        this.settings = settings;
        this.retry = retry;
        this.session = Session.getInstance(properties(settings, tls));
        this.composer = composer;
        this.sleeper = sleeper;
    }

    @Override
    public List<DeliveryReport> deliver(List<ProfileMail> mails, DeliveryListener listener) {
        var reports = new ArrayList<DeliveryReport>();
        Transport transport = transport();
        try {
            for (ProfileMail mail : mails) {
                DeliveryReport report = deliverOne(transport, mail, listener);
                reports.add(report);
                listener.finished(report);
            }
        } finally {
            close(transport);
        }
        return List.copyOf(reports);
    }

    private DeliveryReport deliverOne(Transport transport, ProfileMail mail, DeliveryListener listener) {
        MimeMessage message = composer.compose(mail);
        for (int attempt = 1; ; attempt++) {
            boolean connecting = false;
            try {
                if (!transport.isConnected()) {
                    connecting = true;
                    connect(transport);
                    connecting = false;
                }
                transport.sendMessage(message, message.getAllRecipients());
                return DeliveryReport.sent(mail, attempt);
            } catch (MessagingException e) {
                close(transport);
                SmtpFailure failure = SmtpFailure.of(e, settings);
                String reason = redact(failure.reason());
                if (failure.kind() == SmtpFailure.Kind.FATAL) {
                    throw new MailException(reason, e);
                }
                boolean lastTry = failure.kind() == SmtpFailure.Kind.PERMANENT || attempt >= retry.maxAttempts();
                if (lastTry && connecting) {
                    throw new MailException("could not connect to the SMTP server " + settings.host() + ":"
                            + settings.port() + " after " + attempt + " attempts: " + reason + "; check the host "
                            + "and port in the SMTP URI (smtps:// for port 465) and that the server is up", e);
                }
                if (lastTry) {
                    return DeliveryReport.failed(mail, attempt, reason);
                }
                Duration delay = retry.delayAfter(attempt);
                listener.retrying(mail, attempt, delay, reason);
                pause(delay);
            }
        }
    }

    private void connect(Transport transport) throws MessagingException {
        if (settings.user().isEmpty()) {
            transport.connect(settings.host(), settings.port(), null, null);
            return;
        }
        char[] password = settings.password();
        try {
            // Jakarta Mail takes the password only as a String; it lives no longer than this call needs it
            transport.connect(settings.host(), settings.port(), settings.user().get(), new String(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Transport transport() {
        try {
            return session.getTransport(protocol(settings));
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("Angus Mail's SMTP provider is missing from the class path", e);
        }
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailException("mail delivery was interrupted; run again to send the rest", e);
        }
    }

    /** Last line of defence: no reason leaves this class with the password in it, whatever a server echoed. */
    private String redact(String text) {
        if (!settings.hasPassword()) {
            return text;
        }
        char[] password = settings.password();
        try {
            return text.replace(new String(password), "********");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the connection is being abandoned either way; the reason that matters is already known
        }
    }

    private static String protocol(SmtpSettings settings) {
        return settings.security() == SmtpSettings.Security.IMPLICIT_TLS ? "smtps" : "smtp";
    }

    static Properties properties(SmtpSettings settings, SSLSocketFactory tls) {
        String p = "mail." + protocol(settings) + ".";
        var props = new Properties();
        props.put("mail.transport.protocol", protocol(settings));
        props.put(p + "host", settings.host());
        props.put(p + "port", String.valueOf(settings.port()));
        props.put(p + "auth", String.valueOf(settings.user().isPresent()));
        if (settings.security() == SmtpSettings.Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        } else {
            props.put(p + "ssl.enable", "true");
        }
        props.put(p + "ssl.checkserveridentity", "true");
        if (tls != null) {
            props.put(p + "ssl.socketFactory", tls);
        }
        String millis = String.valueOf(settings.timeout().toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        return props;
    }
}
