package io.ikev2kit.cli.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;

/** One file attached to a profile mail. The content is copied in and out, so an attachment cannot change. */
public record Attachment(String fileName, String mimeType, byte[] content) {

    public static final String APPLE_PROFILE = "application/x-apple-aspen-config";
    public static final String STRONGSWAN_PROFILE = "application/vnd.strongswan.profile";
    public static final String PKCS12 = "application/x-pkcs12";
    public static final String ZIP = "application/zip";
    public static final String TEXT = "text/plain";
    /** The Windows script travels as text: Gmail and Outlook.com refuse .ps1 and .cmd, even zipped. */
    public static final String WINDOWS_SCRIPT_SUFFIX = "-windows.txt";


    public Attachment {
        if (fileName == null || fileName.isBlank() || fileName.chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\')) {
            throw new IllegalArgumentException("attachment file name must be a plain file name: " + fileName);
        }
        if (mimeType == null || !mimeType.matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
            throw new IllegalArgumentException("attachment MIME type is not type/subtype: " + mimeType);
        }
        content = content.clone();
        refuseBlockedTypes(fileName, content);
    }

    /** No file Gmail or Outlook.com block, also not inside an archive: one such file bounces the whole message. */
    private static void refuseBlockedTypes(String fileName, byte[] content) {
        if (BlockedAttachmentTypes.blocked(fileName)) {
            throw new IllegalArgumentException(fileName + " is a file type Gmail and Outlook.com refuse");
        }
        if (!BlockedAttachmentTypes.archive(fileName)) {
            return;
        }
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new IllegalArgumentException(fileName + ": only zip archives can be checked for blocked files");
        }
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                refuseBlockedTypes(entry.getName().replaceFirst(".*[/\\\\]", ""), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a zip in memory cannot fail", e);
        }
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

    /** A file with its MIME type chosen by extension. */
    public static Attachment of(String fileName, byte[] content) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String type = lower.endsWith(".mobileconfig") ? APPLE_PROFILE
                : lower.endsWith(".sswan") ? STRONGSWAN_PROFILE
                : lower.endsWith(".p12") || lower.endsWith(".pfx") ? PKCS12
                : lower.endsWith(".zip") ? ZIP
                : lower.endsWith(".txt") ? TEXT
                : "application/octet-stream";
        return new Attachment(fileName, type, content);
    }

    /**
     * {@code NAME-windows.txt}: the PowerShell script's exact bytes as a text file, which no mail provider blocks;
     * the install steps have the user save it as {@code NAME.ps1} and run it.
     */
    public static Attachment windowsScript(String baseName, byte[] ps1Script) {
        return new Attachment(baseName + WINDOWS_SCRIPT_SUFFIX, TEXT, ps1Script);
    }

    /** For a {@link #windowsScript}: the name to save it under to run it, e.g. {@code alice.ps1}. */
    public Optional<String> windowsScriptName() {
        if (!TEXT.equals(mimeType) || !fileName.endsWith(WINDOWS_SCRIPT_SUFFIX)) {
            return Optional.empty();
        }
        return Optional.of(fileName.substring(0, fileName.length() - WINDOWS_SCRIPT_SUFFIX.length()) + ".ps1");
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
}
