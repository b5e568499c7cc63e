package io.ikev2kit.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.pki.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a bulk 'device add' with SIGKILL at random moments, again and again, on the same site. Whenever it dies
 * the store must read as a consistent whole, with the batch either fully valid in the index or not at all.
 * Certificates an unfinished batch signed and wrote must all be in the journal, reported by doctor, and revoked
 * (index and CRL) by the next run: at the end no certificate file exists that the index does not name.
 */
class CrashSafetyTest {
    private static final int DEVICES = 40;
    private static final int KILLS = 12;
    private static final char[] P12_PASSWORD = "crash-test-p12".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void sigkillAtAnyMomentLeavesAConsistentStoreAndARerunCompletesTheBatch() throws Exception {
        Path caPass = Tool.secretFile(tmp, "crash test passphrase");
        Path p12Pass = Tool.secretFile(tmp, new String(P12_PASSWORD));
        Path site = init(tmp.resolve("site"), caPass);
        int round = 0;
        Path csv = batch(round);
        long fullRun = timedFullRun(init(tmp.resolve("calibration"), caPass), csv, caPass, p12Pass);

        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        Set<String> completed = new HashSet<>();
        int killedMidway = 0;
        long mostOrphans = 0;
        for (int i = 0; i < KILLS; i++) {
            long filesBefore = issuedFiles(site);
            Process add = add(site, csv, caPass, p12Pass, "kill-" + i);
            boolean stopped;
            if (i % 2 == 0) {
                // anywhere from JVM start-up to just past the end: parsing, KDF, issuing, file writes, index write
                stopped = add.waitFor((long) (fullRun * (0.15 + 0.95 * random.nextDouble())), TimeUnit.MILLISECONDS);
            } else {
                // right in the short window where device files are being written: the index must not point at them yet
                stopped = waitForNewFiles(add, site, filesBefore) || add.waitFor(random.nextInt(30), TimeUnit.MILLISECONDS);
            }
            if (!stopped) {
                add.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                killedMidway++;
            }
            Set<String> names = names(valid(StoreCheck.assertConsistent(site, P12_PASSWORD)));
            assertEquals(Set.of(), orphansOutsideJournal(site), "every certificate written is in the index or the journal");
            if (orphans(site) > 0 && mostOrphans == 0) {
                String doctor = doctor(site);
                assertTrue(doctor.contains("that the index does not name") && doctor.contains("signed by an interrupted run"),
                        doctor);
            }
            mostOrphans = Math.max(mostOrphans, orphans(site));
            Set<String> current = names(csv);
            Set<String> fromThisBatch = names.stream().filter(current::contains).collect(Collectors.toSet());
            System.out.printf("run %d: %s, %d of this batch indexed, %d orphan files%n", i,
                    stopped ? "finished (exit " + add.exitValue() + ")" : "killed", fromThisBatch.size(), orphans(site));
            assertTrue(fromThisBatch.isEmpty() || fromThisBatch.equals(current),
                    "all of the batch or none of it (seed " + seed + "): " + fromThisBatch);
            assertEquals(new SiteStore(site).index().devices().size(), listedDevices(site),
                    "device list shows only indexed devices");
            if (!fromThisBatch.isEmpty()) { // this one finished before the kill: carry on with a fresh batch
                completed.addAll(current);
                csv = batch(++round);
            }
            assertEquals(completed, names, "earlier batches are untouched");
        }
        assertTrue(killedMidway >= KILLS / 2, "most runs were killed before they finished: " + killedMidway);
        assertTrue(mostOrphans > 0, "some kills left device files the index never got to: the case that matters");

        Process rerun = add(site, csv, caPass, p12Pass, "rerun");
        assertTrue(rerun.waitFor(60, TimeUnit.SECONDS), "re-run finishes");
        assertEquals(0, rerun.exitValue(), Files.readString(tmp.resolve("rerun.log")));
        completed.addAll(names(csv));
        List<IndexEntry> devices = StoreCheck.assertConsistent(site, P12_PASSWORD);
        assertEquals(completed, names(valid(devices)));
        assertEquals(completed.size(), valid(devices).size(), "no duplicates");
        assertEquals(devices.size(), devices.stream().map(IndexEntry::serial).distinct().count(), "distinct serials");
        assertAllAccountedFor(site);
    }

    /**
     * SIGINT (Ctrl-C) and SIGTERM (kill, systemd stop) run the JVM's shutdown, not our finally blocks to the end:
     * a batch stopped while it writes files leaves signed certificates that only the journal names. 'crl' then
     * revokes them, and doctor stops reporting them.
     */
    @Test
    void sigintAndSigtermMidBatchLeaveOnlyCertificatesTheNextRunRevokes() throws Exception {
        Path caPass = Tool.secretFile(tmp, "crash test passphrase");
        Path p12Pass = Tool.secretFile(tmp, new String(P12_PASSWORD));
        for (String signal : List.of("INT", "TERM")) {
            Path site = null;
            // the signal must land while files are being written; a batch that ends first is tried again
            for (int attempt = 0; attempt < 4 && (site == null || orphans(site) == 0); attempt++) {
                site = init(tmp.resolve("site-" + signal + "-" + attempt), caPass);
                Path csv = tmp.resolve("big-" + signal + ".csv");
                Files.writeString(csv, IntStream.range(0, 600).mapToObj(i -> "sig-" + i).collect(Collectors.joining("\n")));
                Process add = add(site, csv, caPass, p12Pass, "signal-" + signal + "-" + attempt);
                boolean running = !waitForNewFiles(add, site, issuedFiles(site));
                Tool.run(null, List.of("kill", "-" + signal, Long.toString(add.pid())));
                assertTrue(add.waitFor(30, TimeUnit.SECONDS));
                StoreCheck.assertConsistent(site, P12_PASSWORD);
                assertEquals(Set.of(), orphansOutsideJournal(site), "every certificate written is in the index or the journal");
                System.out.printf("SIG%s attempt %d: %s, %d orphan files%n", signal, attempt,
                        running ? "exit " + add.exitValue() : "finished first", orphans(site));
            }
            assertTrue(orphans(site) > 0, "SIG" + signal + " never came while files were being written");
            assertTrue(valid(new SiteStore(site).index().devices()).isEmpty(), "the batch is not in the index");
            assertTrue(doctor(site).contains("signed by an interrupted run"), doctor(site));

            io.ikev2kit.cli.CliTestAccess.run("crl", "--dir", site.toString(), "--ca-password-file", caPass.toString());
            assertAllAccountedFor(site);
            assertFalse(doctor(site).contains("that the index does not name"), doctor(site));
        }
    }

