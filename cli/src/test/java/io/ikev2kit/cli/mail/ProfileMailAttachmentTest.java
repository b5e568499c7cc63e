package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileMailAttachmentTest {

    @Test
    void namesAndTypesEachPlatformsFile() {
        assertEquals(new Attachment("alice.mobileconfig", "application/x-apple-aspen-config", Samples.MOBILECONFIG),
                Attachment.appleProfile("alice", Samples.MOBILECONFIG));
        assertEquals(new Attachment("alice.sswan", "application/vnd.strongswan.profile", Samples.SSWAN),
                Attachment.androidProfile("alice", Samples.SSWAN));
        assertEquals("application/x-pkcs12", Attachment.pkcs12("alice", new byte[] {1}).mimeType());
        assertEquals("alice.p12", Attachment.pkcs12("alice", new byte[] {1}).fileName());
    }

    @Test
    void packsTheWindowsScriptAndItsCompanionsIntoAZip() throws Exception {
        byte[] cmd = "@powershell -ExecutionPolicy Bypass -File \"%~dp0alice.ps1\"\r\n".getBytes(StandardCharsets.UTF_8);
        var zip = Attachment.windowsZip("alice", Samples.PS1, List.of(Attachment.of("alice.cmd", cmd)));

        assertEquals("alice-windows.zip", zip.fileName());
        assertEquals("application/zip", zip.mimeType());
        var files = Received.unzip(zip);
        assertEquals(List.of("alice.ps1", "alice.cmd"), List.copyOf(files.keySet()));
        assertArrayEquals(Samples.PS1, files.get("alice.ps1"));
        assertArrayEquals(cmd, files.get("alice.cmd"));
        assertEquals(Optional.of("alice.ps1"), zip.windowsScriptName());
    }

    @Test
    void makesTheSameZipBytesEveryTimeSoTheFingerprintIsStable() {
        assertEquals(Attachment.windowsZip("alice", Samples.PS1), Attachment.windowsZip("alice", Samples.PS1));
        assertEquals(Samples.mail("alice", "a@example.org").fingerprint(),
                Samples.mail("alice", "a@example.org").fingerprint());
    }

    @Test
    void fingerprintChangesWithAnyFileByte() {
        byte[] changed = Samples.MOBILECONFIG.clone();
        changed[changed.length - 2] ^= 1;

        assertNotEquals(Samples.mail("alice", "a@example.org").fingerprint(),
                Samples.mail("alice", "a@example.org", changed).fingerprint());
    }

    @Test
    void cannotBeChangedThroughTheArrayItWasMadeFromOrGave() {
        byte[] bytes = {1, 2, 3};
        var attachment = Attachment.of("x.bin", bytes);
        bytes[0] = 9;
        attachment.content()[1] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, attachment.content());
    }

    @Test
    void rejectsAFileNameWithAPath() {
        assertThrows(IllegalArgumentException.class, () -> Attachment.of("../alice.p12", new byte[0]));
    }

    @Test
    void rejectsInstallStepsForAPlatformWhoseFileIsMissing() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Samples.appleOnly("alice", "a@example.org", EnumSet.of(Platform.IOS, Platform.ANDROID)));

        assertEquals("ANDROID install steps for alice need its file attached", e.getMessage());
    }

    @Test
    void aBadRecipientAddressIsTheUsersToFix() {
        var e = assertThrows(MailException.class,
                () -> Samples.appleOnly("alice", "alice@", EnumSet.of(Platform.IOS)));

        assertEquals("the recipient of alice 'alice@' is not a valid e-mail address (Missing domain); correct it "
                + "and run again", e.getMessage());
    }
}
