package io.ikev2kit.pki.store;

import io.ikev2kit.pki.CaSigner;
import io.ikev2kit.pki.CaToken;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.Certificates;
import io.ikev2kit.pki.EncryptedKey;
import io.ikev2kit.pki.KeySigner;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Files;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.Pkcs11Token;
import io.ikev2kit.pki.SerialHex;
import io.ikev2kit.pki.TokenSigner;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CA's files inside a site directory ({@code SITE/pki/}). Every write is atomic; the index is written last,
 * so a certificate counts as issued only once the index says so, and files left by an interrupted run are
 * simply overwritten by the next one. Mutations hold an exclusive lock on {@code pki/.lock}.
 */
public final class SiteStore {
    public static final String DIR = "pki";
    private static final java.util.Map<Path, ReentrantLock> LOCAL_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path site;
    private final Path pki;
    /** Where the CA key is when it is not {@code pki/ca.key}: a PKCS#11 token (recorded in site.conf). */
    private final Optional<CaToken> token;
    /** Set once the p12 directory is known to exist (0700); racy reads only repeat a cheap check. */
    private volatile boolean p12DirectoryReady;

    public SiteStore(Path site) {
        this(site, Optional.empty());
    }

    public SiteStore(Path site, Optional<CaToken> token) {
        this.site = site;
        this.pki = site.resolve(DIR);
        this.token = token;
    }

    /** The token holding the CA key; empty when the key is the encrypted file {@code pki/ca.key}. */
    public Optional<CaToken> token() {
        return token;
    }

    public Path site() {
        return site;
    }

    public Path caCertificateFile() {
        return pki.resolve("ca.pem");
    }

    public Path caKeyFile() {
        return pki.resolve("ca.key");
    }

    public Path serverCertificateFile() {
        return pki.resolve("server.pem");
    }

    public Path serverKeyFile() {
        return pki.resolve("server.key");
    }

    /** The certificate and key that sign .mobileconfig profiles, made on the first 'export --sign'. */
    public Path signerCertificateFile() {
        return pki.resolve("signer.pem");
    }

    public Path signerKeyFile() {
        return pki.resolve("signer.key");
    }

    public Path indexFile() {
        return pki.resolve("index.tsv");
    }

    public Path crlFile() {
        return pki.resolve("crl.pem");
    }

    /** Serials reserved for certificates about to be signed; see {@link #reserveSerials}. */
    public Path journalFile() {
        return pki.resolve("journal.tsv");
    }

    /** Every certificate ever issued, by serial, so revocation and renewal can always find the old one. */
    public Path issuedFile(BigInteger serial) {
        return pki.resolve("issued").resolve(SerialHex.format(serial) + ".pem");
    }

    /**
     * A device's p12, by certificate serial: files are only ever added, never overwritten, so an interrupted
     * renewal cannot damage the material the index still points to.
     */
    public Path p12File(BigInteger serial) {
        return pki.resolve("p12").resolve(SerialHex.format(serial) + ".p12");
    }

    /** The legacy form beside the modern one ({@link #p12File}); a device issued with one form has only the latter. */
    public Path legacyP12File(BigInteger serial) {
        return pki.resolve("p12").resolve(SerialHex.format(serial) + ".legacy.p12");
    }

    /** Where a device's p12 of the given form is, by what its index entry lists. */
    public Path p12File(IndexEntry entry, P12Format form) {
        return form == P12Format.LEGACY && entry.p12().size() > 1 ? legacyP12File(entry.serial()) : p12File(entry.serial());
    }

    public boolean exists() {
        return Files.exists(caCertificateFile()) || Files.exists(indexFile());
    }

