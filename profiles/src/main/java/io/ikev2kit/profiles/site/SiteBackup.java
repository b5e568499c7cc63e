package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.pki.InputFiles;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.pki.UserError;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An encrypted archive of a whole site: a zip sealed with AES-256-GCM under a key derived from the CA passphrase
 * (PBKDF2-HMAC-SHA256, 600,000 iterations). The CA key inside stays encrypted as well. A token site's archive
 * holds no CA key at all (it never leaves the token) and is sealed with a passphrase chosen for the backup.
 * Restoring checks the archive completely before it writes anything, and moves an existing site aside instead of
 * deleting it.
 *
 * <p>The archive is streamed both ways, so memory does not grow with the site: the zip is sealed in 64 KiB
 * segments ({@link SealedStream}) as it is made, and a restore reads the file twice, first checking every
 * segment's tag and then unpacking. The first format sealed the zip in one piece, which GCM can only open whole
 * (1.5 GB of memory for a 100,000-device site); such archives are still restored that way.
 */
public final class SiteBackup {
    /** Header: magic, 16-byte salt, iteration count, then the 7-byte nonce prefix of the sealed segments. */
    private static final byte[] MAGIC = "IKEV2KIT-BACKUP2".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 16 + 4 + SealedStream.PREFIX;
    /** The first format: magic, salt, iteration count, 12-byte IV, then the zip sealed in one piece. */
    private static final byte[] MAGIC_V1 = "IKEV2KIT-BACKUP1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_V1 = MAGIC_V1.length + 16 + 4 + 12;
    private static final int ITERATIONS = 600_000;
    /** Room for a future increase; anything above is not ours and would only keep the machine busy. */
    static final int MAX_ITERATIONS = 10 * ITERATIONS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SiteBackup() {
    }

    /** Writes the archive; the passphrase must unlock the site's CA, so a typo cannot make an unrestorable backup. */
    public static int write(SiteWorkspace workspace, Passphrase passphrase, Path out) {
        if (workspace.site().caToken().isEmpty()) {
            workspace.store().unlock(passphrase);
        }
        Path site = workspace.dir();
        byte[] salt = random(16);
        byte[] prefix = random(SealedStream.PREFIX);
        byte[] header = ByteBuffer.allocate(HEADER).put(MAGIC).put(salt).putInt(ITERATIONS).put(prefix).array();
        SecretKey key = derive(passphrase, salt, ITERATIONS);
        int[] count = {0};
        try (SiteStore.Lock lock = workspace.store().lock()) {
            AtomicFiles.writeSecret(out, file -> {
                file.write(header);
                try (ZipOutputStream zip = new ZipOutputStream(new SealedStream.Sealer(new KeepOpen(file), key, prefix, header));
                     Stream<Path> walk = Files.walk(site)) { // walk never follows a link, and lists a directory at a time
                    for (Iterator<Path> files = walk.iterator(); files.hasNext(); ) {
                        Path path = files.next();
                        String name = site.relativize(path).toString().replace('\\', '/');
                        if (SiteFiles.of(name).isEmpty() || out.toAbsolutePath().equals(path.toAbsolutePath())) {
                            continue; // only what a site holds: not the lock, not stray files, not the archive itself
                        }
                        zip.putNextEntry(new ZipEntry(name));
                        copyWithoutFollowingLinks(path, name, zip);
                        zip.closeEntry();
                        count[0]++;
                    }
                } catch (java.io.UncheckedIOException e) { // the walk could not list a directory
                    throw new UserError("cannot read the site in " + site + " (" + e.getCause().getMessage()
                            + "): check permissions");
                }
            });
        }
        return count[0];
    }

    /** Restores into {@code target}; an existing site there is kept as {@code target.before-restore-TIME}. */
    public static Path restore(Path archive, Passphrase passphrase, Path target, boolean replace) {
        Unpacked zip = open(archive, passphrase); // every tag checked: nothing is written before this
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
            try (InputStream in = zip.open()) {
                unzip(in, staging);
            }
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

    /** The archive's zip, to be read from the start as often as needed. */
    private interface Unpacked {
        InputStream open() throws IOException;
    }

    /**
     * Checks the header, bounds the key derivation's work before doing it, derives the key once and checks every
     * segment's tag: a wrong passphrase or a damaged file is refused here, before anything is written.
     */
    private static Unpacked open(Path archive, Passphrase passphrase) {
        byte[] header;
        try (InputStream in = Files.newInputStream(archive)) {
            header = in.readNBytes(HEADER);
        } catch (NoSuchFileException e) {
            throw new UserError("the backup " + archive + " does not exist: check the path");
        } catch (IOException e) {
            throw new UserError("cannot read the backup " + archive + " (" + e.getMessage() + "): check that it is a readable file");
        }
        boolean v1 = header.length >= MAGIC_V1.length && Arrays.equals(Arrays.copyOf(header, MAGIC_V1.length), MAGIC_V1);
        if (!v1 && (header.length < HEADER || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC))) {
            throw new UserError(archive + " is not an ikev2kit backup (made with 'ikev2kit backup --out FILE')");
        }
        if (v1) {
            byte[] zip = openV1(archive, passphrase);
            return () -> new ByteArrayInputStream(zip);
        }
        ByteBuffer fields = ByteBuffer.wrap(header, MAGIC.length, HEADER - MAGIC.length);
        byte[] salt = new byte[16];
        fields.get(salt);
        int iterations = boundedIterations(archive, fields.getInt());
        byte[] prefix = new byte[SealedStream.PREFIX];
        fields.get(prefix);
        SecretKey key = derive(passphrase, salt, iterations);
        try (SealedStream.Opener whole = opener(archive, key, prefix, header)) {
            whole.verifyRest();
        } catch (IOException e) {
            throw new UserError("cannot read the backup " + archive + " (" + e.getMessage() + "): check that it is a readable file");
        }
        return () -> opener(archive, key, prefix, header);
    }

