package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The index: what it says about devices, and that what it writes reads back exactly. */
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
        assertEquals(bobRevoked, changed.entries().get(changed.entries().size() - 1));
        assertFalse(changed.entries().contains(BOB));
        assertEquals(Optional.empty(), changed.current(new DeviceName("bob")));
        IndexEntry dave = entry(7, IndexEntry.Kind.DEVICE, "dave");
        CertificateIndex bulk = INDEX.withAll(List.of(dave, bobRevoked));
        assertEquals(INDEX.entries().size() + 1, bulk.entries().size());
        assertEquals(List.of(dave, bobRevoked), bulk.entries().subList(bulk.entries().size() - 2, bulk.entries().size()));
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
}
