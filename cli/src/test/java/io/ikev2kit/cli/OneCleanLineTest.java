package io.ikev2kit.cli;

import static io.ikev2kit.cli.HostileValuesTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import io.ikev2kit.pki.Tool;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broken or crafted input: one line saying what is wrong (exit 1), no trace, nothing that controls the terminal. */
class OneCleanLineTest {
    @TempDir
    static Path demoDir;
    static Path site;
    static Path clients;

    @TempDir
    Path tmp;

    @BeforeAll
    static void demo() {
        assertEquals(0, CliRun.of("demo", demoDir.resolve("demo").toString()).exitCode());
        site = demoDir.resolve("demo/site");
        clients = demoDir.resolve("demo/clients");
    }

    @Test
    void inspectOfASswanWithBadBase64() throws Exception {
        String sswan = Files.readString(clients.resolve("alice-phone/alice-phone.sswan"))
                .replaceFirst("\"p12\": \"", "\"p12\": \"!!not base64!!");
        CliRun run = CliRun.of("inspect", Files.writeString(tmp.resolve("bad.sswan"), sswan).toString());
        assertOneLine(run, 1, "not valid base64");
    }

    @Test
    void inspectOfAP12WithoutMacWarnsInsteadOfCrashing() throws Exception {
        byte[] p12 = Files.readAllBytes(clients.resolve("alice-phone/alice-phone.p12"));
        ASN1Sequence pfx = ASN1Sequence.getInstance(p12);
        byte[] noMac = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {pfx.getObjectAt(0), pfx.getObjectAt(1)})
                .getEncoded();
        CliRun run = CliRun.of("inspect", Files.write(tmp.resolve("nomac.p12"), noMac).toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("WARNING:      no MAC"), run.out());
        assertOneLine(CliRun.of("inspect", Files.write(tmp.resolve("junk.p12"), new byte[] {0x30, 0x03, 2, 1, 3})
                .toString()), 1, "not a readable PKCS#12 file");
    }

    @Test
    void inspectRefusesAHugeFileBeforeReadingIt() throws Exception {
        Path huge = tmp.resolve("huge.pem");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: 3 GiB that take no disk
        }
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("inspect", huge.toString()));
        assertOneLine(run, 1, "larger than 32 MiB");
    }

    @Test
    void inspectShowsTerminalEscapesInAProfileNameInsteadOfObeyingThem() throws Exception {
        Path profile = clients.resolve("alice-phone/alice-phone.mobileconfig");
        NSDictionary root = (NSDictionary) PropertyListParser.parse(profile.toFile());
        String hostile = "\u001b]0;owned\u0007\u001b[2J\u001b[1;1Hall good\r\n\u202e";
        root.put("PayloadDisplayName", hostile);
        // a binary property list carries any character; the device and this reader both accept that form
        Path crafted = Files.write(tmp.resolve("crafted.mobileconfig"), BinaryPropertyListWriter.writeToArray(root));
        CliRun run = CliRun.of("inspect", crafted.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\\u001b]0;owned\\u0007\\u001b[2J\\u001b[1;1Hall good\\r\\n\\u202e"), run.out());
        assertTrue(run.out().chars().allMatch(c -> c == '\n' || !Character.isISOControl(c)), "no raw control: " + run.out());
        assertFalse(run.out().contains("\u202e"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void restoreRefusesACraftedIterationCountBeforeAnyWork(int iterations) throws Exception {
        Path pass = Tool.secretFile(tmp, "any passphrase");
        byte[] magic = "IKEV2KIT-BACKUP1".getBytes(StandardCharsets.US_ASCII);
        byte[] archive = ByteBuffer.allocate(magic.length + 16 + 4 + 12 + 64).put(magic).put(new byte[16])
                .putInt(iterations).put(new byte[12]).put(new byte[64]).array();
        Path file = Files.write(tmp.resolve("crafted.backup"), archive);
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CliRun.of("restore", file.toString(),
                "--dir", tmp.resolve("restored").toString(), "--ca-password-file", pass.toString()));
        assertOneLine(run, 1, "PBKDF2 iterations");
        assertFalse(Files.exists(tmp.resolve("restored")), "nothing restored");
    }

    @Test
    void aMailAddressWithALineBreakIsShownEscapedOnOneLine() {
        CliRun run = CliRun.of("mail", "alice-phone", "--to", "alice@example.com\r\nBcc: everyone@example.com",
                "--eml", tmp.resolve("eml").toString(), "--dir", site.toString());
        assertOneLine(run, 1, "alice@example.com\\r\\nBcc: everyone@example.com");
        assertFalse(Files.exists(tmp.resolve("eml")), "nothing written");
    }

    @Test
    void aSiteFileThatIsNotUtf8IsNamedAsSuchAndABomIsAccepted() throws Exception {
        Path copy = copySite();
        byte[] text = Files.readAllBytes(copy.resolve("site.conf"));
        byte[] latin1 = new String(text, StandardCharsets.UTF_8).replace("name = Example VPN", "name = Caf\u00e9 VPN")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(copy.resolve("site.conf"), latin1);
        assertOneLine(CliRun.of("device", "list", "--dir", copy.toString()), 1, "is not UTF-8 text");

        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Files.write(copy.resolve("site.conf"), concat(bom, text));
        CliRun list = CliRun.of("device", "list", "--dir", copy.toString());
        assertEquals(0, list.exitCode(), "a byte order mark, as Notepad writes it, is not an error: " + list);
    }

    @Test
    void aGarbageCsvGivesAShortLine() throws Exception {
        Path pass = Tool.secretFile(tmp, "unused passphrase");
        Path csv = tmp.resolve("garbage.csv");
        StringBuilder garbage = new StringBuilder("alice,").append("9".repeat(1_200_000)).append('\n');
        for (int i = 0; i < 50_000; i++) {
            garbage.append("../x").append(i).append('\n');
        }
        Files.writeString(csv, garbage);
        CliRun run = CliRun.of("device", "add", "--from", csv.toString(), "--dir", copySite().toString(),
                "--ca-password-file", pass.toString());
        assertOneLine(run, 1, "has 50001 bad lines, nothing was issued");
        assertTrue(run.err().length() < 3000, run.err().length() + " characters");
    }

    private Path copySite() throws Exception {
        Path copy = tmp.resolve("copy");
        try (var walk = Files.walk(site)) {
            for (Path from : walk.toList()) {
                Path to = copy.resolve(site.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