    /**
     * Blocks until no other ikev2kit process or thread is changing this store. The OS file lock serialises
     * processes; it is per process, so threads of one JVM queue on an in-memory lock first.
     */
    public Lock lock() {
        Path file = pki.resolve(".lock").toAbsolutePath().normalize();
        ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            AtomicFiles.createDirectories(pki, false);
            FileChannel channel = openLockFile(file);
            return new Lock(channel, channel.lock(), local);
        } catch (IOException | RuntimeException e) {
            local.unlock();
            if (e instanceof IOException io) {
                throw AtomicFiles.failure(file, io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Opens the lock file without following a symbolic link (O_NOFOLLOW): whoever could plant a link there could
     * otherwise make a root-run command create or truncate a file of their choice. Made 0600 whatever the umask.
     */
    private static FileChannel openLockFile(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, options);
        } catch (IOException e) { // JDK 17 reports O_NOFOLLOW's ELOOP as a plain IOException
            if (Files.isSymbolicLink(file)) {
                throw new UserError(file + " is a symbolic link, which ikev2kit never follows there: delete the link "
                        + "(and check who could create it), then run the command again");
            }
            throw e;
        }
    }

    /**
     * Writes a new site's CA and server files. A CA key in memory is written encrypted with the passphrase; a
     * token's key stays in the token, and {@code caSecret} (its PIN) is not used.
     */
    public void initialize(CertificateAuthority ca, Passphrase caSecret, X509Certificate server, PrivateKey serverKey) {
        if (exists()) {
            throw new UserError("a site already exists in " + site + ": use another --dir, or delete it to start over");
        }
        AtomicFiles.createPrivateDirectory(pki);
        if (ca.signer() instanceof KeySigner key) {
            AtomicFiles.writeSecret(caKeyFile(), EncryptedKey.encrypt(key.key(), caSecret).getBytes(StandardCharsets.US_ASCII));
        }
        AtomicFiles.writePublic(caCertificateFile(), Pem.encode(ca.certificate()));
        AtomicFiles.writeSecret(serverKeyFile(), Pem.encode(serverKey).getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writePublic(serverCertificateFile(), Pem.encode(server));
        AtomicFiles.writePublic(issuedFile(server.getSerialNumber()), Pem.encode(server));
        writeIndex(CertificateIndex.empty().with(IndexEntry.issued(server, IndexEntry.Kind.SERVER,
                Certificates.commonName(server))));
    }

    public X509Certificate caCertificate() {
        return Pem.readCertificate(read(caCertificateFile()), caCertificateFile().toString());
    }

    /**
     * Decrypts the CA key with the passphrase (the one slow step of issuing, done once per command), or on a
     * token site logs in to the token with {@code secret} as its PIN.
     */
    public CertificateAuthority unlock(Passphrase secret) {
        X509Certificate certificate = caCertificate();
        return new CertificateAuthority(certificate, caSigner(certificate, secret));
    }

    /**
     * Starts {@link #unlock}: the key's decryption (its KDF is about half a second when the JVM is cold) on a
     * background thread, the certificate read on this one meanwhile, so both overlap whatever the caller does
     * next. Errors surface when the result is joined.
     */
    public java.util.concurrent.CompletableFuture<CertificateAuthority> unlockInBackground(Passphrase passphrase) {
        if (token.isPresent()) {
            // logging in to a token is quick; doing it here keeps a wrong PIN from racing the site checks
            try {
                return java.util.concurrent.CompletableFuture.completedFuture(unlock(passphrase));
            } catch (RuntimeException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        }
        java.util.concurrent.CompletableFuture<PrivateKey> key = new java.util.concurrent.CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                key.complete(caKey(passphrase));
            } catch (Throwable e) {
                key.completeExceptionally(e);
            }
        }, "ikev2kit-unlock");
        thread.setDaemon(true);
        thread.start();
        X509Certificate certificate;
        try {
            certificate = caCertificate();
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        return key.thenApply(decrypted -> new CertificateAuthority(certificate, decrypted));
    }

    private CaSigner caSigner(X509Certificate certificate, Passphrase secret) {
        if (token.isEmpty()) {
            return new KeySigner(KeyType.of(certificate.getPublicKey()), caKey(secret));
        }
        CaToken location = token.get();
        TokenSigner signer = Pkcs11Token.open(location, secret).key(KeyType.of(certificate.getPublicKey()))
                .orElseThrow(() -> new UserError("token '" + location.uri().token() + "' holds no key '"
                        + location.uri().object() + "': plug in the token this site was made with (site.conf ca-key)"));
        if (!java.util.Arrays.equals(signer.publicKey().getEncoded(), certificate.getPublicKey().getEncoded())) {
            throw new UserError("the " + location.describe() + " is not the key of " + caCertificateFile()
                    + ": plug in the token this site was made with (site.conf ca-key)");
        }
        return signer;
    }

    private PrivateKey caKey(Passphrase passphrase) {
        return EncryptedKey.decrypt(read(caKeyFile()), passphrase, caKeyFile().toString());
    }

    public X509Certificate serverCertificate() {
        return Pem.readCertificate(read(serverCertificateFile()), serverCertificateFile().toString());
    }

    public PrivateKey serverKey() {
        return Pem.readPrivateKey(read(serverKeyFile()), serverKeyFile().toString());
    }

    public CertificateIndex index() {
        return CertificateIndex.parse(indexBytes(), indexFile().toString());
    }

    /**
     * The stored names of the devices with a certificate that is not revoked whose name equals one of these
     * (lower-case) names but for case: for adding devices, which needs only that, without building every entry
     * of a large site.
     */
    public Set<String> currentDeviceNames(Set<String> foldedNames) {
        return CertificateIndex.currentDeviceNames(indexBytes(), foldedNames, indexFile().toString());
    }

    private byte[] indexBytes() {
        try {
            return Files.readAllBytes(indexFile());
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new UserError("cannot read " + indexFile() + " (" + e.getMessage() + "): check its permissions", e);
        }
    }

    /**
     * Writes the whole index, after making the device files it may point to durable: their contents were
     * fsynced one by one, their directory entries are fsynced here once per batch instead of once per file.
     */
    public void writeIndex(CertificateIndex index) {
        syncDeviceDirectories();
        AtomicFiles.writePublic(indexFile(), index.format());
    }

    /**
     * Adds entries to the index, or replaces those with the same serial (a revocation), by appending one group of
     * lines and fsyncing: the cost of a command that changes a few certificates does not grow with the site.
     * The device files the entries point to are made durable first, as for {@link #writeIndex}. An append a crash
     * cut short is cut off first, so its lines never count. Call with the lock held.
     */
    public void appendIndex(List<IndexEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        syncDeviceDirectories();
        Path file = indexFile();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long committed = committedLength(channel, size);
            if (committed < size) {
                channel.truncate(committed);
            }
            ByteBuffer added = ByteBuffer.wrap((committed > 0 && !endsWithNewline(channel, committed) ? "\n" : "")
                    .concat(CertificateIndex.appended(entries)).getBytes(StandardCharsets.UTF_8));
            long position = committed;
            while (added.hasRemaining()) {
                position += channel.write(added, position);
            }
            channel.force(true);
        } catch (NoSuchFileException e) {
            writeIndex(CertificateIndex.empty().withAll(entries));
        } catch (IOException e) {
            throw AtomicFiles.failure(file, e);
        }
    }

