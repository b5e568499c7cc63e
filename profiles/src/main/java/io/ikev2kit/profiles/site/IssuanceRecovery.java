package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.CertificateAuthority.Reason;
import io.ikev2kit.pki.store.CertificateIndex;
import io.ikev2kit.pki.Certificates;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.SerialHex;
import io.ikev2kit.pki.store.SiteStore;
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
 * its index write. Every certificate a command signs is signed under a serial journaled beforehand
 * ({@link #journaled}); the next command that holds the CA key settles each journaled serial the index lacks.
 * A device certificate that reached the disk is added to the index as revoked (cessationOfOperation) and a CRL
 * naming it is signed, so no valid certificate exists that the site cannot see or revoke. A server or
 * profile-signer certificate whose key the site already holds in place is the one the site uses: its renewal is
 * completed (the certificate put in place and indexed as valid); one whose key never got there is revoked like a
 * device's. A serial whose certificate never reached the disk died with the process's memory: nothing to revoke.
 */
final class IssuanceRecovery {
    private IssuanceRecovery() {
    }

    /** Serials for a command to sign under: each call journals (and fsyncs) that many new ones first. */
    interface Serials {
        List<BigInteger> reserve(int count);
    }

    /**
     * The one way a command signs certificates: {@code signAndRecord} reserves serials (journaled before it can
     * sign under them), signs, and writes and indexes what it signed; only when it has returned is the journal
     * cleared. If it dies or throws first, the journal stays for {@link #settle} to account for. Call with the
     * store lock held, after {@link #settle}.
     */
    static <T> T journaled(SiteStore store, java.util.function.Function<Serials, T> signAndRecord) {
        T result = signAndRecord.apply(store::reserveSerials);
        store.clearJournal();
        return result;
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
     * journal is empty or fully indexed, otherwise with the settled entries added and appended, and a new CRL
     * signed if any of them is revoked.
     */
    static CertificateIndex settle(SiteStore store, CertificateAuthority ca, CertificateIndex index) {
        Set<BigInteger> journaled = store.journaledSerials();
        if (journaled.isEmpty()) {
            return index;
        }
        Set<BigInteger> indexed = serials(index);
        Instant now = Instant.now();
        List<IndexEntry> settled = new ArrayList<>();
        boolean anyRevoked = false;
        for (BigInteger serial : journaled) {
            if (indexed.contains(serial)) {
                continue;
            }
            if (Files.exists(store.issuedFile(serial))) {
                IndexEntry entry = settle(store, store.issuedCertificate(serial), now);
                anyRevoked |= entry.isRevoked();
                settled.add(entry);
            } else {
                deleteQuietly(store.p12File(serial)); // cannot happen with the write order; never leave a key about
                deleteQuietly(store.legacyP12File(serial));
            }
        }
        if (!settled.isEmpty()) {
            index = index.withAll(settled);
            if (anyRevoked) {
                Lifecycle.writeCrl(store, ca, index, now);
            }
            store.appendIndex(settled);
        }
        store.clearJournal();
        return index;
    }

    /** The index entry for a journaled certificate found on disk: completed if the site uses it, else revoked. */
    private static IndexEntry settle(SiteStore store, X509Certificate certificate, Instant now) {
        String cn = Certificates.commonName(certificate);
        IndexEntry.Kind kind = kind(certificate);
        if (kind == IndexEntry.Kind.SERVER && pairs(store.serverKey(), certificate)) {
            store.replaceServer(certificate, store.serverKey()); // killed before server.pem was replaced
            return IndexEntry.issued(certificate, kind, cn);
        }
        Optional<java.security.PrivateKey> signerKey = store.signerKey();
        if (kind == IndexEntry.Kind.SIGNER && signerKey.isPresent() && pairs(signerKey.get(), certificate)) {
            store.writeSigner(certificate, signerKey.get());
            return IndexEntry.issued(certificate, kind, cn);
        }
        String name = kind == IndexEntry.Kind.DEVICE && cn.contains("@") ? cn.substring(0, cn.indexOf('@')) : cn;
        return IndexEntry.issued(certificate, kind, name).revoke(now, Reason.CESSATION_OF_OPERATION);
    }

    /** By extended key usage, as the CA issues them: serverAuth a server, emailProtection a profile signer. */
    private static IndexEntry.Kind kind(X509Certificate certificate) {
        try {
            List<String> usages = Optional.ofNullable(certificate.getExtendedKeyUsage()).orElse(List.of());
            if (usages.contains(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth.getId())) {
                return IndexEntry.Kind.SERVER;
            }
            if (usages.contains(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_emailProtection.getId())) {
                return IndexEntry.Kind.SIGNER;
            }
            return IndexEntry.Kind.DEVICE;
        } catch (java.security.cert.CertificateParsingException e) {
            return IndexEntry.Kind.DEVICE;
        }
    }

    /** Whether {@code key} is the private half of the certificate's public key: it signs what the certificate verifies. */
    static boolean pairs(java.security.PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            byte[] message = certificate.getEncoded();
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false; // a key of another type than the certificate's
        }
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
