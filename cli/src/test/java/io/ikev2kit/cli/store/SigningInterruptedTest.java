package io.ikev2kit.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.cli.CliTestAccess;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.SerialHex;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.pki.Tool;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server certificate ('server renew') and the profile signer ('device export --sign', first use) are signed
 * under a journaled serial like every device's. Each command is killed with SIGKILL at the dangerous point, after
 * the certificate is signed and written, as it is about to put a file in place (which rename that is, is measured
 * by tracing the same command on a copy of the site first). The CA must still account for
 * the certificate: doctor reports it, and the next command holding the CA key completes it (the site uses it,
 * so the index names it as valid) or revokes it (the site never got to use it; the CRL names it).
 */
class SigningInterruptedTest {
    @TempDir
    Path tmp;
    Path caPass;
    Path site;
    SiteStore store;

    @BeforeAll
    static void strace() {
        Tool.require("strace");
    }

    @BeforeEach
    void site() throws Exception {
        caPass = Tool.secretFile(tmp, "interrupted signing passphrase");
        site = tmp.resolve("site");
        CliTestAccess.run("init", "--dir", site.toString(), "--host", "vpn.example.com", "--ca-password-file", caPass.toString());
        store = new SiteStore(site);
    }

    @Test
    void aServerRenewalKilledAfterItsKeyIsInPlaceIsCompletedByTheNextCommand() throws Exception {
        BigInteger old = store.serverCertificate().getSerialNumber();

        killedAt("pki/server.pem", "server", "renew", "--ca-password-file", caPass.toString());

        assertEquals(old, store.serverCertificate().getSerialNumber(), "killed before server.pem was replaced");
        BigInteger renewed = onlyUnindexedIssued();
        assertReportedByDoctor(renewed);

        CliTestAccess.run("crl", "--dir", site.toString(), "--ca-password-file", caPass.toString());

        IndexEntry entry = entry(renewed).orElseThrow(() -> new AssertionError("the index names the new server certificate"));
        assertEquals(IndexEntry.Kind.SERVER, entry.kind());
        assertFalse(entry.isRevoked(), "the certificate whose key the server now has stays valid");
        assertEquals(renewed, store.serverCertificate().getSerialNumber(), "and is put in place beside its key");
        assertAllAccountedFor();
    }

    @Test
    void aServerRenewalKilledBeforeItsKeyIsInPlaceIsRevokedByTheNextCommand() throws Exception {
        BigInteger old = store.serverCertificate().getSerialNumber();

        killedAt("pki/server.key", "server", "renew", "--ca-password-file", caPass.toString());

        assertEquals(old, store.serverCertificate().getSerialNumber(), "the old certificate and key are still in place");
        BigInteger signed = onlyUnindexedIssued();
        assertReportedByDoctor(signed);

        CliTestAccess.run("crl", "--dir", site.toString(), "--ca-password-file", caPass.toString());

        IndexEntry entry = entry(signed).orElseThrow(() -> new AssertionError("the index names the signed certificate"));
        assertEquals(IndexEntry.Kind.SERVER, entry.kind());
        assertTrue(entry.isRevoked(), "a certificate whose key never got in place is revoked");
        X509CRL crl = store.crl().orElseThrow();
        assertTrue(crl.getRevokedCertificate(signed) != null, "the CRL names it");
        assertEquals(old, store.serverCertificate().getSerialNumber());
        assertAllAccountedFor();
    }

