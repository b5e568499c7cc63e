package io.ikev2kit.pki.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pki/.lock is opened by commands run as root: a link planted there must not make them touch another file. */
class SiteStoreLockTest {
    @TempDir
    Path dir;

    @Test
    void aLockFileThatIsALinkToAMissingFileIsRefusedAndNothingIsCreated() throws Exception {
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("pki"));
        Path target = dir.resolve("created-by-root");
        Files.createSymbolicLink(site.resolve("pki/.lock"), target);
        UserError refused = assertThrows(UserError.class, () -> new SiteStore(site).lock());
        assertTrue(refused.getMessage().contains(".lock is a symbolic link"), refused.getMessage());
        assertFalse(Files.exists(target), "the link's target was not created");
    }

    @Test
    void aLockFileThatIsALinkToAnExistingFileIsRefusedAndTheFileIsUntouched() throws Exception {
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("pki"));
        Path victim = Files.writeString(dir.resolve("victim"), "keep me");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(site.resolve("pki/.lock"), victim);
        assertThrows(UserError.class, () -> new SiteStore(site).lock());
        assertEquals("keep me", Files.readString(victim));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)));
    }

    @Test
    void theLockFileIsAnOwnerOnlyRegularFileAndCanBeTakenAgain() throws Exception {
        Path site = dir.resolve("site");
        try (SiteStore.Lock lock = new SiteStore(site).lock()) {
            assertTrue(Files.isRegularFile(site.resolve("pki/.lock"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("pki/.lock"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("pki"))));
        }
        new SiteStore(site).lock().close();
    }
}
