package io.ikev2kit.pki.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.UserError;
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

/**
 * The index: what it says about devices, that what it writes reads back exactly, and the file as written whole
 * once and then appended to in groups, each counting only when complete.
 */
class CertificateIndexTest {
    private static final Instant END = Instant.parse("2030-01-02T03:04:05Z");

    private static IndexEntry entry(long serial, IndexEntry.Kind kind, String name) {
        return new IndexEntry(BigInteger.valueOf(serial), kind, name, END, IndexEntry.Status.VALID, Optional.empty(),
                Optional.empty(), kind == IndexEntry.Kind.DEVICE ? List.of(P12Format.MODERN, P12Format.LEGACY) : List.of(),
                kind == IndexEntry.Kind.DEVICE ? Platform.IOS : Platform.ANY);
    }

    private static final IndexEntry SERVER = entry(1, IndexEntry.Kind.SERVER, "vpn.example.com");
    private static final IndexEntry ALICE_1 = entry(2, IndexEntry.Kind.DEVICE, "alice");
    private static final IndexEntry BOB = entry(3, IndexEntry.Kind.DEVICE, "bob");
    private static final IndexEntry ALICE_2 = entry(4, IndexEntry.Kind.DEVICE, "alice");
    private static final IndexEntry CAROL = entry(5, IndexEntry.Kind.DEVICE, "carol")
            .revoke(Instant.parse("2026-05-06T07:08:09Z"), CertificateAuthority.Reason.KEY_COMPROMISE);
    private static final IndexEntry SIGNER = entry(6, IndexEntry.Kind.SIGNER, "Example Profile Signing");
    private static final CertificateIndex INDEX = new CertificateIndex(List.of(SERVER, ALICE_1, BOB, ALICE_2, CAROL, SIGNER));

    @Test
    void formatReadsBackExactly() {
        String text = INDEX.format();
        assertTrue(text.startsWith(CertificateIndex.HEADER + "\n"), text);
        assertEquals(INDEX, CertificateIndex.parse(text, "index.tsv"));
        assertTrue(text.contains("5\tdevice\tcarol\t2030-01-02T03:04:05Z\trevoked\t2026-05-06T07:08:09Z\tkeyCompromise\tmodern,legacy\tios\n"),
                text);
        assertTrue(text.contains("1\tserver\tvpn.example.com\t2030-01-02T03:04:05Z\tvalid\t-\t-\t-\t-\n"), text);
        assertEquals(CertificateIndex.empty(), CertificateIndex.parse(CertificateIndex.empty().format(), "x"));
        assertEquals(INDEX, CertificateIndex.parse("\n# a comment\n" + text.replace("\n", "\r\n") + "\n\n", "x"),
                "blank lines, comments and CRLF are tolerated");
    }

    @Test
    void aDeviceNamedBeforeTheWindowsRulesStillReads() {
        // 'con' and 'alice.' are refused for new devices only: an older site's index that holds them stays usable
        CertificateIndex old = new CertificateIndex(List.of(SERVER, entry(7, IndexEntry.Kind.DEVICE, "con"),
                entry(8, IndexEntry.Kind.DEVICE, "alice.")));
        assertEquals(old, CertificateIndex.parse(old.format(), "index.tsv"));
    }

    @Test
    void aDeviceIsCurrentThroughItsNewestUnrevokedCertificate() {
        assertEquals(Optional.of(ALICE_2), INDEX.current(new DeviceName("alice")));
        assertEquals(Optional.of(BOB), INDEX.current(new DeviceName("bob")));
        assertEquals(Optional.empty(), INDEX.current(new DeviceName("carol")), "revoked");
        assertEquals(Optional.empty(), INDEX.current(new DeviceName("vpn.example.com")), "a server is no device");
        assertEquals(Optional.empty(), INDEX.current(new DeviceName("dave")));
        assertEquals(List.of(ALICE_2, BOB), INDEX.currentDevices(), "each device once, in first-issued order");
        assertEquals(List.of(ALICE_1, BOB, ALICE_2, CAROL), INDEX.devices());
        assertEquals(List.of(CAROL), INDEX.revoked());
    }

