package io.ikev2kit.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentLogTest {

    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void remembersAMailAcrossRuns() {
        var mail = Samples.mail("alice", "Alice <Alice@Example.org>");
        SentLog.in(dir).record(mail, MONDAY);

        var entry = SentLog.in(dir).previous(mail).orElseThrow();

        assertEquals(new SentLog.Entry(MONDAY, "alice", "alice@example.org", mail.fingerprint()), entry);
    }

    @Test
    void forgetsNothingButMatchesOnlyTheSameFilesAndAddress() {
        var log = SentLog.in(dir);
        log.record(Samples.mail("alice", "alice@example.org"), MONDAY);

        assertTrue(log.previous(Samples.mail("alice", "alice@example.org")).isPresent());
        assertEquals(Optional.empty(), log.previous(Samples.mail("alice", "alice@example.net")));
        assertEquals(Optional.empty(), log.previous(Samples.mail("alice", "alice@example.org", "changed".getBytes())));
        assertEquals(Optional.empty(), log.previous(Samples.mail("bob", "alice@example.org")));
    }

    @Test
    void writesOneTabSeparatedLinePerMessageAndNoTempFiles() throws Exception {
        var log = SentLog.in(dir);
        var alice = Samples.mail("alice", "alice@example.org");
        log.record(alice, MONDAY);
        log.record(Samples.mail("bob", "bob@example.org"), MONDAY.plusSeconds(1));

        List<String> lines = Files.readAllLines(dir.resolve("sent-mail.log"));

        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("# ikev2kit sent mail"));
        assertEquals("2025-03-03T09:00:00Z\talice\talice@example.org\t" + alice.fingerprint(), lines.get(1));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("sent-mail.log")), files.toList());
        }
    }

    @Test
    void namesTheLineItCannotRead() throws Exception {
        Files.writeString(dir.resolve("sent-mail.log"), "# header\n2025-03-03T09:00:00Z\talice\n");

        var e = assertThrows(MailException.class, () -> SentLog.in(dir));

        assertEquals(dir.resolve("sent-mail.log") + " line 2 is not a sent-mail entry (expected 4 tab-separated "
                + "fields); fix or delete that line", e.getMessage());
    }
}