    @Test
    void aProfileSignerKilledBeforeItsCertificateIsInPlaceIsCompletedAndThenUsed() throws Exception {
        Path p12Pass = Tool.secretFile(tmp, "interrupted-p12-Password-7");
        CliTestAccess.run("device", "add", "alice", "--platform", "ios", "--dir", site.toString(),
                "--ca-password-file", caPass.toString(), "--p12-password-file", p12Pass.toString());
        killedAt("pki/signer.pem", "device", "export", "alice", "--format", "apple", "--sign",
                "--ca-password-file", caPass.toString(), "--p12-password-file", p12Pass.toString(),
                "--out", tmp.resolve("out-killed").toString());

        assertTrue(store.signer().isEmpty(), "killed before signer.pem was written");
        BigInteger signer = onlyUnindexedIssued();
        assertReportedByDoctor(signer);

        CliTestAccess.run("device", "export", "alice", "--format", "apple", "--sign", "--dir", site.toString(),
                "--ca-password-file", caPass.toString(), "--p12-password-file", p12Pass.toString(),
                "--out", tmp.resolve("out").toString());

        IndexEntry entry = entry(signer).orElseThrow(() -> new AssertionError("the index names the profile signer"));
        assertEquals(IndexEntry.Kind.SIGNER, entry.kind());
        assertFalse(entry.isRevoked());
        assertEquals(signer, store.signer().orElseThrow().getKey().getSerialNumber(), "the completed signer is the one used");
        assertAllAccountedFor();
    }

    /**
     * Runs the command (on the site, {@code --dir} added) killed as it is about to rename a file onto
     * {@code target}: which of its renames that is, is found by running it on a copy of the site, traced.
     */
    private void killedAt(String target, String... args) throws Exception {
        Path copy = tmp.resolve("probe-" + target.replace('/', '-'));
        copySite(site, copy);
        Path trace = tmp.resolve("probe.trace");
        Process probe = ChildCli.startTracingRenames(trace, tmp.resolve("probe.log"), withDir(args, copy));
        assertTrue(probe.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, probe.exitValue(), () -> read(tmp.resolve("probe.log")));
        java.util.List<String> targets = Files.readAllLines(trace).stream().filter(l -> l.contains("rename(\""))
                .map(l -> l.replaceAll(".*rename\\(\"[^\"]*\", \"([^\"]*)\"\\).*", "$1")).toList();
        int nth = targets.indexOf(copy.resolve(target).toString()) + 1;
        assertTrue(nth > 0, () -> "the command renames onto " + target + ": " + targets);

        Path log = tmp.resolve("killed.log");
        Process process = ChildCli.startKilledAtRename(nth, log, withDir(args, site));
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command ended");
        assertNotEquals(0, process.exitValue(), () -> "killed, not finished: " + read(log));
        assertTrue(Files.exists(store.journalFile()), () -> "the serial was journaled before signing\n" + read(log));
    }

    private static String[] withDir(String[] args, Path dir) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--dir";
        all[args.length + 1] = dir.toString();
        return all;
    }

    private static void copySite(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private void assertReportedByDoctor(BigInteger serial) {
        String[] doctor = CliTestAccess.attempt("doctor", "--dir", site.toString());
        String out = doctor[1] + doctor[2];
        assertTrue(out.contains(SerialHex.format(serial)) && out.contains("the index does not name"), out);
    }

    private void assertAllAccountedFor() throws Exception {
        assertFalse(Files.exists(store.journalFile()), "the journal is settled");
        Set<String> indexed = store.index().entries().stream().map(e -> SerialHex.format(e.serial()) + ".pem")
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(store.issuedFile(BigInteger.ONE).getParent())) {
            assertEquals(Set.of(), files.map(f -> f.getFileName().toString()).filter(f -> !indexed.contains(f))
                    .collect(Collectors.toSet()), "certificate files the index does not name");
        }
        String[] doctor = CliTestAccess.attempt("doctor", "--dir", site.toString());
        assertFalse((doctor[1] + doctor[2]).contains("the index does not name"), doctor[1] + doctor[2]);
    }

    private BigInteger onlyUnindexedIssued() throws Exception {
        try (Stream<Path> files = Files.list(store.issuedFile(BigInteger.ONE).getParent())) {
            var unindexed = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pem"))
                    .map(f -> SerialHex.parse(f.substring(0, f.length() - 4))).filter(s -> !indexed(s)).toList();
            assertEquals(1, unindexed.size(), unindexed.toString());
            return unindexed.get(0);
        }
    }

    private boolean indexed(BigInteger serial) {
        return entry(serial).isPresent();
    }

    private Optional<IndexEntry> entry(BigInteger serial) {
        return store.index().entries().stream().filter(e -> e.serial().equals(serial)).findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
