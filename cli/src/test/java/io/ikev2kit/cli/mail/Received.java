package io.ikev2kit.cli.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Takes a received message apart again with Jakarta Mail, the way a mail client would. */
record Received(String subject, String plain, String html, Map<String, Attachment> attachments, String raw) {

    static Received parse(MimeMessage message) throws Exception {
        var raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        var mixed = (Multipart) message.getContent();
        var alternative = (Multipart) mixed.getBodyPart(0).getContent();
        String plain = null;
        String html = null;
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart part = alternative.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                plain = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                html = (String) part.getContent();
            }
        }
        var attachments = new LinkedHashMap<String, Attachment>();
        for (int i = 1; i < mixed.getCount(); i++) {
            BodyPart part = mixed.getBodyPart(i);
            if (!Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                throw new AssertionError("part " + i + " is not an attachment: " + part.getDisposition());
            }
            String type = new ContentType(part.getContentType()).getBaseType();
            byte[] bytes = part.getInputStream().readAllBytes();
            attachments.put(part.getFileName(), new Attachment(part.getFileName(), type, bytes));
        }
        return new Received(message.getSubject(), plain, html, attachments,
                raw.toString(StandardCharsets.ISO_8859_1));
    }
}
