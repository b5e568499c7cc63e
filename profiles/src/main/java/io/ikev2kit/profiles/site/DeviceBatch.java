package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceIssuer;
import io.ikev2kit.pki.DeviceIssuer.IssuedDevice;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.store.SiteStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Issues a batch of devices fast without weakening the store: the CA key is decrypted (600,000 PBKDF2
 * iterations) in the background while the device keys are generated; certificates and p12s are made on all
 * cores; every file is written and fsynced on an I/O pool, so disk waits overlap the crypto instead of adding
 * to it; the index is appended to once, last. A batch that fails removes the files it wrote, leaving the store
 * as it was; a batch that is killed leaves files no index line points to, under serials the journal names, which
 * the next run revokes ({@link IssuanceRecovery}).
 */
final class DeviceBatch {
    /** fsyncs queue in the file system's journal, so many in flight finish far sooner than one at a time. */
    private static final int IO_THREADS = 16;

    private final SiteStore store;
    private final Site site;

    DeviceBatch(SiteStore store, Site site) {
        this.store = store;
        this.site = site;
    }

    /**
     * How many devices are in memory at once: this chunk's keys, certificates and p12s while the previous
     * chunk's files are still being written. Memory does not grow with the batch beyond its index entries.
     */
    static final int CHUNK = 512;

    /**
     * Call with the store lock held and the requests already checked against the index. Returns the new index
     * entries, in the order of the requests, once the index names them all. Each chunk's serials are in the
     * journal, fsynced, before the first of them is signed ({@link IssuanceRecovery}); the journal is cleared
     * once the index names them all.
     */
    List<IndexEntry> issue(List<SiteWorkspace.DeviceRequest> requests,
                           CompletableFuture<CertificateAuthority> unlocking,
                           Function<DeviceName, Passphrase> p12Passwords, SiteWorkspace.Progress progress) {
        return IssuanceRecovery.journaled(store, serials -> issue(requests, unlocking, p12Passwords, progress, serials));
    }

    private List<IndexEntry> issue(List<SiteWorkspace.DeviceRequest> requests,
                                   CompletableFuture<CertificateAuthority> unlocking,
                                   Function<DeviceName, Passphrase> p12Passwords, SiteWorkspace.Progress progress,
                                   IssuanceRecovery.Serials journal) {
        ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "ikev2kit-io");
            thread.setDaemon(true);
            return thread;
        });
        List<CompletableFuture<IndexEntry>> writes = new ArrayList<>();
        Set<BigInteger> submitted = ConcurrentHashMap.newKeySet();
        List<IndexEntry> issued = new ArrayList<>(requests.size());
        try {
            AtomicInteger done = new AtomicInteger();
            DeviceIssuer issuer = null;
            for (int from = 0; from < requests.size(); from += CHUNK) {
                List<SiteWorkspace.DeviceRequest> chunk = requests.subList(from, Math.min(requests.size(), from + CHUNK));
                // the first chunk's keys are made while the CA key's KDF still runs in the background
                List<KeyPair> keys = chunk.parallelStream().map(r -> site.keyType().generate()).toList();
                if (issuer == null) {
                    CertificateAuthority ca = join(unlocking);
                    IssuanceRecovery.settle(store, ca); // an earlier run's journal first: it is cleared below
                    issuer = new DeviceIssuer(ca, site.host(), site.keyType());
                }
                DeviceIssuer signer = issuer;
                List<BigInteger> serials = journal.reserve(chunk.size()); // durable before the first signature
                List<CompletableFuture<IndexEntry>> chunkWrites = IntStream.range(0, chunk.size()).parallel().mapToObj(i -> {
                    SiteWorkspace.DeviceRequest request = chunk.get(i);
                    IssuedDevice device;
                    try {
                        device = signer.issue(request.name(), request.days().orElse(site.deviceDays()), request.standalone(),
                                p12Passwords.apply(request.name()), keys.get(i), serials.get(i));
                    } catch (RuntimeException e) {
                        return CompletableFuture.<IndexEntry>failedFuture(e);
                    }
                    submitted.add(device.certificate().getSerialNumber());
                    return CompletableFuture.supplyAsync(() -> {
                        store.writeDeviceFiles(device.certificate(), device.p12());
                        progress.advanced(done.incrementAndGet(), requests.size(), device.name());
                        return IndexEntry.issuedDevice(device.certificate(), device.name().value(), device.p12().forms(),
                                request.platform());
                    }, io);
                }).toList();
                // the previous chunk's files were written while this chunk was made; only their entries stay
                writes.stream().skip(issued.size()).map(DeviceBatch::join).forEach(issued::add);
                writes.addAll(chunkWrites);
            }
            writes.stream().skip(issued.size()).map(DeviceBatch::join).forEach(issued::add);
            store.appendIndex(issued);
        } catch (io.ikev2kit.pki.UserError e) {
            removeWrittenFiles(writes, submitted);
            throw new io.ikev2kit.pki.UserError("nothing was issued: " + e.getMessage(), e); // e.g. a full disk
        } catch (RuntimeException e) {
            removeWrittenFiles(writes, submitted);
            throw e;
        } finally {
            io.shutdownNow();
        }
        // the journal is cleared by IssuanceRecovery.journaled, outside the try: once the index names the batch, a
        // failure there must not remove its files (the next run's settle finds every journal serial indexed)
        return issued;
    }

    /**
     * Waits for every write still in flight, then deletes what this batch added; the index never saw it (the
     * serials are new: 127 random bits each). With every certificate gone, the journal has nothing left to
     * account for and is cleared: the site is left exactly as it was.
     */
    private void removeWrittenFiles(List<CompletableFuture<IndexEntry>> writes, Set<BigInteger> submitted) {
        for (CompletableFuture<IndexEntry> write : writes) {
            try {
                write.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                // failed writes may still have left one of the device's two files: removed below with the rest
            }
        }
        boolean allGone = true;
        for (BigInteger serial : submitted) {
            deleteQuietly(store.issuedFile(serial));
            deleteQuietly(store.p12File(serial));
            deleteQuietly(store.legacyP12File(serial));
            allGone &= !Files.exists(store.issuedFile(serial));
        }
        if (allGone) {
            store.clearJournal();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an orphan file is harmless: nothing in the index points to it
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
