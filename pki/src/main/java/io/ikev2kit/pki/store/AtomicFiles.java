package io.ikev2kit.pki.store;

import io.ikev2kit.pki.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader sees the old content or the new, never half of either: a temp file in the
 * same directory, fsync, rename over the target, fsync the directory. Secrets are created 0600 from the start,
 * so there is no moment when they are readable by others.
 */
public final class AtomicFiles {
    /** How much of a write must survive a power cut; every level still replaces the target atomically. */
    public enum Durability {
        /** fsync the file and its directory before returning. */
        FULL,
        /** fsync the file; the caller fsyncs the directory once for a whole batch ({@link #syncDirectory}). */
        FILE,
        /** No fsync: for outputs that can be regenerated (exported profiles), where each fsync only costs time. */
        NONE
    }

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> SHARED_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private AtomicFiles() {
    }

    public static void writeSecret(Path target, byte[] content) {
        write(target, content, true);
    }

    /** What a streamed file holds, written to the stream it is given: a file too large to hold in memory. */
    public interface StreamedContent {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * As {@link #writeSecret(Path, byte[])}, the content written as it is made instead of held whole (a site's
     * backup): into a temp file, fsynced, then renamed over the target. If {@code content} fails, the temp file
     * is removed and the target is left as it was.
     */
    public static void writeSecret(Path target, StreamedContent content) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            TempFile file = TempFile.create(dir, target.getFileName().toString());
            temp = file.path();
            try (FileChannel channel = file.channel()) {
                java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel),
                        1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(temp, target);
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw failure(target, e);
        } finally {
            removeLeftover(temp);
        }
    }

    public static void writePublic(Path target, byte[] content) {
        write(target, content, false);
    }

    public static void writePublic(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8), false);
    }

    public static void writeExecutable(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8), false);
        if (POSIX) {
            try {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw failure(target, e);
            }
        }
    }

    /** A directory only the owner can enter, for key material; an existing one is made so too. */
    public static void createPrivateDirectory(Path dir) {
        createDirectories(dir, false);
        if (POSIX) {
            try {
                Files.setPosixFilePermissions(dir, PRIVATE_DIR);
            } catch (IOException e) {
                throw failure(dir, e);
            }
        }
    }

    /**
     * Creates {@code dir} and its missing parents, each owner-only (0700) or, when {@code shared}, readable by
     * others but writable only by the owner (0755), whatever the umask: every directory is made 0700 by mkdir
     * itself (a umask can only take bits away) and only then given its final mode, so it is never open to others
     * even for a moment. Directories that already exist are left as they are.
     */
    public static void createDirectories(Path dir, boolean shared) {
        java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        try {
            for (Path p : missing) {
                try {
                    if (POSIX) {
                        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                        Files.setPosixFilePermissions(p, shared ? SHARED_DIR : PRIVATE_DIR);
                    } else {
                        Files.createDirectory(p);
                    }
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(p)) {
                        throw e;
                    }
                    // another thread or process made it first: its mode is that creator's business
                }
            }
        } catch (IOException e) {
            throw failure(dir, e);
        }
    }

    public static void write(Path target, byte[] content, boolean secret) {
        write(target, content, secret, Durability.FULL);
    }

    public static void write(Path target, byte[] content, boolean secret, Durability durability) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            TempFile file = TempFile.create(dir, target.getFileName().toString());
            temp = file.path();
            try (FileChannel channel = file.channel()) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (durability != Durability.NONE) {
                    channel.force(true);
                }
            }
            if (POSIX && !secret) {
                Files.setPosixFilePermissions(temp, PUBLIC);
            }
            move(temp, target);
            temp = null;
            if (durability == Durability.FULL) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            throw failure(target, e);
        } finally {
            removeLeftover(temp);
        }
    }

    /**
     * A new owner-only file beside the target, named {@code .NAME.RANDOM.tmp}, open for writing. The directory
     * is created only when the file cannot be: bulk writes go to directories that exist, and on some file
     * systems every metadata call costs a good fraction of a millisecond.
     */
    private record TempFile(Path path, FileChannel channel) {
        private static final Set<StandardOpenOption> OPTIONS = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

        static TempFile create(Path dir, String name) throws IOException {
            FileAttribute<?>[] attributes = POSIX
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(SECRET)} : new FileAttribute<?>[0];
            for (int attempt = 0; ; attempt++) {
                Path path = dir.resolve("." + name + "." + Long.toUnsignedString(
                        java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try {
                    return new TempFile(path, FileChannel.open(path, OPTIONS, attributes));
                } catch (NoSuchFileException | FileAlreadyExistsException e) {
                    if (attempt == 10) {
                        throw e;
                    }
                    if (e instanceof NoSuchFileException) {
                        createDirectories(dir, false); // owner-only unless the caller made it otherwise beforehand
                    }
                }
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the renames into {@code dir} durable. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened; the rename itself is still atomic
        }
    }

    static UserError failure(Path target, IOException e) {
        String reason = e.getClass().getSimpleName().replace("Exception", "");
        if (e.getMessage() != null && !e.getMessage().equals(target.toString())) {
            reason = e.getMessage();
        }
        return new UserError("cannot write " + target + " (" + reason + "): check free space and permissions, "
                + "then run the command again", e);
    }

    /** Removes the temporary file a failed write left (null: none). */
    private static void removeLeftover(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the write's own failure is reported instead
            }
        }
    }
}