    /**
     * Where the index's committed part ends: from its last group on, read from the end a growing tail at a time,
     * so an append costs the same whatever the size of the file (the whole file only after one huge batch).
     */
    private long committedLength(FileChannel channel, long size) throws IOException {
        for (long tail = Math.min(size, 1 << 16); ; tail = Math.min(size, tail * 4)) {
            byte[] bytes = read(channel, size - tail, (int) tail);
            boolean whole = tail == size;
            int header = CertificateIndex.lastGroupStart(bytes, whole);
            if (header >= 0 || whole) {
                int from = Math.max(header, 0);
                return size - tail + from + CertificateIndex.committedLength(
                        java.util.Arrays.copyOfRange(bytes, from, bytes.length), indexFile().toString());
            }
        }
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // until the buffer is full: the file does not shrink while the lock is held
        }
        return buffer.array();
    }

    private static boolean endsWithNewline(FileChannel channel, long length) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, length - 1);
        return last.get(0) == '\n';
    }

    private void syncDeviceDirectories() {
        for (Path dir : new Path[] {pki.resolve("issued"), pki.resolve("p12")}) {
            if (Files.isDirectory(dir)) {
                AtomicFiles.syncDirectory(dir);
            }
        }
    }

    /**
     * Writes a device's certificate and both p12 forms, each fsynced; the caller adds the index entry last, with
     * {@link #writeIndex}, which also makes their directory entries durable. Safe to call from many threads.
     */
    public void writeDeviceFiles(X509Certificate certificate, P12Files p12) {
        if (!p12.complete()) {
            throw new IllegalArgumentException("a new device gets both p12 forms");
        }
        AtomicFiles.write(issuedFile(certificate.getSerialNumber()), Pem.encode(certificate).getBytes(StandardCharsets.UTF_8),
                false, AtomicFiles.Durability.FILE);
        if (!p12DirectoryReady) {
            Path p12Dir = p12File(certificate.getSerialNumber()).getParent();
            if (!Files.isDirectory(p12Dir)) {
                AtomicFiles.createPrivateDirectory(p12Dir);
            }
            p12DirectoryReady = true; // checked once per store: bulk issuance writes a thousand p12s
        }
        AtomicFiles.write(p12File(certificate.getSerialNumber()), p12.get(P12Format.MODERN).orElseThrow(), true,
                AtomicFiles.Durability.FILE);
        AtomicFiles.write(legacyP12File(certificate.getSerialNumber()), p12.get(P12Format.LEGACY).orElseThrow(), true,
                AtomicFiles.Durability.FILE);
    }

    /**
     * New random serials, recorded in the journal and fsynced before the caller signs anything with them: a run
     * killed between signing and its index write leaves serials the journal names and the index does not, and
     * the next run that holds the CA key revokes whatever certificates were written under them. Appended, so a
     * batch costs one write and one fsync; a torn last line can only name a serial that was never used.
     */
    public List<BigInteger> reserveSerials(int count) {
        List<BigInteger> serials = new ArrayList<>(count);
        StringBuilder lines = new StringBuilder(count * 34);
        for (int i = 0; i < count; i++) {
            BigInteger serial = CertificateAuthority.randomSerial();
            serials.add(serial);
            lines.append(SerialHex.format(serial)).append('\n');
        }
        Path file = journalFile();
        AtomicFiles.createDirectories(pki, false);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw AtomicFiles.failure(file, e);
        }
        AtomicFiles.syncDirectory(pki);
        return serials;
    }

    /** Every serial in the journal: reserved by runs whose index write may never have happened. */
    public Set<BigInteger> journaledSerials() {
        if (!Files.exists(journalFile(), LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        Set<BigInteger> serials = new java.util.LinkedHashSet<>();
        String text = read(journalFile());
        int end = text.lastIndexOf('\n'); // a line without its newline was torn by a crash before it was used
        for (String line : text.substring(0, Math.max(end, 0)).split("\n")) {
            try {
                if (!line.isBlank()) {
                    serials.add(SerialHex.parse(line.strip()));
                }
            } catch (IllegalArgumentException e) {
                // a damaged line can name no certificate that was signed: reservation fsyncs before signing
            }
        }
        return serials;
    }

    /** Forgets the journal once the index names, or has revoked, every serial in it. */
    public void clearJournal() {
        try {
            if (Files.deleteIfExists(journalFile())) {
                AtomicFiles.syncDirectory(pki);
            }
        } catch (IOException e) {
            throw AtomicFiles.failure(journalFile(), e);
        }
    }

    public X509Certificate issuedCertificate(BigInteger serial) {
        return Pem.readCertificate(read(issuedFile(serial)), issuedFile(serial).toString());
    }

    /** A device's p12 files, as many forms as its index entry lists. */
    public P12Files p12(IndexEntry entry) {
        if (entry.p12().isEmpty()) {
            throw new UserError("the index lists no p12 for device '" + entry.name() + "': restore "
                    + indexFile() + " from a backup, or run 'ikev2kit device renew " + entry.name() + "'");
        }
        java.util.Map<P12Format, byte[]> files = new java.util.EnumMap<>(P12Format.class);
        for (P12Format form : entry.p12()) {
            Path file = p12File(entry, form);
            try {
                files.put(form, Files.readAllBytes(file));
            } catch (IOException e) {
                throw missing(file);
            }
        }
        return new P12Files(entry.p12().get(0), files);
    }

    public Optional<X509CRL> crl() {
        if (!Files.exists(crlFile())) {
            return Optional.empty();
        }
        return Optional.of(Pem.readCrl(read(crlFile()), crlFile().toString()));
    }

    public void writeCrl(X509CRL crl) {
        AtomicFiles.writePublic(crlFile(), Pem.encode(crl));
    }

    /** The stored profile signer's certificate and key, if one was made. */
    public Optional<Map.Entry<X509Certificate, PrivateKey>> signer() {
        if (!Files.exists(signerCertificateFile()) || !Files.exists(signerKeyFile())) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(Pem.readCertificate(read(signerCertificateFile()), signerCertificateFile().toString()),
                Pem.readPrivateKey(read(signerKeyFile()), signerKeyFile().toString())));
    }

    /** The profile signer's key, also when its certificate is not (yet) in place. */
    public Optional<PrivateKey> signerKey() {
        if (!Files.exists(signerKeyFile())) {
            return Optional.empty();
        }
        return Optional.of(Pem.readPrivateKey(read(signerKeyFile()), signerKeyFile().toString()));
    }

    public void writeSigner(X509Certificate signer, PrivateKey key) {
        AtomicFiles.writeSecret(signerKeyFile(), Pem.encode(key).getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writePublic(issuedFile(signer.getSerialNumber()), Pem.encode(signer));
        AtomicFiles.writePublic(signerCertificateFile(), Pem.encode(signer));
    }

    public void replaceServer(X509Certificate server, PrivateKey key) {
        AtomicFiles.writePublic(issuedFile(server.getSerialNumber()), Pem.encode(server));
        AtomicFiles.writeSecret(serverKeyFile(), Pem.encode(key).getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writePublic(serverCertificateFile(), Pem.encode(server));
    }

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw missing(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UserError("cannot read " + file + ": permission denied; run as the user who owns the site", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError(file + " is not UTF-8 text: restore it from a backup", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + Visible.of(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    private UserError missing(Path file) {
        if (!Files.exists(caCertificateFile())) {
            return new UserError("no site in " + site + ": run 'ikev2kit init --host HOST' there first, or pass --dir");
        }
        return new UserError(file + " is missing: restore it from a backup");
    }

    /** Held while a command changes the store; closing releases it. */
    public static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private final ReentrantLock local;

        private Lock(FileChannel channel, FileLock lock, ReentrantLock local) {
            this.channel = channel;
            this.lock = lock;
            this.local = local;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // the OS releases the lock when the process ends anyway
            } finally {
                local.unlock();
            }
        }
    }
}
