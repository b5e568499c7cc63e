package io.ikev2kit.cli.mail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What was mailed to whom, kept as one tab-separated line per message in {@value #FILE_NAME}, so that a re-run
 * skips devices that already got the same files. Each message sent appends its line and fsyncs, so a mailing
 * costs the same per message at any size (rewriting the whole log per message made 'mail --all' quadratic); a
 * last line without its newline is an append cut off by a crash, and is ignored.
 */
public final class SentLog {

    public static final String FILE_NAME = "sent-mail.log";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String HEADER = "# ikev2kit sent mail: sent-at\tdevice\trecipient\tprofile-fingerprint";

    /** One message sent: when, for which device, to which bare address, with which files. */
    public record Entry(Instant sentAt, String device, String recipient, String fingerprint) {
        String line() {
            return sentAt + "\t" + device + "\t" + recipient + "\t" + fingerprint;
        }
    }

    /** What makes two messages "the same": the latest entry per device, bare address and profile fingerprint. */
    private record Key(String device, String recipient, String fingerprint) {
    }

    private final Path file;
    private final List<Entry> entries;
    private final Map<Key, Entry> latest = new HashMap<>();

    private SentLog(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
        entries.forEach(this::remember);
    }

    private void remember(Entry entry) {
        latest.merge(new Key(entry.device(), entry.recipient(), entry.fingerprint()), entry,
                (old, added) -> added.sentAt().isBefore(old.sentAt()) ? old : added);
    }

    /** The log in this directory; empty if there is none yet. */
    public static SentLog in(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new SentLog(file, new ArrayList<>());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MailException("could not read the sent-mail log " + file + " (" + e.getMessage()
                    + "); check its permissions", e);
        }
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            lines.remove(lines.size() - 1); // an append a crash cut short: that message counts as not sent
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
        return Optional.ofNullable(latest.get(new Key(mail.deviceName(), mail.recipientAddress(), mail.fingerprint())));
    }

    /** Appends the mail to the log, durably (the header first when the log is new). */
    public synchronized void record(ProfileMail mail, Instant sentAt) {
        var entry = new Entry(sentAt, mail.deviceName(), mail.recipientAddress(), mail.fingerprint());
        try {
            append((Files.exists(file) ? "" : HEADER + "\n") + entry.line() + "\n");
        } catch (IOException e) {
            throw new MailException("could not update the sent-mail log " + file + " (" + e.getMessage() + "); "
                    + mail.deviceName() + " was sent but will be sent again on the next run unless the log is fixed",
                    e);
        }
        entries.add(entry);
        remember(entry);
    }

    private void append(String text) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        boolean created = !Files.exists(file);
        try (FileChannel channel = FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        if (created) {
            Files.setPosixFilePermissions(file, OWNER_ONLY); // whatever the umask
            io.ikev2kit.pki.store.AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
        }
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
