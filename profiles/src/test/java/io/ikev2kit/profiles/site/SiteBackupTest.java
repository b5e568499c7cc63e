package io.ikev2kit.profiles.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.Fixtures;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteBackupTest {
    private static final Passphrase CA = Passphrase.of(Fixtures.CA_PASSPHRASE);

    @TempDir
    Path dir;
    SiteWorkspace site;
    Path archive;

    @BeforeEach
    void backUp() {
        site = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256), "alice", "bob");
        archive = dir.resolve("site.backup");
        SiteBackup.write(site, CA, archive);
    }

    @Test
    void restoresEveryFileWithKeysOwnerOnly() throws Exception {
        Path restored = SiteBackup.restore(archive, CA, dir.resolve("restored"), false);
        SiteWorkspace copy = SiteWorkspace.open(restored);
        assertEquals(site.site(), copy.site());
        for (io.ikev2kit.pki.P12Format form : io.ikev2kit.pki.P12Format.values()) {
            assertArrayEquals(site.device(new DeviceName("alice")).p12().get(form).orElseThrow(),
                    copy.device(new DeviceName("alice")).p12().get(form).orElseThrow());
        }
        assertEquals(site.store().index(), copy.store().index());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.store().caKeyFile())));
        copy.store().unlock(CA);
    }

    @Test
    void theDeviceNetworksFileIsBackedUpAndRestoredOwnerOnly() throws Exception {
        DeviceNetworks networks = DeviceNetworks.empty().with(DeviceNetworksTest.network("alice", "10.10.10.50", null,
                "192.168.1.0/24"));
        networks.write(site.dir());
        SiteBackup.write(site, CA, dir.resolve("networks.backup"));
        Path restored = SiteBackup.restore(dir.resolve("networks.backup"), CA, dir.resolve("restored"), false);
        assertEquals(networks.all(), SiteWorkspace.open(restored).deviceNetworks().all());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                DeviceNetworks.path(restored))));
    }

    @Test
    void archiveIsEncrypted() throws Exception {
        String raw = new String(Files.readAllBytes(archive), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("BEGIN") || raw.contains("site.conf") || raw.contains("vpn.example.com"), "no plaintext");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
    }

    @Test
    void wrongPassphraseAndTamperingAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path target = dir.resolve("restored");
        UserError wrong = assertThrows(UserError.class, () -> SiteBackup.restore(archive, Passphrase.of("nope-nope"), target, false));
        assertTrue(wrong.getMessage().contains("does not open this backup"), wrong.getMessage());
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length - 40] ^= 1;
        Path tampered = dir.resolve("tampered.backup");
        Files.write(tampered, bytes);
        assertThrows(UserError.class, () -> SiteBackup.restore(tampered, CA, target, false));
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".restore-")), "no staging left behind");
        }
        assertThrows(UserError.class, () -> SiteBackup.write(site, Passphrase.of("not-the-ca"), dir.resolve("x.backup")),
                "a backup sealed with a passphrase that does not open the CA would be useless");
    }

    @Test
    void restoringOverASiteNeedsReplaceAndKeepsTheOldOneAside() throws Exception {
        UserError refused = assertThrows(UserError.class, () -> SiteBackup.restore(archive, CA, site.dir(), false));
        assertTrue(refused.getMessage().contains("--replace"), refused.getMessage());
        SiteBackup.restore(archive, CA, site.dir(), true);
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.anyMatch(p -> p.getFileName().toString().startsWith("site.before-restore-")));
        }
        assertEquals(2, SiteWorkspace.open(site.dir()).devices().size());
    }

    @Test
    void backupArchivesOnlySiteFilesAndNeverFollowsALink() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside-secret"), "not the site's");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(site.dir().resolve("notes.txt"), "a stray file");
        Files.createSymbolicLink(site.dir().resolve("elsewhere"), dir);
        Path planted = site.dir().resolve("pki/issued/ABCDEF.pem");
        Files.createSymbolicLink(planted, outside);
        UserError refused = assertThrows(UserError.class, () -> SiteBackup.write(site, CA, dir.resolve("linked.backup")));
        assertTrue(refused.getMessage().contains("pki/issued/ABCDEF.pem in the site is a symbolic link"), refused.getMessage());
        assertFalse(Files.exists(dir.resolve("linked.backup")));

        Files.delete(planted);
        SiteBackup.write(site, CA, dir.resolve("clean.backup"));
        Path restored = SiteBackup.restore(dir.resolve("clean.backup"), CA, dir.resolve("restored"), false);
        try (Stream<Path> files = Files.walk(restored)) {
            assertEquals(java.util.List.of(), files.filter(p -> p.toString().contains("notes") || p.toString().contains("elsewhere")
                    || p.toString().contains("outside")).toList(), "only the site's own files came back");
        }
    }

    @Test
    void restoreRefusesAnArchiveHoldingAFileNoSiteHasAndWritesNothing() throws Exception {
        for (String name : new String[] {".ssh/authorized_keys", "pki/../../evil", "pki/issued/xyz.pem", "pki/ca.key.bak",
                "site.conf/x", "pki/p12/01.p12.sh"}) {
            Path crafted = dir.resolve("crafted.backup");
            BackupFormat.reseal(archive, crafted, CA, name, "ssh-ed25519 AAAA attacker".getBytes());
            Path target = dir.resolve("restored");
            UserError refused = assertThrows(UserError.class, () -> SiteBackup.restore(crafted, CA, target, false));
            assertTrue(refused.getMessage().contains("which is no file of a site") && !refused.getMessage().contains("\n"),
                    refused.getMessage());
            assertFalse(Files.exists(target), name);
            try (Stream<Path> left = Files.list(dir)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".restore-")), "no staging left behind");
            }
        }
        BackupFormat.reseal(archive, dir.resolve("ok.backup"), CA, "pki/p12/0ABC.legacy.p12", new byte[] {1});
        SiteBackup.restore(dir.resolve("ok.backup"), CA, dir.resolve("restored"), false); // a site file is fine
    }

    /**
     * The archive is sealed in segments so neither backup nor restore holds it whole: each segment must be
     * authenticated in its place, and the last one must be there. A site with 200 KB that does not compress
     * (the sent-mail log here) makes an archive of several segments.
     */
    @Test
    void aLargeArchiveIsSealedInSegmentsNoneOfWhichMayBeCutSwappedOrDropped() throws Exception {
        byte[] log = new byte[200_000];
        new java.security.SecureRandom().nextBytes(log);
        Files.write(site.dir().resolve("sent-mail.log"), log);
        Path large = dir.resolve("large.backup");
        SiteBackup.write(site, CA, large);
        byte[] data = Files.readAllBytes(large);
        java.util.List<int[]> segments = BackupFormat.segments(data);
        assertTrue(segments.size() >= 4, "segments: " + segments.size());

        java.util.Map<String, byte[]> damaged = new java.util.LinkedHashMap<>();
        damaged.put("cut after a full segment", java.util.Arrays.copyOf(data, segments.get(segments.size() - 1)[0]));
        damaged.put("cut inside the last tag", java.util.Arrays.copyOf(data, data.length - 1));
        byte[] swapped = data.clone();
        System.arraycopy(data, segments.get(1)[0], swapped, segments.get(0)[0], BackupFormat.SEGMENT + 16);
        System.arraycopy(data, segments.get(0)[0], swapped, segments.get(1)[0], BackupFormat.SEGMENT + 16);
        damaged.put("two segments swapped", swapped);
        java.io.ByteArrayOutputStream dropped = new java.io.ByteArrayOutputStream();
        dropped.write(data, 0, segments.get(1)[0]);
        dropped.write(data, segments.get(2)[0], data.length - segments.get(2)[0]);
        damaged.put("a segment dropped", dropped.toByteArray());
        byte[] flipped = data.clone();
        flipped[segments.get(2)[0] + 5] ^= 1;
        damaged.put("a bit flipped in a middle segment", flipped);
        Path target = dir.resolve("restored");
        for (var entry : damaged.entrySet()) {
            Path file = Files.write(dir.resolve("damaged.backup"), entry.getValue());
            UserError refused = assertThrows(UserError.class, () -> SiteBackup.restore(file, CA, target, false), entry.getKey());
            assertTrue(refused.getMessage().contains("or the file is damaged"), entry.getKey() + ": " + refused.getMessage());
            assertFalse(Files.exists(target), entry.getKey());
            try (Stream<Path> left = Files.list(dir)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".restore-")), "no staging left behind");
            }
        }
        SiteBackup.restore(large, CA, target, false);
        assertArrayEquals(log, Files.readAllBytes(target.resolve("sent-mail.log")));
    }

    @Test
    void anArchiveOfTheFirstFormatStillRestores() throws Exception {
        Path first = dir.resolve("first.backup");
        BackupFormat.asFirstFormat(archive, first, CA);
        assertEquals("IKEV2KIT-BACKUP1", new String(Files.readAllBytes(first), 0, 16, java.nio.charset.StandardCharsets.US_ASCII));
        Path restored = SiteBackup.restore(first, CA, dir.resolve("restored"), false);
        assertEquals(site.store().index(), SiteWorkspace.open(restored).store().index());
        byte[] bytes = Files.readAllBytes(first);
        bytes[bytes.length - 3] ^= 1;
        Path tampered = Files.write(dir.resolve("first-tampered.backup"), bytes);
        assertThrows(UserError.class, () -> SiteBackup.restore(tampered, CA, dir.resolve("again"), false));
        assertFalse(Files.exists(dir.resolve("again")));
    }

    /** The iteration count comes from the unauthenticated header: bounded before any key derivation, in both formats. */
    @Test
    void aCraftedIterationCountIsRefusedBeforeAnyWork() throws Exception {
        byte[] data = Files.readAllBytes(archive);
        for (int iterations : new int[] {0, -1, 1, Integer.MAX_VALUE}) {
            java.nio.ByteBuffer.wrap(data, 32, 4).putInt(iterations);
            Path crafted = Files.write(dir.resolve("iterations.backup"), data);
            long start = System.nanoTime();
            UserError refused = assertThrows(UserError.class, () -> SiteBackup.restore(crafted, CA, dir.resolve("restored"), false));
            assertTrue(refused.getMessage().contains("PBKDF2 iterations"), refused.getMessage());
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused before deriving a key");
            assertFalse(Files.exists(dir.resolve("restored")));
        }
    }
}
