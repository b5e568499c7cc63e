package io.ikev2kit.profiles.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.CertificateAuthority.Reason;
import io.ikev2kit.pki.DeviceIssuer;
import io.ikev2kit.pki.DeviceIssuer.IssuedDevice;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.profiles.Fixtures;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that signed certificates and died before its index write, replayed step by step. */
class IssuanceRecoveryTest {
    private static final Passphrase CA = Passphrase.of(Fixtures.CA_PASSPHRASE);

    @TempDir
    Path dir;

    @Test
    void certificatesSignedButNeverIndexedAreRevokedByTheNextRunAndReportedUntilThen() {
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256), "alice");
        SiteStore store = ws.store();
        CertificateAuthority ca = store.unlock(CA);
        // the dead run: serials journaled, two certificates signed and written with both p12 forms, one never
        // written, no index write: 2 certificates, 4 p12s and 1 journal serial unaccounted for
        List<BigInteger> serials = store.reserveSerials(3);
        DeviceIssuer issuer = new DeviceIssuer(ca, ws.site().host(), ws.site().keyType());
        for (int i = 0; i < 2; i++) {
            IssuedDevice device = issuer.issue(new DeviceName("ghost-" + i), 30, P12Format.MODERN, Passphrase.random(),
                    ws.site().keyType().generate(), serials.get(i));
            assertEquals(serials.get(i), device.certificate().getSerialNumber(), "signed under the journaled serial");
            store.writeDeviceFiles(device.certificate(), device.p12());
        }
        assertEquals(1, ws.devices().size(), "the index never heard of them");
        List<Finding> before = new SiteDoctor(ws, Instant.now()).examine(Optional.empty());
        assertTrue(before.stream().anyMatch(f -> f.what().startsWith("7 certificate or p12 file(s) or journal serial(s)")
                && f.what().contains("journal serial " + io.ikev2kit.pki.SerialHex.format(serials.get(2)))
                && f.what().contains("(signed by an interrupted run)")), before.toString());

        X509CRL crl = new Lifecycle(ws).signCrl(CA); // any command holding the CA key settles the journal

        for (int i = 0; i < 2; i++) {
            BigInteger serial = serials.get(i);
            IndexEntry entry = store.index().entries().stream().filter(e -> e.serial().equals(serial)).findFirst().orElseThrow();
            assertEquals("ghost-" + i, entry.name());
            assertEquals(Optional.of(Reason.CESSATION_OF_OPERATION), entry.reason());
            assertTrue(crl.getRevokedCertificate(serial) != null, "the CRL revokes " + serial);
        }
        assertTrue(store.index().entries().stream().noneMatch(e -> e.serial().equals(serials.get(2))),
                "a serial whose certificate never reached the disk names nothing to revoke");
        assertFalse(Files.exists(store.journalFile()));
        assertTrue(IssuanceRecovery.unaccounted(store, store.index()).isEmpty());
        assertTrue(new SiteDoctor(ws, Instant.now()).examine(Optional.empty()).stream()
                .noneMatch(f -> f.what().contains("the index does not name")));
        assertEquals(1, ws.currentDevices().size(), "alice is untouched");
    }

    @Test
    void aTornLastJournalLineNamesNothing() throws Exception {
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256));
        BigInteger serial = ws.store().reserveSerials(1).get(0);
        Files.writeString(ws.store().journalFile(), "4F2A", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(java.util.Set.of(serial), ws.store().journaledSerials());
    }
}
