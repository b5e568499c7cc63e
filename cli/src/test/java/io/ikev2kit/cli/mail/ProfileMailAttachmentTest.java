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
    void carriesTheWindowsScriptAsTextByteForByte() {
        var script = Attachment.windowsScript("alice", Samples.PS1);

        assertEquals("alice-windows.txt", script.fileName());
        assertEquals("text/plain", script.mimeType());
        assertArrayEquals(Samples.PS1, script.content());
        assertEquals(Optional.of("alice.ps1"), script.windowsScriptName());
    }

    /**
     * Gmail refuses .ps1, .cmd, .bat, .exe and more, also inside .zip/.gz/.rar, and bounces the whole message
     * (Gmail Help "File types blocked in Gmail", support.google.com/mail/answer/6590); Outlook.com blocks the same
     * scripts and .cer/.crt/.der as well (Microsoft Support "Blocked attachments in Outlook"). A message with one of
     * them never reaches the owner, so no attachment may be one, at any depth.
     */
    @Test
    void refusesEveryTypeGmailOrOutlookBlockAlsoInsideAZip() throws Exception {
        for (String name : List.of("alice.ps1", "alice.cmd", "alice.bat", "setup.exe", "ca.cer", "ca.crt", "ca.der",
                "ALICE.PS1")) {
            assertThrows(IllegalArgumentException.class, () -> Attachment.of(name, new byte[] {1}), name);
        }
        assertThrows(IllegalArgumentException.class, () -> Attachment.of("alice.zip", zip("alice.ps1", "x")));
        assertThrows(IllegalArgumentException.class, () -> Attachment.of("alice.zip", zip("dir/alice.cmd", "x")));
        assertThrows(IllegalArgumentException.class, () -> Attachment.of("alice.zip",
                zip("inner.zip", new String(zip("a.bat", "x"), StandardCharsets.ISO_8859_1))));
        assertThrows(IllegalArgumentException.class, () -> Attachment.of("alice.rar", new byte[] {1}));
        assertEquals("alice.zip", Attachment.of("alice.zip", zip("alice.txt", "x")).fileName());
        for (String allowed : List.of("alice.mobileconfig", "alice.sswan", "alice.p12", "alice-windows.txt")) {
            assertEquals(allowed, Attachment.of(allowed, new byte[] {1}).fileName());
        }
    }

    private static byte[] zip(String entry, String content) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.ISO_8859_1));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void makesTheSameBytesEveryTimeSoTheFingerprintIsStable() {
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
