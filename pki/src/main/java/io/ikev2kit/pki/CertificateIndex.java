package io.ikev2kit.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The list of every certificate the CA issued, one tab-separated line each. Plain text so a user can read it,
 * strict on reading so a damaged line is reported with its number instead of silently dropped. The p12 column
 * lists a device's forms ({@code modern,legacy}); the platform column came later, so a line without it is a
 * device of platform {@code any}.
 *
 * <p>The file is written whole once ({@link #format}) and then only appended to ({@link #appended}), so a command
 * that issues or revokes a few certificates writes a few lines whatever the size of the site. Each append is a
 * group: a line {@code # append N} and then N entry lines. A later line for a serial replaces the earlier one
 * (a revocation, say) in place. A group with fewer than N complete lines at the end of the file is an append
 * a crash cut short: none of it counts, and the next append first cuts it off ({@link #committedLength}).
 */
public record CertificateIndex(List<IndexEntry> entries) {
    static final String HEADER = "# serial\tkind\tname\tnot_after\tstatus\trevoked_at\treason\tp12\tplatform";
    private static final String APPEND = "# append ";

    public CertificateIndex {
        entries = List.copyOf(entries);
    }

    public static CertificateIndex empty() {
        return new CertificateIndex(List.of());
    }

    /** The device's newest certificate that is not revoked, if any. */
    public Optional<IndexEntry> current(DeviceName device) {
        IndexEntry found = null;
        for (IndexEntry entry : entries) {
            if (entry.kind() == IndexEntry.Kind.DEVICE && entry.name().equals(device.value()) && !entry.isRevoked()) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Each device's newest certificate that is not revoked, in the order the devices were first issued. */
    public List<IndexEntry> currentDevices() {
        java.util.Map<String, IndexEntry> current = new java.util.LinkedHashMap<>();
        for (IndexEntry entry : entries) {
            if (entry.kind() == IndexEntry.Kind.DEVICE && !entry.isRevoked()) {
                current.put(entry.name(), entry); // a later entry replaces the value, not the position
            }
        }
        return List.copyOf(current.values());
    }

    public List<IndexEntry> devices() {
        return entries.stream().filter(e -> e.kind() == IndexEntry.Kind.DEVICE).toList();
    }

    public List<IndexEntry> revoked() {
        return entries.stream().filter(IndexEntry::isRevoked).toList();
    }

    public CertificateIndex with(IndexEntry entry) {
        return withAll(List.of(entry));
    }

    /**
     * Adds many entries at once (a bulk batch); an entry with the serial of an existing one replaces it in
     * place, as a re-read of the file would ({@link #parse}).
     */
    public CertificateIndex withAll(List<IndexEntry> added) {
        Map<BigInteger, IndexEntry> bySerial = new LinkedHashMap<>();
        entries.forEach(e -> bySerial.put(e.serial(), e));
        added.forEach(e -> bySerial.put(e.serial(), e));
        return new CertificateIndex(new ArrayList<>(bySerial.values()));
    }

    /** The whole file: the header and one line per entry. */
    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        entries.forEach(e -> line(e, out));
        return out.toString();
    }

    /** What an append adds to the file: the group line and one line per entry. */
    public static String appended(List<IndexEntry> added) {
        StringBuilder out = new StringBuilder(APPEND).append(added.size()).append('\n');
        added.forEach(e -> line(e, out));
        return out.toString();
    }

    private static void line(IndexEntry e, StringBuilder out) {
        out.append(e.serialHex()).append('\t')
                .append(e.kind().name().toLowerCase(Locale.ROOT)).append('\t')
                .append(e.name()).append('\t')
                .append(IsoInstant.format(e.notAfter())).append('\t')
                .append(e.status().name().toLowerCase(Locale.ROOT)).append('\t')
                .append(e.revokedAt().map(IsoInstant::format).orElse("-")).append('\t')
                .append(e.reason().map(CertificateAuthority.Reason::label).orElse("-")).append('\t')
                .append(e.p12().isEmpty() ? "-" : String.join(",", e.p12().stream().map(P12Format::label).toList()))
                .append('\t').append(e.kind() == IndexEntry.Kind.DEVICE ? e.platform().label() : "-").append('\n');
    }

    public static CertificateIndex parse(String text, String source) {
        return parse(text.getBytes(StandardCharsets.UTF_8), source);
    }

    /** Reads the whole file; a damaged line is reported with its number. */
    public static CertificateIndex parse(byte[] data, String source) {
        Map<BigInteger, IndexEntry> bySerial = new LinkedHashMap<>();
        walk(data, source, (number, line) -> {
            try {
                IndexEntry entry = parseLine(line);
                bySerial.put(entry.serial(), entry); // a later line for a serial replaces it in place
            } catch (IllegalArgumentException | DateTimeParseException | UserError e) {
                throw damaged(source, number, e.getMessage());
            }
        });
        return new CertificateIndex(new ArrayList<>(bySerial.values()));
    }

    /**
     * Which of {@code names} have a device certificate that is not revoked, looking closely only at the lines
     * that name them: what adding devices needs to know, without building every entry of a large site.
     */
    public static Set<String> currentDeviceNames(byte[] data, Set<String> names, String source) {
        Map<String, String> nameBySerial = new HashMap<>();
        Map<String, Boolean> revokedBySerial = new HashMap<>();
        walk(data, source, (number, line) -> {
            int serialEnd = line.indexOf('\t');
            int kindEnd = serialEnd < 0 ? -1 : line.indexOf('\t', serialEnd + 1);
            int nameEnd = kindEnd < 0 ? -1 : line.indexOf('\t', kindEnd + 1);
            if (nameEnd < 0) {
                throw damaged(source, number, "expected 9 tab-separated fields");
            }
            if (!line.regionMatches(true, serialEnd + 1, "device\t", 0, 7)
                    || !names.contains(line.substring(kindEnd + 1, nameEnd))) {
                return;
            }
            IndexEntry entry;
            try {
                entry = parseLine(line);
            } catch (IllegalArgumentException | DateTimeParseException | UserError e) {
                throw damaged(source, number, e.getMessage());
            }
            nameBySerial.put(entry.serialHex(), entry.name());
            revokedBySerial.put(entry.serialHex(), entry.isRevoked()); // the last line for a serial decides
        });
        Set<String> current = new HashSet<>();
        revokedBySerial.forEach((serial, revoked) -> {
            if (!revoked) {
                current.add(nameBySerial.get(serial));
            }
        });
        return current;
    }

    /**
     * How many bytes of the file count: all of it, unless it ends in an append a crash cut short, which the next
     * append must cut off first (its lines would otherwise be counted as part of the next group).
     */
    public static int committedLength(byte[] data) {
        byte[] append = APPEND.getBytes(StandardCharsets.US_ASCII);
        int header = -1;
        int lastLine = 0;
        for (int start = 0; start < data.length; ) { // a byte scan: no line is decoded, whatever the size of the file
            if (Arrays.equals(data, start, Math.min(data.length, start + append.length), append, 0, append.length)) {
                header = start;
            }
            lastLine = start;
            int newline = indexOf(data, (byte) '\n', start);
            start = newline < 0 ? data.length : newline + 1;
        }
        int tail = data.length - lastLine;
        if (tail > 0 && data[data.length - 1] != '\n' && tail < append.length
                && Arrays.equals(data, lastLine, data.length, append, 0, tail)) {
            return lastLine; // the start of a group line, cut short
        }
        if (header < 0) {
            return data.length;
        }
        int headerEnd = indexOf(data, (byte) '\n', header);
        if (headerEnd < 0) {
            return header;
        }
        int expected;
        try {
            expected = Integer.parseInt(new String(data, header + append.length, headerEnd - header - append.length,
                    StandardCharsets.US_ASCII).strip());
        } catch (NumberFormatException e) {
            return data.length; // a damaged group line: reading the index reports it
        }
        int complete = 0;
        for (int start = headerEnd + 1; start < data.length && complete < expected; ) {
            int newline = indexOf(data, (byte) '\n', start);
            if (newline < 0) {
                break;
            }
            String line = new String(data, start, newline - start, StandardCharsets.UTF_8).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                complete++;
            }
            start = newline + 1;
        }
        return complete < expected ? header : data.length;
    }

    private static int indexOf(byte[] data, byte value, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static UserError damaged(String source, int number, String why) {
        return new UserError(source + " line " + number + " is damaged (" + why
                + "): restore the file from a backup or fix that line");
    }

    /** Told each entry line that counts, with its line number. */
    private interface LineVisitor {
        void line(int number, String line);
    }

    /**
     * Visits the entry lines that count, in order, and returns the length of the committed part of the file:
     * a group's lines are held back until the group is complete, and an incomplete last group is left out.
     */
    private static int walk(byte[] data, String source, LineVisitor visitor) {
        int number = 0;
        int expected = 0;
        int groupStart = 0;
        List<String> group = new ArrayList<>();
        int groupFirstLine = 0;
        int pos = 0;
        while (pos < data.length) {
            int end = pos;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            number++;
            boolean terminated = end < data.length;
            int lineStart = pos;
            String line = new String(data, pos, end - pos, StandardCharsets.UTF_8).strip();
            pos = terminated ? end + 1 : end;
            if (line.startsWith(APPEND) || expected > 0 && !terminated || !terminated && isCutGroupLine(data, lineStart)) {
                if (!terminated) {
                    return expected > 0 ? groupStart : lineStart; // cut short by a crash
                }
                if (expected > 0) {
                    throw damaged(source, number, "a new group starts before the one at line " + (groupFirstLine - 1)
                            + " has its " + expected + " lines");
                }
                expected = groupSize(line, source, number);
                groupStart = lineStart;
                groupFirstLine = number + 1;
                group.clear();
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (expected == 0) {
                visitor.line(number, line);
                continue;
            }
            group.add(line);
            if (group.size() == expected) {
                int first = number - expected + 1;
                for (int i = 0; i < group.size(); i++) {
                    visitor.line(first + i, group.get(i));
                }
                expected = 0;
                group.clear();
            }
        }
        return expected > 0 ? groupStart : data.length;
    }

    /** An unterminated last line that is the start of a group line: a crash cut it before its count. */
    private static boolean isCutGroupLine(byte[] data, int lineStart) {
        int length = data.length - lineStart;
        return length > 0 && length < APPEND.length() && APPEND.startsWith(new String(data, lineStart, length,
                StandardCharsets.US_ASCII));
    }

    private static int groupSize(String line, String source, int number) {
        try {
            int size = Integer.parseInt(line.substring(APPEND.length()).strip());
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw damaged(source, number, Visible.quote(line) + " should give the number of lines that follow");
    }

    private static IndexEntry parseLine(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 8 && f.length != 9) {
            throw new IllegalArgumentException("expected 9 tab-separated fields, found " + f.length);
        }
        BigInteger serial;
        try {
            serial = SerialHex.parse(f[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("serial '" + f[0] + "' is not hexadecimal");
        }
        IndexEntry.Kind kind = IndexEntry.Kind.valueOf(upper(f[1], "kind"));
        if (kind == IndexEntry.Kind.DEVICE) {
            new DeviceName(f[2]);
        }
        IndexEntry.Status status = IndexEntry.Status.valueOf(upper(f[4], "status"));
        Optional<Instant> revokedAt = f[5].equals("-") ? Optional.empty() : Optional.of(IsoInstant.parse(f[5]));
        Optional<CertificateAuthority.Reason> reason = f[6].equals("-") ? Optional.empty()
                : Optional.of(reason(f[6]));
        List<P12Format> p12 = new ArrayList<>();
        if (!f[7].equals("-")) {
            for (String form : f[7].split(",", -1)) {
                P12Format parsed = P12Format.parse(form);
                if (p12.contains(parsed)) {
                    throw new IllegalArgumentException("p12 form " + Visible.quote(form) + " listed twice");
                }
                p12.add(parsed);
            }
        }
        Platform platform = f.length == 8 || f[8].equals("-") ? Platform.ANY : platform(f[8]);
        return new IndexEntry(serial, kind, f[2], IsoInstant.parse(f[3]), status, revokedAt, reason, p12, platform);
    }

    private static Platform platform(String text) {
        try {
            return Platform.parse(text);
        } catch (UserError e) {
            throw new IllegalArgumentException("unknown platform " + Visible.quote(text));
        }
    }

    private static CertificateAuthority.Reason reason(String text) {
        try {
            return CertificateAuthority.Reason.parse(text);
        } catch (UserError e) {
            throw new IllegalArgumentException("unknown reason '" + text + "'");
        }
    }

    private static String upper(String value, String field) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.isEmpty()) {
            throw new IllegalArgumentException("empty " + field);
        }
        return upper;
    }
}
