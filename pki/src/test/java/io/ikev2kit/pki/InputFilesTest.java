package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a user hands us: the size limit exactly, each failure by its cause, UTF-8 as iconv judges it. */
class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsUpToItsLimitAndRefusesOneByteMore() throws Exception {
        for (long limit : new long[] {100, 1024, 1 << 20}) {
            Path file = Files.write(dir.resolve("f" + limit), new byte[(int) limit]);
            assertArrayEquals(new byte[(int) limit], InputFiles.read(file, limit, "the CSV file"));
            Files.write(file, new byte[(int) limit + 1]);
            UserError e = assertThrows(UserError.class, () -> InputFiles.read(file, limit, "the CSV file"));
            String size = limit == 100 ? "100 bytes" : limit == 1024 ? "1 KiB" : "1 MiB";
            assertEquals("the CSV file " + file + " is larger than " + size
                    + ", more than such a file ever is: check that it is the right file", e.getMessage());
        }
    }

    @Test
    void namesAMissingFileAndADirectoryForWhatTheyAre() throws Exception {
        Path missing = dir.resolve("missing.csv");
        assertFalse(InputFiles.exists(missing));
        assertEquals("the CSV file " + missing + " does not exist: check the path",
                assertThrows(UserError.class, () -> InputFiles.read(missing, 10, "the CSV file")).getMessage());
        Path directory = Files.createDirectory(dir.resolve("a-directory"));
        assertTrue(InputFiles.exists(directory));
        String message = assertThrows(UserError.class, () -> InputFiles.read(directory, 10, "the CSV file")).getMessage();
        assertTrue(message.startsWith("cannot read the CSV file " + directory + " (")
                && message.endsWith("): check that it is a readable file"), message);
    }

    @Test
    void dropsALeadingByteOrderMarkOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("bom.csv"), "\uFEFFalice\n\uFEFFbob", StandardCharsets.UTF_8);
        assertEquals("alice\n\uFEFFbob", InputFiles.readText(file, 100, "the CSV file"));
    }

    /** The first byte that is not UTF-8, counted from 1, where iconv(1) reports it (counted from 0). */
    @Test
    void namesTheFirstByteThatIsNotUtf8WhereIconvDoes() throws Exception {
        List<byte[]> samples = List.of(new byte[] {'a', 'b', (byte) 0xff, 'c'},
                new byte[] {'h', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82, 'x'},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {'o', 'k', (byte) 0xc0, (byte) 0xaf});
        for (byte[] content : samples) {
            Path file = Files.write(dir.resolve("bad.csv"), content);
            Tool.Result iconv = Tool.run("iconv", "-f", "UTF-8", "-t", "UTF-8", file.toString());
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("at position (\\d+)").matcher(iconv.output());
            assertTrue(at.find(), iconv.output());
            UserError e = assertThrows(UserError.class, () -> InputFiles.readText(file, 100, "the CSV file"));
            assertEquals("the CSV file " + file + " is not UTF-8 text (byte " + (Integer.parseInt(at.group(1)) + 1)
                    + " is not): save it as UTF-8", e.getMessage());
        }
    }
}
