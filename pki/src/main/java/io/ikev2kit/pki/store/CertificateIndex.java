package io.ikev2kit.pki.store;

import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.SerialHex;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
        walk(data, source, (number, start, end) -> {
            IndexEntry entry = parseLine(data, start, end, source, number);
            bySerial.put(entry.serial(), entry); // a later line for a serial replaces it in place
        });
        return new CertificateIndex(new ArrayList<>(bySerial.values()));
    }

    private static IndexEntry parseLine(byte[] data, int start, int end, String source, int number) {
        try {
            return parseLine(new String(data, start, end - start, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DateTimeParseException | UserError e) {
            throw damaged(source, number, e.getMessage());
        }
    }

    /**
     * The names, as stored, of the devices with a certificate that is not revoked whose name equals one of
     * {@code foldedNames} but for ASCII case (device names are ASCII; Windows and macOS compare file names that
     * way). Only the lines that carry one of them are decoded, the rest are looked at as bytes: adding a device
     * to a large site costs a scan, not a parse.
     */
    public static Set<String> currentDeviceNames(byte[] data, Set<String> foldedNames, String source) {
        if (foldedNames.size() <= FEW) {
            return currentDeviceNamesBySearch(data, foldedNames, source);
        }
        Set<Integer> lengths = new HashSet<>();
        foldedNames.forEach(name -> lengths.add(name.getBytes(StandardCharsets.UTF_8).length));
        Map<BigInteger, IndexEntry> bySerial = new HashMap<>();
        walk(data, source, (number, start, end) -> {
            int serialEnd = indexOf(data, (byte) '\t', start, end);
            int kindEnd = serialEnd < 0 ? -1 : indexOf(data, (byte) '\t', serialEnd + 1, end);
            int nameEnd = kindEnd < 0 ? -1 : indexOf(data, (byte) '\t', kindEnd + 1, end);
            if (nameEnd < 0) {
                throw damaged(source, number, "expected 9 tab-separated fields");
            }
            if (kindEnd - serialEnd - 1 == DEVICE.length && equalsIgnoreCase(data, serialEnd + 1, DEVICE)
                    && lengths.contains(nameEnd - kindEnd - 1)
                    && foldedNames.contains(new String(data, kindEnd + 1, nameEnd - kindEnd - 1, StandardCharsets.UTF_8)
                            .toLowerCase(Locale.ROOT))) {
                IndexEntry entry = parseLine(data, start, end, source, number);
                bySerial.put(entry.serial(), entry); // the last line for a serial decides
            }
        });
        Set<String> current = new HashSet<>();
        bySerial.values().forEach(entry -> {
            if (!entry.isRevoked()) {
                current.add(entry.name());
            }
        });
        return current;
    }

    private static final byte[] DEVICE = "device".getBytes(StandardCharsets.US_ASCII);
    /** Up to this many names are looked for one by one, as byte patterns, instead of splitting every line. */
    private static final int FEW = 8;

    /**
     * A single 'device add' into a site of 100,000 devices: each name is searched for as the bytes TAB NAME TAB
     * (ASCII letters in either case), one tight loop the JIT compiles at once; only lines with a hit are decoded,
     * and only if the name is their third field. Lines past the committed length (an append a crash cut short)
     * do not count.
     */
    private static Set<String> currentDeviceNamesBySearch(byte[] data, Set<String> foldedNames, String source) {
        int committed = committedLength(data, source);
        Map<BigInteger, IndexEntry> bySerial = new HashMap<>();
        for (String name : foldedNames) {
            byte[] pattern = ('\t' + name + '\t').getBytes(StandardCharsets.UTF_8);
            for (int hit = find(data, pattern, 0, committed); hit >= 0; hit = find(data, pattern, hit + 1, committed)) {
                int start = hit;
                while (start > 0 && data[start - 1] != '\n') {
                    start--;
                }
                int end = indexOf(data, (byte) '\n', hit, committed);
                end = end < 0 ? committed : end;
                String line = new String(data, start, end - start, StandardCharsets.UTF_8).strip();
                String[] fields = line.split("\t", -1);
                if (line.startsWith("#") || fields.length < 3 || !fields[1].equalsIgnoreCase("device")
                        || !fields[2].equalsIgnoreCase(name)) {
                    continue; // the name appears in another field (a device called 'valid', say)
                }
                IndexEntry entry;
                try {
                    entry = parseLine(line);
                } catch (IllegalArgumentException | DateTimeParseException | UserError e) {
                    throw damaged(source, lineNumber(data, start), e.getMessage());
                }
                bySerial.merge(entry.serial(), entry, (earlier, later) -> later); // hits come in file order
            }
        }
        Set<String> current = new HashSet<>();
        bySerial.values().forEach(entry -> {
            if (!entry.isRevoked()) {
                current.add(entry.name());
            }
        });
        return current;
    }

    /** Where {@code pattern} (lower case) first occurs in {@code data} from {@code from}, ASCII case ignored. */
    private static int find(byte[] data, byte[] pattern, int from, int to) {
        byte first = pattern[0];
        byte second = pattern[1];
        for (int i = from; i <= to - pattern.length; i++) {
            if (data[i] == first && lower(data[i + 1]) == second && foldedEquals(data, i + 2, pattern)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean foldedEquals(byte[] data, int from, byte[] pattern) {
        for (int j = 2; j < pattern.length; j++) {
            if (lower(data[from + j - 2]) != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b;
    }

    private static int lineNumber(byte[] data, int offset) {
        int number = 1;
        for (int i = 0; i < offset; i++) {
            if (data[i] == '\n') {
                number++;
            }
        }
        return number;
    }

    private static boolean equalsIgnoreCase(byte[] data, int from, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            if ((data[from + i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many bytes of the file count: all of it, unless it ends in an append a crash cut short, which the next
     * append must cut off first (its lines would otherwise be counted as part of the next group).
     */
    public static int committedLength(byte[] data, String source) {
        int header = lastGroupStart(data, true);
        if (header < 0) {
            return walk(data, source, (number, start, end) -> { });
        }
        // only the last group can be incomplete: walk from its line
        return header + walk(Arrays.copyOfRange(data, header, data.length), source, (number, start, end) -> { });
    }

    /**
     * Where the last group line (or the start of one, cut short) begins, searched from the end; -1 if none.
     * {@code wholeFile} says whether {@code data} starts at the start of the file, where a line may begin
     * without a newline before it.
     */
    public static int lastGroupStart(byte[] data, boolean wholeFile) {
        byte[] append = APPEND.getBytes(StandardCharsets.US_ASCII);
        for (int i = data.length - 1; i >= (wholeFile ? -1 : 0); i--) {
            if ((i < 0 || data[i] == '\n') && i + 1 < data.length && data[i + 1] == '#') {
                int length = Math.min(append.length, data.length - i - 1);
                if (Arrays.equals(data, i + 1, i + 1 + length, append, 0, length)) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static int indexOf(byte[] data, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
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

    /** Told each entry line that counts: its number and where it lies in the file, surrounding blanks trimmed. */
    private interface LineVisitor {
        void line(int number, int start, int end);
    }

    /**
     * Visits the entry lines that count, in order, and returns the length of the committed part of the file:
     * a group's lines are held back until the group is complete, and an incomplete last group is left out.
     * Works on the bytes: only visitors decode, and only what they need.
     */
    private static int walk(byte[] data, String source, LineVisitor visitor) {
        byte[] append = APPEND.getBytes(StandardCharsets.US_ASCII);
        int number = 0;
        int expected = 0;
        int groupStart = 0;
        int[] group = new int[24]; // number, start and end of each held-back line
        int held = 0;
        int pos = 0;
        while (pos < data.length) {
            int newline = indexOf(data, (byte) '\n', pos, data.length);
            boolean terminated = newline >= 0;
            int lineStart = pos;
            int end = terminated ? newline : data.length;
            pos = terminated ? newline + 1 : data.length;
            number++;
            int start = lineStart;
            while (start < end && (data[start] & 0xff) <= ' ') {
                start++;
            }
            while (end > start && (data[end - 1] & 0xff) <= ' ') {
                end--;
            }
            boolean header = start + append.length <= (terminated ? newline : data.length)
                    && Arrays.equals(data, start, start + append.length, append, 0, append.length);
            if (header || expected > 0 && !terminated || !terminated && isCutGroupLine(data, lineStart)) {
                if (!terminated) {
                    return expected > 0 ? groupStart : lineStart; // cut short by a crash
                }
                if (expected > 0) {
                    throw damaged(source, number, "a new group starts before the previous one has its " + expected
                            + " lines");
                }
                expected = groupSize(new String(data, start, end - start, StandardCharsets.UTF_8), source, number);
                groupStart = lineStart;
                held = 0;
                continue;
            }
            if (start == end || data[start] == '#') {
                continue;
            }
            if (expected == 0) {
                visitor.line(number, start, end);
                continue;
            }
            if (3 * held + 2 >= group.length) {
                group = Arrays.copyOf(group, group.length * 2);
            }
            group[3 * held] = number;
            group[3 * held + 1] = start;
            group[3 * held + 2] = end;
            held++;
            if (held == expected) {
                for (int i = 0; i < held; i++) {
                    visitor.line(group[3 * i], group[3 * i + 1], group[3 * i + 2]);
                }
                expected = 0;
                held = 0;
            }
        }
        return expected > 0 ? groupStart : data.length;
    }

    /** An unterminated last line that is the start of a group line: a crash cut it before its count. */
    private static boolean isCutGroupLine(byte[] data, int lineStart) {
        int length = data.length - lineStart;
        return length > 0 && length <= APPEND.length() && APPEND.startsWith(new String(data, lineStart, length,
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
