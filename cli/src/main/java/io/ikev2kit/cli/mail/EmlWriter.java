package io.ikev2kit.cli.mail;

import io.ikev2kit.pki.store.AtomicFiles;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes each profile mail as an RFC 5322 {@code DEVICE.eml} file instead of sending it, for people who send from
 * their own mail client. Each file is marked {@code X-Unsent: 1}, so Outlook opens it as a draft ready to send.
 */
public final class EmlWriter implements MailSender {

    private final Path directory;
    private final MessageComposer composer;

    public EmlWriter(Path directory) {
        this(directory, new MessageComposer());
    }

    public EmlWriter(Path directory, MessageComposer composer) {
        this.directory = directory;
        this.composer = composer;
    }

    @Override
    public List<DeliveryReport> deliver(List<ProfileMail> mails, DeliveryListener listener) {
        var reports = new ArrayList<DeliveryReport>();
        var used = new HashSet<String>();
        for (ProfileMail mail : mails) {
            Path file = directory.resolve(fileName(mail.deviceName(), used));
            write(mail, file);
            var report = new DeliveryReport(mail.deviceName(), mail.recipient(), DeliveryReport.Status.WRITTEN, 0,
                    file.toString());
            reports.add(report);
            listener.finished(report);
        }
        return List.copyOf(reports);
    }

    /** Writes one mail to the given file, replacing it atomically. */
    public void write(ProfileMail mail, Path file) {
        MimeMessage message = composer.compose(mail);
        try {
            message.setHeader("X-Unsent", "1");
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            message.writeTo(bytes);
            AtomicFiles.writeSecret(file, bytes.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("serialising the message for " + mail.deviceName() + " failed", e);
        } catch (io.ikev2kit.pki.UserError e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    /** The device name made safe as a file name, with -2, -3, ... when two mails in one batch share it. */
    static String fileName(String deviceName, Set<String> used) {
        String base = deviceName.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        String name = base + ".eml";
        for (int n = 2; !used.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
            name = base + "-" + n + ".eml";
        }
        return name;
    }
}
