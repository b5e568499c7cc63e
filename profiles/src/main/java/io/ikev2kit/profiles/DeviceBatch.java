package io.ikev2kit.profiles;

import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.CertificateIndex;
import io.ikev2kit.pki.DeviceIssuer;
import io.ikev2kit.pki.DeviceIssuer.IssuedDevice;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.IndexEntry;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.SiteStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Issues a batch of devices fast without weakening the store: the CA key is decrypted (600,000 PBKDF2
 * iterations) in the background while the device keys are generated; certificates and p12s are made on all
 * cores; every file is written and fsynced on an I/O pool, so disk waits overlap the crypto instead of adding
 * to it; the index is written once, last. A batch that fails removes the files it wrote, leaving the store as
 * it was; a batch that is killed leaves only files no index line points to.
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

    /** Call with the store lock held and the requests already checked against the index. */
    List<IssuedDevice> issue(CertificateIndex indexBefore, List<SiteWorkspace.DeviceRequest> requests,
                             CompletableFuture<CertificateAuthority> unlocking,
                             Function<DeviceName, Passphrase> p12Passwords, SiteWorkspace.Progress progress) {
        List<KeyPair> keys = requests.parallelStream().map(r -> site.keyType().generate()).toList();
        CertificateAuthority ca = join(unlocking);
        CertificateIndex index = IssuanceRecovery.settle(store, ca, indexBefore);
        DeviceIssuer issuer = new DeviceIssuer(ca, site.host(), site.keyType());
        List<BigInteger> serials = store.reserveSerials(requests.size()); // durable before the first signature
        ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "ikev2kit-io");
            thread.setDaemon(true);
            return thread;
        });
        List<CompletableFuture<IssuedDevice>> writes = new ArrayList<>();
        List<IssuedDevice> submitted = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            AtomicInteger done = new AtomicInteger();
            writes.addAll(IntStream.range(0, requests.size()).parallel().mapToObj(i -> {
                SiteWorkspace.DeviceRequest request = requests.get(i);
                IssuedDevice device;
                try {
                    device = issuer.issue(request.name(), request.days().orElse(site.deviceDays()), request.standalone(),
                            p12Passwords.apply(request.name()), keys.get(i), serials.get(i));
                } catch (RuntimeException e) {
                    return CompletableFuture.<IssuedDevice>failedFuture(e);
                }
                submitted.add(device);
                return CompletableFuture.supplyAsync(() -> {
                    store.writeDeviceFiles(device.certificate(), device.p12());
                    progress.advanced(done.incrementAndGet(), requests.size(), device.name());
                    return device;
                }, io);
            }).toList());
            List<IssuedDevice> issued = writes.stream().map(DeviceBatch::join).toList();
            java.util.Map<DeviceName, Platform> platforms = new java.util.HashMap<>();
            requests.forEach(request -> platforms.put(request.name(), request.platform()));
            store.writeIndex(index.withAll(issued.stream().map(device -> IndexEntry.issuedDevice(device.certificate(),
                    device.name().value(), device.p12().forms(), platforms.get(device.name()))).toList()));
            store.clearJournal();
            return issued;
        } catch (io.ikev2kit.pki.UserError e) {
            removeWrittenFiles(writes, submitted, index);
            throw new io.ikev2kit.pki.UserError("nothing was issued: " + e.getMessage(), e); // e.g. a full disk
        } catch (RuntimeException e) {
            removeWrittenFiles(writes, submitted, index);
            throw e;
        } finally {
            io.shutdownNow();
        }
    }

    /** Waits for every write still in flight, then deletes what this batch added; the index never saw it. */
    private void removeWrittenFiles(List<CompletableFuture<IssuedDevice>> writes, List<IssuedDevice> submitted,
                                    CertificateIndex index) {
        for (CompletableFuture<IssuedDevice> write : writes) {
            try {
                write.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                // failed writes may still have left one of the device's two files: removed below with the rest
            }
        }
        boolean allGone = true;
        synchronized (submitted) {
            for (IssuedDevice device : submitted) {
                BigInteger serial = device.certificate().getSerialNumber();
                if (index.entries().stream().noneMatch(entry -> entry.serial().equals(serial))) {
                    deleteQuietly(store.issuedFile(serial));
                    deleteQuietly(store.p12File(serial));
                    deleteQuietly(store.legacyP12File(serial));
                    allGone &= !Files.exists(store.issuedFile(serial));
                }
            }
        }
        if (allGone) {
            // every certificate this batch signed is gone with its files: nothing is left for the journal to account for
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