    /** No certificate file that the index does not name, an empty journal, and every revoked serial in the CRL. */
    private static void assertAllAccountedFor(Path site) throws Exception {
        assertEquals(0, orphans(site), "every certificate file is named by the index");
        assertFalse(Files.exists(site.resolve("pki/journal.tsv")), "the journal is settled");
        SiteStore store = new SiteStore(site);
        Set<java.math.BigInteger> inCrl = new HashSet<>();
        X509CRL crl = store.crl().orElse(null);
        if (crl != null && crl.getRevokedCertificates() != null) {
            crl.getRevokedCertificates().forEach(r -> inCrl.add(r.getSerialNumber()));
        }
        for (IndexEntry entry : store.index().revoked()) {
            assertTrue(inCrl.contains(entry.serial()), "the CRL revokes " + entry.serialHex());
        }
    }

    /** Certificate files that neither the index nor the journal names: a CA that lost count. */
    private static Set<String> orphansOutsideJournal(Path site) throws Exception {
        SiteStore store = new SiteStore(site);
        Set<String> known = new HashSet<>();
        store.index().entries().forEach(e -> known.add(e.serialHex() + ".pem"));
        store.journaledSerials().forEach(s -> known.add(io.ikev2kit.pki.SerialHex.format(s) + ".pem"));
        try (var files = Files.list(site.resolve("pki/issued"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".") && !known.contains(f))
                    .collect(Collectors.toSet());
        }
    }

    private static List<IndexEntry> valid(List<IndexEntry> devices) {
        return devices.stream().filter(e -> !e.isRevoked()).toList();
    }

    private static String doctor(Path site) {
        io.ikev2kit.cli.CliRun run = io.ikev2kit.cli.CliRun.of("doctor", "--dir", site.toString());
        return run.out() + run.err();
    }

    /** Waits until the child has written its first device file; true if it exited before that. */
    private static boolean waitForNewFiles(Process add, Path site, long before) throws Exception {
        while (add.isAlive()) {
            if (issuedFiles(site) > before) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private static long issuedFiles(Path site) throws java.io.IOException {
        Path issued = site.resolve("pki/issued");
        try (var files = Files.list(issued)) {
            return files.count();
        }
    }

    /** Certificate files no index line points to: left by killed runs, harmless, never listed. */
    private static long orphans(Path site) throws Exception {
        Set<String> indexed = new io.ikev2kit.pki.store.SiteStore(site).index().entries().stream()
                .map(e -> e.serialHex() + ".pem").collect(Collectors.toSet());
        try (var files = Files.list(site.resolve("pki/issued"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".") && !indexed.contains(f)).count();
        }
    }

    private Path batch(int round) throws java.io.IOException {
        Path csv = tmp.resolve("batch-" + round + ".csv");
        Files.writeString(csv, IntStream.range(0, DEVICES).mapToObj(i -> "crash-" + round + "-" + i)
                .collect(Collectors.joining("\n")), StandardCharsets.UTF_8);
        return csv;
    }

    private static Set<String> names(Path csv) throws java.io.IOException {
        return Set.copyOf(Files.readAllLines(csv));
    }

    private static Set<String> names(List<IndexEntry> devices) {
        return devices.stream().map(IndexEntry::name).collect(Collectors.toSet());
    }

    private Path init(Path site, Path caPass) {
        io.ikev2kit.cli.CliTestAccess.run("init", "--dir", site.toString(), "--host", "vpn.example.com",
                "--ca-password-file", caPass.toString());
        return site;
    }

    private long timedFullRun(Path site, Path csv, Path caPass, Path p12Pass) throws Exception {
        long start = System.nanoTime();
        Process add = add(site, csv, caPass, p12Pass, "calibration");
        assertTrue(add.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, add.exitValue(), Files.readString(tmp.resolve("calibration.log")));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private Process add(Path site, Path csv, Path caPass, Path p12Pass, String name) throws Exception {
        return ChildCli.start(tmp.resolve(name + ".log"), "device", "add", "--from", csv.toString(), "--dir", site.toString(),
                "--ca-password-file", caPass.toString(), "--p12-password-file", p12Pass.toString());
    }

    private static long listedDevices(Path site) {
        String json = io.ikev2kit.cli.CliTestAccess.run("device", "list", "--dir", site.toString(), "--json");
        return json.lines().filter(line -> line.contains("\"name\":")).count();
    }
}
