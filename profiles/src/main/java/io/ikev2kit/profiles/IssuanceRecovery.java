package io.ikev2kit.profiles;

import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.CertificateAuthority.Reason;
import io.ikev2kit.pki.CertificateIndex;
import io.ikev2kit.pki.Certificates;
import io.ikev2kit.pki.IndexEntry;
import io.ikev2kit.pki.SerialHex;
import io.ikev2kit.pki.SiteStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Accounts for certificates signed by a run that died (SIGINT, SIGTERM, SIGKILL, power cut) between signing and
 * its index write. Their serials are in the journal ({@link SiteStore#reserveSerials}); the next command that
 * holds the CA key adds each one whose certificate reached the disk to the index as revoked
 * (cessationOfOperation) and signs a CRL naming it, so no valid certificate exists that the site cannot see or
 * revoke. A serial whose certificate never reached the disk died with the process's memory: nothing to revoke.
 */
final class IssuanceRecovery {
    private IssuanceRecovery() {
    }

    /**
     * As {@link #settle(SiteStore, CertificateAuthority, CertificateIndex)}, for a caller that does not hold the
     * index: it is read only when the journal names something (after an interrupted run), so a command that
     * appends to the index costs the same in a large site as in a small one.
     */
    static void settle(SiteStore store, CertificateAuthority ca) {
        if (!store.journaledSerials().isEmpty()) {
            settle(store, ca, store.index());
        }
    }

    /**
     * Call with the store lock held and the CA unlocked. Returns the index to continue with: unchanged when the
     * journal is empty or fully indexed, otherwise with the revoked entries added, appended, and a new CRL signed.
     */
    static CertificateIndex settle(SiteStore store, CertificateAuthority ca, CertificateIndex index) {
        Set<BigInteger> journaled = store.journaledSerials();
        if (journaled.isEmpty()) {
            return index;
        }
        Set<BigInteger> indexed = serials(index);
        Instant now = Instant.now();
        List<IndexEntry> revoked = new ArrayList<>();
        for (BigInteger serial : journaled) {
            if (indexed.contains(serial)) {
                continue;
            }
            if (Files.exists(store.issuedFile(serial))) {
                X509Certificate certificate = store.issuedCertificate(serial);
                String cn = Certificates.commonName(certificate);
                String device = cn.contains("@") ? cn.substring(0, cn.indexOf('@')) : cn;
                revoked.add(IndexEntry.issued(certificate, IndexEntry.Kind.DEVICE, device)
                        .revoke(now, Reason.CESSATION_OF_OPERATION));
            } else {
                deleteQuietly(store.p12File(serial)); // cannot happen with the write order; never leave a key about
                deleteQuietly(store.legacyP12File(serial));
            }
        }
        if (!revoked.isEmpty()) {
            index = index.withAll(revoked);
            Lifecycle.writeCrl(store, ca, index, now);
            store.appendIndex(revoked);
        }
        store.clearJournal();
        return index;
    }

    /**
     * What {@code doctor} reports: journal serials and certificate or p12 files that the index does not name
     * (while a command runs, its own batch shows here too).
     * One directory listing each, so linear in the number of devices.
     */
    static List<String> unaccounted(SiteStore store, CertificateIndex index) {
        Set<BigInteger> indexed = serials(index);
        Set<BigInteger> journaled = store.journaledSerials();
        List<String> found = new ArrayList<>();
        for (BigInteger serial : journaled) {
            if (!indexed.contains(serial) && !Files.exists(store.issuedFile(serial))) {
                found.add("journal serial " + SerialHex.format(serial) + " (reserved by an interrupted run, no certificate written)");
            }
        }
        for (String dir : List.of("issued", "p12")) {
            Path directory = store.caCertificateFile().resolveSibling(dir);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.list(directory)) {
                files.map(f -> f.getFileName().toString()).filter(name -> !name.startsWith("."))
                        .filter(name -> !indexed.contains(serialOf(name)))
                        .sorted().forEach(name -> found.add(SiteStore.DIR + "/" + dir + "/" + name
                                + (journaled.contains(serialOf(name)) ? " (signed by an interrupted run)" : "")));
            } catch (IOException e) {
                found.add(SiteStore.DIR + "/" + dir + " (cannot be listed: " + e.getMessage() + ")");
            }
        }
        return found;
    }

    private static Set<BigInteger> serials(CertificateIndex index) {
        Set<BigInteger> serials = new HashSet<>();
        index.entries().forEach(e -> serials.add(e.serial()));
        return serials;
    }

    /** The serial a file in issued/ or p12/ is named after, or null for a name that is no serial. */
    private static BigInteger serialOf(String fileName) {
        int dot = fileName.indexOf('.');
        try {
            return SerialHex.parse(dot < 0 ? fileName : fileName.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // doctor reports a p12 the index does not name
        }
    }
}
