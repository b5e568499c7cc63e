package io.ikev2kit.cli.mail;

import io.ikev2kit.pki.FreeText;
import io.ikev2kit.pki.Visible;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one message says: to whom, for which device and VPN, with which files and install steps.
 * Deliberately has no password: the certificate password travels by another channel.
 *
 * @param recipient and {@code sender}: an RFC 5322 address, with or without a display name
 * @param platforms the platforms to give install steps for; each needs its file among the attachments
 */
public record ProfileMail(String deviceName, String recipient, String sender, String vpnName, String vpnHost,
                          List<Attachment> attachments, Set<Platform> platforms) {

    public ProfileMail {
        requireText("device name", deviceName);
        requireText("VPN name", vpnName);
        requireText("VPN host", vpnHost);
        address("recipient of " + deviceName, recipient);
        address("sender", sender);
        attachments = List.copyOf(attachments);
        if (attachments.isEmpty()) {
            throw new IllegalArgumentException("a profile mail for " + deviceName + " needs at least one attachment");
        }
        var names = new HashSet<String>();
        for (Attachment a : attachments) {
            if (!names.add(a.fileName())) {
                throw new IllegalArgumentException("two attachments named " + a.fileName() + " for " + deviceName);
            }
        }
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("a profile mail for " + deviceName + " needs at least one platform");
        }
        platforms = Collections.unmodifiableSet(EnumSet.copyOf(platforms));
        for (Platform p : platforms) {
            if (attachments.stream().noneMatch(p::installs)) {
                throw new IllegalArgumentException(p + " install steps for " + deviceName + " need its file attached");
            }
        }
    }

    /** The attachment the platform installs; the constructor guarantees there is one. */
    public Attachment fileFor(Platform platform) {
        return attachments.stream().filter(platform::installs).findFirst().orElseThrow();
    }

    /** The recipient's bare address in lower case, e.g. {@code alice@example.com}. */
    public String recipientAddress() {
        return address("recipient of " + deviceName, recipient).getAddress().toLowerCase(Locale.ROOT);
    }

    /** {@code sha256:HEX} over every attachment's name, type and bytes: equal fingerprints mean the same files. */
    public String fingerprint() {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            for (Attachment a : attachments) {
                for (byte[] part : List.of(a.fileName().getBytes(StandardCharsets.UTF_8),
                        a.mimeType().getBytes(StandardCharsets.UTF_8), a.content())) {
                    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
                    sha.update(part);
                }
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Parses one address; a bad one is the user's to fix, so it is a {@link MailException}. */
    static InternetAddress address(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new MailException("the " + what + " e-mail address is missing; give one and run again");
        }
        // a line break would end the header it is written into; other control characters are not text
        if (!value.codePoints().allMatch(FreeText::allowed)) {
            throw new MailException("the " + what + " " + Visible.quote(value) + " contains a control character; give "
                    + "the address on one line");
        }
        try {
            var parsed = InternetAddress.parse(value, true);
            if (parsed.length != 1) {
                throw new MailException("the " + what + " " + Visible.quote(value) + " is not one e-mail address; give "
                        + "exactly one");
            }
            parsed[0].validate();
            // without SMTPUTF8 a header carries only ASCII addresses: anything else would arrive changed
            if (!parsed[0].getAddress().chars().allMatch(c -> c < 0x80)) {
                throw new MailException("the " + what + " " + Visible.quote(value) + " is not an ASCII e-mail address; "
                        + "give its ASCII form (the domain in punycode, e.g. xn--...)");
            }
            return parsed[0];
        } catch (AddressException e) {
            throw new MailException("the " + what + " " + Visible.quote(value) + " is not a valid e-mail address ("
                    + Visible.of(e.getMessage()) + "); correct it and run again", e);
        }
    }

    private static void requireText(String what, String value) {
        // control characters would let a value break out of the Subject header or the sent-log line
        if (value == null || value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be non-blank text on one line: " + value);
        }
    }
}
