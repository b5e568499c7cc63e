package io.ikev2kit.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The list of every certificate the CA issued, one tab-separated line each. Plain text so a user can read it,
 * strict on reading so a damaged line is reported with its number instead of silently dropped. The p12 column
 * lists a device's forms ({@code modern,legacy}); the platform column came later, so a line without it is a
 * device of platform {@code any}.
 */
public record CertificateIndex(List<IndexEntry> entries) {
    static final String HEADER = "# serial\tkind\tname\tnot_after\tstatus\trevoked_at\treason\tp12\tplatform";

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
        List<IndexEntry> list = new ArrayList<>(entries);
        list.removeIf(e -> e.serial().equals(entry.serial()));
        list.add(entry);
        return new CertificateIndex(list);
    }

    /** Adds many entries at once (a bulk batch), replacing any with the same serial. */
    public CertificateIndex withAll(List<IndexEntry> added) {
        java.util.Set<BigInteger> serials = new java.util.HashSet<>();
        added.forEach(e -> serials.add(e.serial()));
        List<IndexEntry> list = new ArrayList<>(entries);
        list.removeIf(e -> serials.contains(e.serial()));
        list.addAll(added);
        return new CertificateIndex(list);
    }

    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (IndexEntry e : entries) {
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
        return out.toString();
    }

    public static CertificateIndex parse(String text, String source) {
        List<IndexEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(parseLine(line));
            } catch (IllegalArgumentException | DateTimeParseException | UserError e) {
                throw new UserError(source + " line " + (i + 1) + " is damaged (" + e.getMessage()
                        + "): restore the file from a backup or fix that line");
            }
        }
        return new CertificateIndex(entries);
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
