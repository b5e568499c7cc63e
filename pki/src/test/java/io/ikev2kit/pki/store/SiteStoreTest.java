package io.ikev2kit.pki.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceIssuer;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.KeySigner;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.SerialHex;
import io.ikev2kit.pki.ServerIdentity;
import io.ikev2kit.pki.UserError;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA store on disk: what it writes, with which modes, and what it reads back. */
class SiteStoreTest {
    private static final Passphrase PASS = Passphrase.of("store test passphrase");
    private static final HostName HOST = new HostName("vpn.example.com");

    @TempDir
    Path dir;
    SiteStore store;
    CertificateAuthority ca;
    X509Certificate server;
    KeyPair serverKey;

    @BeforeEach
    void initialize() {
        store = new SiteStore(dir.resolve("site"));
        assertFalse(store.exists());
        CaSubject subject = new CaSubject("Store CA", "Store", "DE");
        ca = CertificateAuthority.create(subject, KeyType.ECDSA_P256, 365);
        serverKey = KeyType.ECDSA_P256.generate();
        server = ca.issueServer(subject, new ServerIdentity(HOST, List.of()), serverKey.getPublic(), 100);
        store.initialize(ca, PASS, server, serverKey.getPrivate());
    }

    @Test
    void initializeWritesTheCaAndServerWithKeysOwnerOnlyAndIndexesTheServer() throws Exception {
        assertTrue(store.exists());
        assertEquals(ca.certificate(), store.caCertificate());
        assertEquals(server, store.serverCertificate());
        assertArrayEquals(serverKey.getPrivate().getEncoded(), store.serverKey().getEncoded());
        assertArrayEquals(key(ca), key(store.unlock(PASS)));
        assertArrayEquals(key(ca), key(store.unlockInBackground(PASS).join()));
        assertEquals(server, store.issuedCertificate(server.getSerialNumber()));
        for (Path secret : List.of(store.caKeyFile(), store.serverKeyFile())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), secret.toString());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.caKeyFile().getParent())));
        IndexEntry entry = store.index().entries().get(0);
        assertEquals(1, store.index().entries().size());
        assertEquals(IndexEntry.Kind.SERVER, entry.kind());
        assertEquals(server.getSerialNumber(), entry.serial());
        assertEquals(HOST.value(), entry.name());
        UserError again = assertThrows(UserError.class, () -> store.initialize(ca, PASS, server, serverKey.getPrivate()));
        assertTrue(again.getMessage().startsWith("a site already exists in"), again.getMessage());
        UserError wrong = assertThrows(UserError.class, () -> store.unlock(Passphrase.of("not it")));
        assertTrue(wrong.getMessage().startsWith("wrong CA passphrase for"), wrong.getMessage());
    }

    @Test
    void deviceFilesAreWrittenByTheirSerialAndTheP12OwnerOnly() throws Exception {
        DeviceIssuer issuer = new DeviceIssuer(ca, HOST, KeyType.ECDSA_P256);
        DeviceIssuer.IssuedDevice device = issuer.issue(new DeviceName("alice"), 30, P12Format.MODERN, Passphrase.of("p12"));
        store.writeDeviceFiles(device.certificate(), device.p12());
        BigInteger serial = device.certificate().getSerialNumber();
        IndexEntry entry = IndexEntry.issuedDevice(device.certificate(), "alice", device.p12().forms(), Platform.ANY);
        assertEquals(device.certificate(), store.issuedCertificate(serial));
        for (P12Format form : P12Format.values()) {
            assertArrayEquals(device.p12().get(form).orElseThrow(), store.p12(entry).get(form).orElseThrow(), form.label());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.p12File(entry, form))));
        }
        assertEquals(SerialHex.format(serial) + ".p12", store.p12File(serial).getFileName().toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.p12File(serial))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.issuedFile(serial))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.p12File(serial).getParent())));

        CertificateIndex index = store.index().with(entry);
        store.writeIndex(index);
        assertEquals(index, store.index());
        assertEquals(serial, store.index().current(new DeviceName("alice")).orElseThrow().serial());
    }

    @Test
    void missingFilesAreReportedByNameWithWhatToDo() throws Exception {
        IndexEntry ghost = new IndexEntry(BigInteger.TEN, IndexEntry.Kind.DEVICE, "ghost", Instant.now(),
                IndexEntry.Status.VALID, Optional.empty(), Optional.empty(), List.of(P12Format.MODERN), Platform.ANY);
        UserError p12 = assertThrows(UserError.class, () -> store.p12(ghost));
        assertTrue(p12.getMessage().endsWith("/A.p12 is missing: restore it from a backup"), p12.getMessage());
        Files.delete(store.serverCertificateFile());
        UserError cert = assertThrows(UserError.class, () -> store.serverCertificate());
        assertTrue(cert.getMessage().endsWith("server.pem is missing: restore it from a backup"), cert.getMessage());
        Files.delete(store.caCertificateFile());
        UserError site = assertThrows(UserError.class, () -> store.caCertificate());
        assertTrue(site.getMessage().startsWith("no site in "), site.getMessage());
        SiteStore empty = new SiteStore(dir.resolve("none"));
        assertEquals(CertificateIndex.empty(), empty.index());
        assertEquals(Optional.empty(), empty.crl());
        assertEquals(Optional.empty(), empty.signer());
    }

    @Test
    void theCrlSignerAndRenewedServerReadBack() throws Exception {
        Instant now = Instant.now();
        X509CRL crl = ca.signCrl(List.of(), BigInteger.TWO, now, now.plusSeconds(60));
        store.writeCrl(crl);
        assertEquals(crl, store.crl().orElseThrow());

        KeyPair signerKey = KeyType.ECDSA_P256.generate();
        X509Certificate signer = ca.issueProfileSigner(CaSubject.of(ca.certificate()), "Signing", signerKey.getPublic(), 30);
        store.writeSigner(signer, signerKey.getPrivate());
        assertEquals(signer, store.signer().orElseThrow().getKey());
        assertArrayEquals(signerKey.getPrivate().getEncoded(), store.signer().orElseThrow().getValue().getEncoded());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.signerKeyFile())));
        assertEquals(signer, store.issuedCertificate(signer.getSerialNumber()));

        KeyPair newKey = KeyType.ECDSA_P256.generate();
        X509Certificate renewed = ca.issueServer(CaSubject.of(ca.certificate()), new ServerIdentity(HOST, List.of()),
                newKey.getPublic(), 50);
        store.replaceServer(renewed, newKey.getPrivate());
        assertEquals(renewed, store.serverCertificate());
        assertArrayEquals(newKey.getPrivate().getEncoded(), store.serverKey().getEncoded());
        assertEquals(server, store.issuedCertificate(server.getSerialNumber()), "the old one is kept by serial");
    }

    @Test
    void reservedSerialsAreJournaledDistinctAndForgottenWhenCleared() {
        assertEquals(Set.of(), store.journaledSerials());
        List<BigInteger> first = store.reserveSerials(3);
        List<BigInteger> second = store.reserveSerials(2);
        assertEquals(3, first.size());
        assertEquals(5, Set.copyOf(concat(first, second)).size(), "distinct");
        assertEquals(Set.copyOf(concat(first, second)), store.journaledSerials());
        for (BigInteger serial : concat(first, second)) {
            assertTrue(serial.signum() > 0 && serial.bitLength() >= 64 && serial.bitLength() <= 127, serial.toString(16));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(uncheckedMode(store.journalFile())));
        store.clearJournal();
        assertFalse(Files.exists(store.journalFile()));
        assertEquals(Set.of(), store.journaledSerials());
        store.clearJournal(); // nothing to clear is fine
    }

    private static byte[] key(CertificateAuthority authority) {
        return ((KeySigner) authority.signer()).key().getEncoded();
    }

    private static List<BigInteger> concat(List<BigInteger> a, List<BigInteger> b) {
        List<BigInteger> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<java.nio.file.attribute.PosixFilePermission> uncheckedMode(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
