package io.ikev2kit.cli.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What was mailed to whom, kept as one tab-separated line per message in {@value #FILE_NAME}, so that a re-run
 * skips devices that already got the same files. Rewritten atomically after each message sent.
 */
public final class SentLog {

    public static final String FILE_NAME = "sent-mail.log";
    private static final String HEADER = "# ikev2kit sent mail: sent-at\tdevice\trecipient\tprofile-fingerprint";

    /** One message sent: when, for which device, to which bare address, with which files. */
    public record Entry(Instant sentAt, String device, String recipient, String fingerprint) {
        String line() {
            return sentAt + "\t" + device + "\t" + recipient + "\t" + fingerprint;
        }
    }

    private final Path file;
    private final List<Entry> entries;

    private SentLog(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The log in this directory; empty if there is none yet. */
    public static SentLog in(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new SentLog(file, new ArrayList<>());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MailException("could not read the sent-mail log " + file + " (" + e.getMessage()
                    + "); check its permissions", e);
        }
        var entries = new ArrayList<Entry>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            entries.add(parse(file, i + 1, line));
        }
        return new SentLog(file, entries);
    }

    public Path file() {
        return file;
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The latest time this device was sent these same files at this same address, if ever. */
    public synchronized Optional<Entry> previous(ProfileMail mail) {
        String recipient = mail.recipientAddress();
        String fingerprint = mail.fingerprint();
        return entries.stream()
                .filter(e -> e.device().equals(mail.deviceName()) && e.recipient().equals(recipient)
                        && e.fingerprint().equals(fingerprint))
                .max(Comparator.comparing(Entry::sentAt));
    }

    /** Adds the mail to the log and rewrites the file atomically. */
    public synchronized void record(ProfileMail mail, Instant sentAt) {
        var entry = new Entry(sentAt, mail.deviceName(), mail.recipientAddress(), mail.fingerprint());
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        entries.forEach(e -> lines.add(e.line()));
        lines.add(entry.line());
        try {
            io.ikev2kit.pki.AtomicFiles.writeSecret(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (io.ikev2kit.pki.UserError e) {
            throw new MailException("could not update the sent-mail log " + file + " (" + e.getMessage() + "); "
                    + mail.deviceName() + " was sent but will be sent again on the next run unless the log is fixed",
                    e);
        }
        entries.add(entry);
    }

    private static Entry parse(Path file, int lineNumber, String line) {
        String[] fields = line.split("\t", -1);
        try {
            if (fields.length != 4 || fields[1].isEmpty() || fields[2].isEmpty() || !fields[3].startsWith("sha256:")) {
                throw new IllegalArgumentException("expected 4 tab-separated fields");
            }
            return new Entry(Instant.parse(fields[0]), fields[1], fields[2], fields[3]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MailException(file + " line " + lineNumber + " is not a sent-mail entry (" + e.getMessage()
                    + "); fix or delete that line", e);
        }
    }
}
