package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index as a file written whole once and then appended to in groups, each counting only when complete. */
class CertificateIndexTest {
    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    private static IndexEntry device(int serial, String name) {
        return new IndexEntry(BigInteger.valueOf(0x1000 + serial), IndexEntry.Kind.DEVICE, name, END,
                IndexEntry.Status.VALID, Optional.empty(), Optional.empty(), List.of(P12Format.MODERN), Platform.ANY);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendedGroupsReadBackAsOneIndexWithLaterLinesReplacingEarlierOnesInPlace() {
        IndexEntry alice = device(1, "alice");
        IndexEntry bob = device(2, "bob");
        IndexEntry revoked = alice.revoke(Instant.parse("2026-01-01T00:00:00Z"), CertificateAuthority.Reason.KEY_COMPROMISE);
        String file = CertificateIndex.empty().with(alice).format() + CertificateIndex.appended(List.of(bob))
                + CertificateIndex.appended(List.of(revoked));

        CertificateIndex index = CertificateIndex.parse(file, "index.tsv");

        assertEquals(List.of(revoked, bob), index.entries());
        assertEquals(CertificateIndex.empty().with(alice).with(bob).with(revoked), index, "as in memory");
        assertEquals(List.of(bob), index.currentDevices());
        assertEquals(Set.of("bob"), CertificateIndex.currentDeviceNames(bytes(file), Set.of("alice", "bob", "carol"), "i"));
        Set<String> many = new java.util.HashSet<>(Set.of("alice", "bob"));
        java.util.stream.IntStream.range(0, 20).forEach(i -> many.add("other-" + i)); // the line-by-line path
        assertEquals(Set.of("bob"), CertificateIndex.currentDeviceNames(bytes(file), many, "i"));
        assertEquals(bytes(file).length, CertificateIndex.committedLength(bytes(file), "i"));
    }

    @Test
    void aDeviceNamedLikeAnotherFieldIsFoundOnlyInTheNameField() {
        String file = CertificateIndex.empty().with(device(1, "alice")).format()
                + CertificateIndex.appended(List.of(device(2, "valid")));
        assertEquals(Set.of(), CertificateIndex.currentDeviceNames(bytes(file), Set.of("modern", "device"), "i"));
        assertEquals(Set.of("valid"), CertificateIndex.currentDeviceNames(bytes(file), Set.of("valid"), "i"));
    }

    @Test
    void aGroupCutShortByACrashDoesNotCountAtAnyCutPoint() {
        String committed = CertificateIndex.empty().with(device(1, "alice")).format();
        String group = CertificateIndex.appended(List.of(device(2, "bob"), device(3, "carol")));
        for (int cut = 0; cut < group.length(); cut++) {
            byte[] file = bytes(committed + group.substring(0, cut));
            assertEquals(List.of("alice"), CertificateIndex.parse(file, "i").entries().stream().map(IndexEntry::name).toList(),
                    "cut at " + cut);
            assertEquals(Set.of(), CertificateIndex.currentDeviceNames(file, Set.of("bob", "carol"), "i"), "cut at " + cut);
            assertEquals(bytes(committed).length, CertificateIndex.committedLength(file, "i"), "cut at " + cut);
        }
        assertEquals(3, CertificateIndex.parse(committed + group, "i").entries().size());
    }

    @Test
    void theNextAppendCutsOffAGroupACrashLeftIncomplete() throws Exception {
        SiteStore store = new SiteStore(tmp);
        store.writeIndex(CertificateIndex.empty().with(device(1, "alice")));
        String torn = CertificateIndex.appended(List.of(device(2, "bob"), device(3, "carol")));
        Files.writeString(store.indexFile(), torn.substring(0, torn.length() - 10), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        store.appendIndex(List.of(device(4, "dave")));

        assertEquals(List.of("alice", "dave"), store.index().entries().stream().map(IndexEntry::name).toList());
        assertTrue(!Files.readString(store.indexFile()).contains("bob"), "the torn group is gone from the file");
    }

    @Test
    void aDamagedLineInsideACompleteGroupOrAfterItIsReportedWithItsNumber() {
        String file = CertificateIndex.empty().format() + CertificateIndex.appended(List.of(device(1, "alice")));
        UserError inGroup = assertThrows(UserError.class,
                () -> CertificateIndex.parse(file.replace("\tdevice\t", "\tgadget\t"), "index.tsv"));
        assertTrue(inGroup.getMessage().startsWith("index.tsv line 3 is damaged"), inGroup.getMessage());
        UserError after = assertThrows(UserError.class,
                () -> CertificateIndex.parse(file + "zz\tdevice\tbob\n", "index.tsv"));
        assertTrue(after.getMessage().startsWith("index.tsv line 4 is damaged"), after.getMessage());
    }
}
