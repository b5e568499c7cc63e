package io.ikev2kit.cli.mail;

import java.util.List;

/** Delivers profile mails: over SMTP ({@link SmtpMailSender}) or as files ({@link EmlWriter}). */
public interface MailSender {

    /**
     * Delivers each mail in order and reports on each, to the listener as it happens and in the returned list.
     * A failure of one message is a FAILED report; a failure that stops every message (login refused, no TLS,
     * server unreachable) is a {@link MailException}, after the listener has heard about the mails already done.
     */
    List<DeliveryReport> deliver(List<ProfileMail> mails, DeliveryListener listener);
}