    @Test
    void withReplacesTheEntryOfTheSameSerialAndAppendsANewOne() {
        IndexEntry bobRevoked = BOB.revoke(Instant.parse("2027-01-01T00:00:00Z"), CertificateAuthority.Reason.SUPERSEDED);
        CertificateIndex changed = INDEX.with(bobRevoked);
        assertEquals(INDEX.entries().size(), changed.entries().size());
        // in place, as a re-read of the appended file puts it (a later line for a serial replaces the earlier one)
        assertEquals(bobRevoked, changed.entries().get(INDEX.entries().indexOf(BOB)));
        assertEquals(changed, CertificateIndex.parse(INDEX.format() + CertificateIndex.appended(List.of(bobRevoked)), "i"));
        assertFalse(changed.entries().contains(BOB));
        assertEquals(Optional.empty(), changed.current(new DeviceName("bob")));
        IndexEntry dave = entry(7, IndexEntry.Kind.DEVICE, "dave");
        CertificateIndex bulk = INDEX.withAll(List.of(dave, bobRevoked));
        assertEquals(INDEX.entries().size() + 1, bulk.entries().size());
        assertEquals(dave, bulk.entries().get(bulk.entries().size() - 1));
        assertEquals(bobRevoked, bulk.entries().get(INDEX.entries().indexOf(BOB)));
        assertEquals(INDEX, new CertificateIndex(INDEX.entries()), "unchanged by either");
    }

    @Test
    void aDamagedLineIsReportedWithItsNumberAndNeverSkipped() {
        String good = INDEX.format();
        String[] damaged = {
                "zz\tdevice\tbob\t2030-01-02T03:04:05Z\tvalid\t-\t-\tmodern\tios",
                "09\tdevice\tbob\t2030-01-02T03:04:05Z\tvalid\t-\t-",
                "09\tdevice\tbob\t2030-01-02T03:04:05Z\tvalid\t-\t-\tmodern,modern\tios",
                "09\tdevice\tbob\t2030-01-02T03:04:05Z\tvalid\t-\t-\tmodern\tpalm",
                "09\tdevice\tbob\t2030-01-02T03:04:05Z\tvalid\t-\t-\tmodern\tios\textra",
                "09\tgadget\tbob\t2030-01-02T03:04:05Z\tvalid\t-\t-\tmodern\tios",
                "09\tdevice\t../bob\t2030-01-02T03:04:05Z\tvalid\t-\t-\tmodern\tios",
                "09\tdevice\tbob\tnot-a-date\tvalid\t-\t-\tmodern\tios",
                "09\tdevice\tbob\t2030-01-02T03:04:05Z\tlost\t-\t-\tmodern\tios",
                "09\tdevice\tbob\t2030-01-02T03:04:05Z\trevoked\t-\t-\tmodern\tios",
                "09\tdevice\tbob\t2030-01-02T03:04:05Z\trevoked\t2026-01-01T00:00:00Z\tbored\tmodern\tios",
                "09\tdevice\tbob\t2030-01-02T03:04:05Z\tvalid\t-\t-\tround\tios",
                "09\t\tbob\t2030-01-02T03:04:05Z\tvalid\t-\t-\tmodern"};
        int line = good.split("\n").length + 1;
        for (String bad : damaged) {
            UserError error = assertThrows(UserError.class, () -> CertificateIndex.parse(good + bad + "\n", "pki/index.tsv"),
                    bad);
            assertTrue(error.getMessage().startsWith("pki/index.tsv line " + line + " is damaged"), error.getMessage());
        }
    }

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

    @Test
    void aNameIsFoundWhateverItsCaseOnEitherPath() {
        // 'Alice' and 'alice' would share one export file on Windows and macOS: adding one finds the other
        String file = CertificateIndex.empty().with(device(1, "Alice")).format()
                + CertificateIndex.appended(List.of(device(2, "BOB-phone")));
        assertEquals(Set.of("Alice", "BOB-phone"), CertificateIndex.currentDeviceNames(bytes(file),
                Set.of("alice", "bob-phone"), "i"));
        Set<String> many = new java.util.HashSet<>(Set.of("alice", "bob-phone"));
        java.util.stream.IntStream.range(0, 20).forEach(i -> many.add("other-" + i)); // the line-by-line path
        assertEquals(Set.of("Alice", "BOB-phone"), CertificateIndex.currentDeviceNames(bytes(file), many, "i"));
        assertEquals(Set.of(), CertificateIndex.currentDeviceNames(bytes(file), Set.of("alic", "bob"), "i"));
    }
}
