package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.Passphrase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The backup file format written out independently of {@link SiteBackup}, as an attacker who knows the
 * passphrase would. Format 2: 16-byte magic, 16-byte salt, iteration count, 7-byte nonce prefix, then the zip in
 * segments of 65,536 bytes, each AES-256-GCM sealed with the header as associated data under the nonce prefix,
 * segment number (4 bytes, big-endian) and a last-segment flag (1 byte); the last segment is the short one.
 * Format 1: magic, salt, iteration count, 12-byte IV, then the zip sealed in one piece. Used to craft archives
 * that SiteBackup itself never writes.
 */
final class BackupFormat {
    static final int HEADER = 16 + 16 + 4 + 7;
    static final int SEGMENT = 65_536;
    private static final int HEADER_V1 = 16 + 16 + 4 + 12;

    private BackupFormat() {
    }

    /** Copies the archive's zip with one more entry, sealed again under the same header. */
    static void reseal(Path archive, Path out, Passphrase passphrase, String extraName, byte[] extraContent) throws Exception {
        byte[] data = Files.readAllBytes(archive);
        byte[] header = Arrays.copyOf(data, HEADER);
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip(data, passphrase)));
             ZipOutputStream zipOut = new ZipOutputStream(rebuilt)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                zipOut.putNextEntry(new ZipEntry(entry.getName()));
                zipOut.write(in.readAllBytes());
                zipOut.closeEntry();
            }
            zipOut.putNextEntry(new ZipEntry(extraName));
            zipOut.write(extraContent);
            zipOut.closeEntry();
        }
        Files.write(out, seal(header, passphrase, rebuilt.toByteArray()));
    }

    /** The same zip as a format-1 archive: what earlier releases wrote. */
    static void asFirstFormat(Path archive, Path out, Passphrase passphrase) throws Exception {
        byte[] data = Files.readAllBytes(archive);
        byte[] zip = zip(data, passphrase);
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        byte[] header = ByteBuffer.allocate(HEADER_V1).put("IKEV2KIT-BACKUP1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put(data, 16, 16).putInt(ByteBuffer.wrap(data, 32, 4).getInt()).put(iv).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key(passphrase, header), new GCMParameterSpec(128, iv));
        cipher.updateAAD(header);
        byte[] sealed = cipher.doFinal(zip);
        Files.write(out, ByteBuffer.allocate(HEADER_V1 + sealed.length).put(header).put(sealed).array());
    }

    /** Where each sealed segment of a format-2 archive starts and ends. */
    static List<int[]> segments(byte[] data) {
        List<int[]> segments = new ArrayList<>();
        for (int at = HEADER; at < data.length; at += SEGMENT + 16) {
            segments.add(new int[] {at, Math.min(data.length, at + SEGMENT + 16)});
        }
        return segments;
    }

    private static byte[] zip(byte[] data, Passphrase passphrase) throws Exception {
        byte[] header = Arrays.copyOf(data, HEADER);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        SecretKeySpec key = key(passphrase, header);
        List<int[]> segments = segments(data);
        for (int i = 0; i < segments.size(); i++) {
            int[] s = segments.get(i);
            zip.write(cipher(Cipher.DECRYPT_MODE, key, header, i, i == segments.size() - 1)
                    .doFinal(data, s[0], s[1] - s[0]));
        }
        return zip.toByteArray();
    }

    private static byte[] seal(byte[] header, Passphrase passphrase, byte[] zip) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        SecretKeySpec key = key(passphrase, header);
        int count = zip.length / SEGMENT + 1; // the last segment is short, empty when the zip fills the one before
        for (int i = 0; i < count; i++) {
            int from = i * SEGMENT;
            out.write(cipher(Cipher.ENCRYPT_MODE, key, header, i, i == count - 1)
                    .doFinal(zip, from, Math.min(SEGMENT, zip.length - from)));
        }
        return out.toByteArray();
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] header, int segment, boolean last) throws Exception {
        byte[] nonce = ByteBuffer.allocate(12).put(header, 36, 7).putInt(segment).put((byte) (last ? 1 : 0)).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(header);
        return cipher;
    }

    /** The key from the salt and iteration count at the same place in either format's header. */
    private static SecretKeySpec key(Passphrase passphrase, byte[] header) throws Exception {
        int iterations = ByteBuffer.wrap(header, 32, 4).getInt();
        return new SecretKeySpec(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(passphrase.chars(), Arrays.copyOfRange(header, 16, 32), iterations, 256))
                .getEncoded(), "AES");
    }
}
