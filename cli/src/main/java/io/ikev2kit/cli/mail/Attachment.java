package io.ikev2kit.cli.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** One file attached to a profile mail. The content is copied in and out, so an attachment cannot change. */
public record Attachment(String fileName, String mimeType, byte[] content) {

    public static final String APPLE_PROFILE = "application/x-apple-aspen-config";
    public static final String STRONGSWAN_PROFILE = "application/vnd.strongswan.profile";
    public static final String PKCS12 = "application/x-pkcs12";
    public static final String ZIP = "application/zip";
    public static final String WINDOWS_ZIP_SUFFIX = "-windows.zip";

    // a fixed entry time (the zip epoch, no time zone) keeps the zip, and so the sent-log fingerprint, stable
    private static final LocalDateTime ZIP_ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    public Attachment {
        if (fileName == null || fileName.isBlank() || fileName.chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\')) {
            throw new IllegalArgumentException("attachment file name must be a plain file name: " + fileName);
        }
        if (mimeType == null || !mimeType.matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
            throw new IllegalArgumentException("attachment MIME type is not type/subtype: " + mimeType);
        }
        content = content.clone();
    }

    /** An Apple configuration profile, {@code NAME.mobileconfig}, for iPhone, iPad and Mac. */
    public static Attachment appleProfile(String baseName, byte[] mobileconfig) {
        return new Attachment(baseName + ".mobileconfig", APPLE_PROFILE, mobileconfig);
    }

    /** A strongSwan app profile, {@code NAME.sswan}, for Android. */
    public static Attachment androidProfile(String baseName, byte[] sswan) {
        return new Attachment(baseName + ".sswan", STRONGSWAN_PROFILE, sswan);
    }

    /** A PKCS#12 file, {@code NAME.p12}. */
    public static Attachment pkcs12(String baseName, byte[] p12) {
        return new Attachment(baseName + ".p12", PKCS12, p12);
    }

    /** A file with its MIME type chosen by extension, e.g. a {@code .cmd} wrapper to go into the Windows zip. */
    public static Attachment of(String fileName, byte[] content) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String type = lower.endsWith(".mobileconfig") ? APPLE_PROFILE
                : lower.endsWith(".sswan") ? STRONGSWAN_PROFILE
                : lower.endsWith(".p12") || lower.endsWith(".pfx") ? PKCS12
                : lower.endsWith(".zip") ? ZIP
                : lower.endsWith(".ps1") || lower.endsWith(".cmd") || lower.endsWith(".txt") ? "text/plain"
                : "application/octet-stream";
        return new Attachment(fileName, type, content);
    }

    /** {@code NAME-windows.zip} holding {@code NAME.ps1}: mail systems strip or block bare .ps1 attachments. */
    public static Attachment windowsZip(String baseName, byte[] ps1Script) {
        return windowsZip(baseName, ps1Script, List.of());
    }

    /**
     * {@code NAME-windows.zip} holding {@code NAME.ps1} and the companions beside it (a {@code .cmd} wrapper, a
     * {@code .p12} the script imports), each under its own file name.
     */
    public static Attachment windowsZip(String baseName, byte[] ps1Script, List<Attachment> companions) {
        List<Attachment> entries = new ArrayList<>();
        entries.add(new Attachment(baseName + ".ps1", "text/plain", ps1Script));
        entries.addAll(companions);
        var names = new HashSet<String>();
        for (Attachment entry : entries) {
            if (!names.add(entry.fileName())) {
                throw new IllegalArgumentException("two files named " + entry.fileName() + " in the Windows zip");
            }
        }
        return new Attachment(baseName + WINDOWS_ZIP_SUFFIX, ZIP, zip(entries));
    }

    /** The script's file name inside a zip made by {@link #windowsZip}, e.g. {@code alice.ps1}. */
    public Optional<String> windowsScriptName() {
        if (!ZIP.equals(mimeType) || !fileName.endsWith(WINDOWS_ZIP_SUFFIX)) {
            return Optional.empty();
        }
        return Optional.of(fileName.substring(0, fileName.length() - WINDOWS_ZIP_SUFFIX.length()) + ".ps1");
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && fileName.equals(a.fileName) && mimeType.equals(a.mimeType)
                && Arrays.equals(content, a.content);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * fileName.hashCode() + mimeType.hashCode()) + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return fileName + " (" + mimeType + ", " + content.length + " bytes)";
    }

    private static byte[] zip(List<Attachment> entries) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (Attachment entry : entries) {
                var zipEntry = new ZipEntry(entry.fileName());
                zipEntry.setTimeLocal(ZIP_ENTRY_TIME);
                zip.putNextEntry(zipEntry);
                zip.write(entry.content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a zip in memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
