package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmlWriterTest {

    @TempDir
    Path dir;

    private static MimeMessage read(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    @Test
    void writesOneParseableEmlPerDeviceWithItsAttachments() throws Exception {
        var out = dir.resolve("mail");

        var reports = new EmlWriter(out).deliver(List.of(Samples.mail("alice", "alice@example.org"),
                Samples.mail("bob", "bob@example.org")), DeliveryListener.NONE);

        assertEquals(List.of("written alice to alice@example.org: " + out.resolve("alice.eml"),
                "written bob to bob@example.org: " + out.resolve("bob.eml")),
                reports.stream().map(DeliveryReport::toString).toList());
        var alice = Received.parse(read(out.resolve("alice.eml")));
        assertEquals("Your VPN profile for alice (vpn.example.com)", alice.subject());
        assertArrayEquals(Samples.MOBILECONFIG, alice.attachments().get("alice.mobileconfig").content());
        assertArrayEquals(Samples.SSWAN, alice.attachments().get("alice.sswan").content());
        assertArrayEquals(Samples.PS1, alice.attachments().get("alice-windows.txt").content());
        assertEquals("alice@example.org", read(out.resolve("alice.eml")).getAllRecipients()[0].toString());
    }

    @Test
    void marksTheFileAsADraftForOutlook() throws Exception {
        new EmlWriter(dir).deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE);

        assertEquals("1", read(dir.resolve("alice.eml")).getHeader("X-Unsent", null));
    }

    @Test
    void replacesAnEarlierFileAndLeavesNoTempFiles() throws Exception {
        Files.writeString(dir.resolve("alice.eml"), "old");

        new EmlWriter(dir).deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE);

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("alice.eml")), files.toList());
        }
        assertEquals("Your VPN profile for alice (vpn.example.com)", read(dir.resolve("alice.eml")).getSubject());
    }

    @Test
    void keepsTheFileOwnerOnlyWhereTheFileSystemHasPermissions() throws Exception {
        new EmlWriter(dir).deliver(List.of(Samples.mail("alice", "alice@example.org")), DeliveryListener.NONE);

        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(dir.resolve("alice.eml")));
        }
    }

    @Test
    void makesDeviceNamesSafeAndDistinctAsFileNames() {
        var used = new HashSet<String>();

        assertEquals("J_rgs_iPhone.eml", EmlWriter.fileName("Jörgs iPhone", used));
        assertEquals("__.._etc_passwd.eml", EmlWriter.fileName("../../etc/passwd", used));
        assertEquals("alice.eml", EmlWriter.fileName("alice", used));
        assertEquals("Alice-2.eml", EmlWriter.fileName("Alice", used));
    }
}
