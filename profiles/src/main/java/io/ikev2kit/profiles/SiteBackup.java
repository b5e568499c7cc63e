package io.ikev2kit.profiles;

import io.ikev2kit.pki.AtomicFiles;
import io.ikev2kit.pki.InputFiles;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.SiteStore;
import io.ikev2kit.pki.UserError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An encrypted archive of a whole site: a zip sealed with AES-256-GCM under a key derived from the CA passphrase
 * (PBKDF2-HMAC-SHA256, 600,000 iterations). The CA key inside stays encrypted as well. A token site's archive
 * holds no CA key at all (it never leaves the token) and is sealed with a passphrase chosen for the backup. Restoring checks the
 * archive completely before it replaces anything, and moves an existing site aside instead of deleting it.
 */
public final class SiteBackup {
    private static final byte[] MAGIC = "IKEV2KIT-BACKUP1".getBytes(StandardCharsets.US_ASCII);
    private static final int ITERATIONS = 600_000;
    /** Room for a future increase; anything above is not ours and would only keep the machine busy. */
    static final int MAX_ITERATIONS = 10 * ITERATIONS;
    private static final int HEADER = MAGIC.length + 16 + 4 + 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SiteBackup() {
    }

    /** Writes the archive; the passphrase must unlock the site's CA, so a typo cannot make an unrestorable backup. */
    public static int write(SiteWorkspace workspace, Passphrase passphrase, Path out) {
        if (workspace.site().caToken().isEmpty()) {
            workspace.store().unlock(passphrase);
        }
        Path site = workspace.dir();
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        int count = 0;
        try (SiteStore.Lock lock = workspace.store().lock();
             ZipOutputStream zip = new ZipOutputStream(zipped);
             Stream<Path> walk = Files.walk(site)) { // walk never follows a link
            for (Path file : walk.sorted().toList()) {
                String name = site.relativize(file).toString().replace('\\', '/');
                if (SiteFiles.of(name).isEmpty() || out.toAbsolutePath().equals(file.toAbsolutePath())) {
                    continue; // only what a site holds: not the lock, not stray files, not the archive itself
                }
                zip.putNextEntry(new ZipEntry(name));
                zip.write(readWithoutFollowingLinks(file, name));
                zip.closeEntry();
                count++;
            }
        } catch (IOException e) {
            throw new UserError("cannot read the site in " + site + " (" + e.getMessage() + "): check permissions");
        }
        byte[] salt = random(16);
        byte[] iv = random(12);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).put(salt).putInt(ITERATIONS).put(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, passphrase, salt, ITERATIONS, iv, header.array(), zipped.toByteArray());
        byte[] file = ByteBuffer.allocate(HEADER + sealed.length).put(header.array()).put(sealed).array();
        AtomicFiles.writeSecret(out, file);
        return count;
    }

    /** Restores into {@code target}; an existing site there is kept as {@code target.before-restore-TIME}. */
    public static Path restore(Path archive, Passphrase passphrase, Path target, boolean replace) {
        byte[] data = InputFiles.read(archive, Integer.MAX_VALUE - 16, "the backup");
        if (data.length < HEADER || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new UserError(archive + " is not an ikev2kit backup (made with 'ikev2kit backup --out FILE')");
        }
        ByteBuffer header = ByteBuffer.wrap(data, 0, HEADER);
        header.position(MAGIC.length);
        byte[] salt = new byte[16];
        header.get(salt);
        int iterations = header.getInt();
        if (iterations < ITERATIONS || iterations > MAX_ITERATIONS) {
            // the header is authenticated only after the key is derived: bound the work it can ask for first
            throw new UserError(archive + " asks for " + iterations + " PBKDF2 iterations; ikev2kit backups use "
                    + ITERATIONS + " to " + MAX_ITERATIONS + ": the file is damaged or not an ikev2kit backup");
        }
        byte[] iv = new byte[12];
        header.get(iv);
        byte[] zip = crypt(Cipher.DECRYPT_MODE, passphrase, salt, iterations, iv, Arrays.copyOf(data, HEADER),
                Arrays.copyOfRange(data, HEADER, data.length));
        boolean occupied = isOccupied(target);
        if (occupied && !replace) {
            throw new UserError(target + " already holds files: pass --replace to restore over it (the current "
                    + "content is kept as " + target.getFileName() + ".before-restore-TIME), or choose another --dir");
        }
        Path parent = target.toAbsolutePath().getParent();
        Path staging;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".restore-");
        } catch (IOException e) {
            throw new UserError("cannot create a directory next to " + target + ": check permissions");
        }
        try {
            unzip(zip, staging);
            SiteWorkspace staged = SiteWorkspace.open(staging);
            if (staged.site().caToken().isEmpty()) { // a token's key is not in the archive: nothing to unlock
                staged.store().unlock(passphrase);
            }
            staged.store().index();
            if (occupied) {
                Files.move(target, parent.resolve(target.getFileName() + ".before-restore-"
                        + Instant.now().toString().replace(":", "")));
            } else if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(staging, target);
            staging = null;
            return target;
        } catch (IOException e) {
            throw new UserError("cannot restore into " + target + " (" + e.getMessage() + "): nothing was replaced");
        } catch (UserError e) {
            throw new UserError("the backup " + archive + " is damaged, nothing was replaced: " + e.getMessage());
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    /**
     * A site file's bytes, refusing a symbolic link (O_NOFOLLOW, so not even one swapped in after the walk): a
     * link planted in the site would otherwise put a file from elsewhere, readable by its owner only, into the
     * archive, and a restore would bring it back with the site's modes.
     */
    private static byte[] readWithoutFollowingLinks(Path file, String name) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.READ, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new UserError(name + " in the site is not a regular file: replace it with the file itself, "
                        + "then back up again");
            }
            return java.nio.channels.Channels.newInputStream(channel).readAllBytes();
        } catch (IOException e) { // JDK 17 reports O_NOFOLLOW's ELOOP as a plain IOException
            if (Files.isSymbolicLink(file)) {
                throw new UserError(name + " in the site is a symbolic link, which a backup never follows: replace it "
                        + "with the file it points to (after checking who made it), then back up again");
            }
            throw e;
        }
    }

    private static boolean isOccupied(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    /** Writes the archive's files into the staging directory; any entry that is not a site file fails it all. */
    private static void unzip(byte[] zip, Path into) throws IOException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                SiteFiles.Mode mode = SiteFiles.of(name).orElseThrow(() -> new UserError("it holds '" + visible(name)
                        + "', which is no file of a site: a site backup never does"));
                if (!seen.add(name)) {
                    throw new UserError("it holds '" + name + "' twice");
                }
                Path file = into.resolve(name);
                byte[] content = in.readAllBytes();
                if (mode == SiteFiles.Mode.SECRET) {
                    AtomicFiles.writeSecret(file, content);
                } else {
                    AtomicFiles.writePublic(file, content);
                }
            }
        }
    }

    /** An entry name from the archive, with anything but printable ASCII escaped and its length bounded. */
    private static String visible(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(100).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
                : String.format("\\u%04x", c)));
        return name.length() > 100 ? out + "..." : out.toString();
    }

    private static byte[] crypt(int mode, Passphrase passphrase, byte[] salt, int iterations, byte[] iv, byte[] aad, byte[] input) {
        char[] chars = passphrase.chars();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new UserError("the passphrase does not open this backup, or the file is damaged: use the CA "
                    + "passphrase the site had when the backup was made");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open") + " the backup", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover hidden staging directory is harmless
        }
    }
}
