package io.ikev2kit.cli.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

/**
 * Builds the MIME message for a {@link ProfileMail}: multipart/mixed holding a multipart/alternative (plain text and
 * HTML install steps) and one part per attachment. It takes no password, so none can end up in a message.
 */
public final class MessageComposer {

    private final Session session = Session.getInstance(new Properties());
    private final Clock clock;

    public MessageComposer() {
        this(Clock.systemUTC());
    }

    public MessageComposer(Clock clock) {
        this.clock = clock;
    }

    public MimeMessage compose(ProfileMail mail) {
        MailText text = MailText.of(mail);
        String domain = ProfileMail.address("sender", mail.sender()).getAddress().replaceFirst(".*@", "");
        try {
            var message = new ProfileMessage(session, domain);
            message.setFrom(encoded(ProfileMail.address("sender", mail.sender())));
            message.setRecipient(Message.RecipientType.TO, encoded(ProfileMail.address("recipient", mail.recipient())));
            message.setSubject(text.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            // RFC 3834: tells vacation responders not to answer a generated message
            message.setHeader("Auto-Submitted", "auto-generated");

            var body = new MimeMultipart("alternative");
            body.addBodyPart(textPart(plainText(text), "plain"));
            body.addBodyPart(textPart(html(text), "html"));
            var bodyPart = new MimeBodyPart();
            bodyPart.setContent(body);

            var mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(bodyPart);
            for (Attachment attachment : mail.attachments()) {
                mixed.addBodyPart(attachmentPart(attachment));
            }
            message.setContent(mixed);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("composing the message for " + mail.deviceName() + " failed", e);
        }
    }

    /**
     * The address with a non-ASCII display name as an RFC 2047 encoded-word: a parsed address keeps its name as
     * typed, and raw UTF-8 in a header is refused by servers without SMTPUTF8 (RFC 6532) and garbled by readers.
     */
    static InternetAddress encoded(InternetAddress address) {
        if (address.getPersonal() == null) {
            return address;
        }
        try {
            return new InternetAddress(address.getAddress(), address.getPersonal(), "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("every Java runtime has UTF-8", e);
        }
    }

    static String plainText(MailText text) {
        var out = new StringBuilder("Hello,\n\n");
        text.intro().forEach(line -> out.append(line).append('\n'));
        for (MailText.Section section : text.sections()) {
            out.append('\n').append(section.heading()).append(" (").append(section.fileName()).append("):\n");
            int n = 1;
            for (MailText.Step step : section.steps()) {
                out.append("  ").append(n++).append(". ").append(step.text()).append('\n');
                if (!step.code().isEmpty()) {
                    out.append("       ").append(step.code()).append('\n');
                }
            }
        }
        out.append('\n');
        text.closing().forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    static String html(MailText text) {
        var out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(text.subject())).append("</title></head>\n<body>\n<p>Hello,</p>\n<p>");
        out.append(String.join("<br>\n", text.intro().stream().map(MessageComposer::escape).toList())).append("</p>\n");
        for (MailText.Section section : text.sections()) {
            out.append("<h3>").append(escape(section.heading())).append(" (<b>").append(escape(section.fileName()))
                    .append("</b>)</h3>\n<ol>\n");
            for (MailText.Step step : section.steps()) {
                out.append("  <li>").append(escape(step.text()));
                if (!step.code().isEmpty()) {
                    out.append("<br><code>").append(escape(step.code())).append("</code>");
                }
                out.append("</li>\n");
            }
            out.append("</ol>\n");
        }
        text.closing().forEach(line -> out.append("<p>").append(escape(line)).append("</p>\n"));
        return out.append("</body></html>\n").toString();
    }

    static String escape(String s) {
        var out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        var part = new MimeBodyPart();
        part.setText(content, "UTF-8", subtype);
        return part;
    }

    private static MimeBodyPart attachmentPart(Attachment attachment) throws MessagingException {
        var part = new MimeBodyPart();
        String type = attachment.mimeType().equals(Attachment.TEXT) ? Attachment.TEXT + "; charset=UTF-8" : attachment.mimeType();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), type)));
        part.setFileName(attachment.fileName());
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        // base64 always: a .mobileconfig or .sswan must arrive byte for byte, whatever its line lengths
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** Names its Message-ID after the sender's domain rather than this machine's host name. */
    private static final class ProfileMessage extends MimeMessage {
        private final String domain;

        ProfileMessage(Session session, String domain) {
            super(session);
            this.domain = domain;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
        }
    }
}