    private static SealedStream.Opener opener(Path archive, SecretKey key, byte[] prefix, byte[] header) throws IOException {
        InputStream in = Files.newInputStream(archive);
        try {
            in.skipNBytes(HEADER);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new SealedStream.Opener(in, key, prefix, header, SiteBackup::wrongPassphraseOrDamaged);
    }

    /** The first format, sealed in one piece: GCM opens it whole, so it is read into memory. */
    private static byte[] openV1(Path archive, Passphrase passphrase) {
        byte[] data = InputFiles.read(archive, Integer.MAX_VALUE - 16, "the backup");
        if (data.length < HEADER_V1) {
            throw new UserError(archive + " is not an ikev2kit backup (made with 'ikev2kit backup --out FILE')");
        }
        ByteBuffer header = ByteBuffer.wrap(data, MAGIC_V1.length, HEADER_V1 - MAGIC_V1.length);
        byte[] salt = new byte[16];
        header.get(salt);
        int iterations = boundedIterations(archive, header.getInt());
        byte[] iv = new byte[12];
        header.get(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derive(passphrase, salt, iterations), new GCMParameterSpec(128, iv));
            cipher.updateAAD(data, 0, HEADER_V1);
            return cipher.doFinal(data, HEADER_V1, data.length - HEADER_V1);
        } catch (AEADBadTagException e) {
            throw wrongPassphraseOrDamaged();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the backup", e);
        }
    }

    /** The header is authenticated only after the key is derived: bound the work it can ask for first. */
    private static int boundedIterations(Path archive, int iterations) {
        if (iterations < ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new UserError(archive + " asks for " + iterations + " PBKDF2 iterations; ikev2kit backups use "
                    + ITERATIONS + " to " + MAX_ITERATIONS + ": the file is damaged or not an ikev2kit backup");
        }
        return iterations;
    }

    private static UserError wrongPassphraseOrDamaged() {
        return new UserError("the passphrase does not open this backup, or the file is damaged: use the CA "
                + "passphrase the site had when the backup was made");
    }

    /**
     * Copies a site file into the archive, refusing a symbolic link (O_NOFOLLOW, so not even one swapped in after
     * the walk): a link planted in the site would otherwise put a file from elsewhere, readable by its owner
     * only, into the archive, and a restore would bring it back with the site's modes.
     */
    private static void copyWithoutFollowingLinks(Path file, String name, OutputStream into) throws IOException {
        java.nio.channels.FileChannel channel;
        try {
            channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) { // JDK 17 reports O_NOFOLLOW's ELOOP as a plain IOException
            if (Files.isSymbolicLink(file)) {
                throw new UserError(name + " in the site is a symbolic link, which a backup never follows: replace it "
                        + "with the file it points to (after checking who made it), then back up again");
            }
            throw new UserError("cannot read " + name + " in the site (" + e.getMessage() + "): check permissions");
        }
        try (channel) {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new UserError(name + " in the site is not a regular file: replace it with the file itself, "
                        + "then back up again");
            }
            java.nio.channels.Channels.newInputStream(channel).transferTo(into);
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
    private static void unzip(InputStream zip, Path into) throws IOException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                SiteFiles.Mode mode = SiteFiles.of(name).orElseThrow(() -> new UserError("it holds '" + visible(name)
                        + "', which is no file of a site: a site backup never does"));
                if (!seen.add(name)) {
                    throw new UserError("it holds '" + name + "' twice");
                }
                Path file = into.resolve(name);
                byte[] content = in.readAllBytes(); // one site file: the largest is the index
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

    private static SecretKey derive(Passphrase passphrase, byte[] salt, int iterations) {
        char[] chars = passphrase.chars();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, 256);
        try {
            return new SecretKeySpec(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded(), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is not available", e);
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

    /** The file's stream, left open when the zip closes: the file is closed by whoever opened it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
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
