package io.ikev2kit.profiles;

import io.ikev2kit.pki.Passphrase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * passphrase would: 16-byte magic, 16-byte salt, iteration count, 12-byte IV, then AES-256-GCM of a zip with the
 * header as associated data. Used to craft archives that SiteBackup itself never writes.
 */
final class BackupFormat {
    private static final int HEADER = 16 + 16 + 4 + 12;

    private BackupFormat() {
    }

    /** Copies the archive's zip with one more entry, sealed again under the same header. */
    static void reseal(Path archive, Path out, Passphrase passphrase, String extraName, byte[] extraContent) throws Exception {
        byte[] data = Files.readAllBytes(archive);
        byte[] header = Arrays.copyOf(data, HEADER);
        ByteBuffer fields = ByteBuffer.wrap(header, 32, 16);
        int iterations = fields.getInt();
        byte[] iv = Arrays.copyOfRange(header, 36, 48);
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, passphrase, Arrays.copyOfRange(header, 16, 32), iterations, iv, header);
        byte[] zip = cipher.doFinal(data, HEADER, data.length - HEADER);
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
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
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, passphrase, Arrays.copyOfRange(header, 16, 32), iterations, iv, header)
                .doFinal(rebuilt.toByteArray());
        Files.write(out, ByteBuffer.allocate(HEADER + sealed.length).put(header).put(sealed).array());
    }

    private static Cipher cipher(int mode, Passphrase passphrase, byte[] salt, int iterations, byte[] iv, byte[] aad)
            throws Exception {
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(passphrase.chars(), salt, iterations, 256)).getEncoded();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        return cipher;
    }
}
