package io.ikev2kit.profiles.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.CertificateAuthority.Reason;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.Tool;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.Fixtures;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {
    private static final Passphrase CA = Passphrase.of(Fixtures.CA_PASSPHRASE);

    @TempDir
    Path dir;

    @Test
    void revokedDeviceFailsOpensslCrlCheckWhileOthersPass() throws Exception {
        Tool.require("openssl");
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256),
                "alice", "bob");
        X509Certificate alice = ws.device(new DeviceName("alice")).certificate();
        IndexEntry revoked = new Lifecycle(ws).revoke(new DeviceName("alice"), Reason.KEY_COMPROMISE, CA);
        assertEquals(alice.getSerialNumber(), revoked.serial());

        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, Pem.encode(ws.store().caCertificate()));
        Path crl = ws.store().crlFile();
        String text = Tool.run("openssl", "crl", "-in", crl.toString(), "-CAfile", ca.toString(), "-noout", "-text")
                .expectSuccess().output();
        assertTrue(text.contains("verify OK"), text);
        assertTrue(text.contains("Key Compromise") && text.contains("X509v3 CRL Number: \n                1"), text);
        assertTrue(text.contains("Next Update"), text);

        Path aliceFile = dir.resolve("alice.pem");
        Files.writeString(aliceFile, Pem.encode(alice));
        Path bobFile = dir.resolve("bob.pem");
        Files.writeString(bobFile, Pem.encode(ws.device(new DeviceName("bob")).certificate()));
        Tool.Result aliceCheck = Tool.run("openssl", "verify", "-crl_check", "-CAfile", ca.toString(), "-CRLfile",
                crl.toString(), aliceFile.toString());
        assertNotEquals(0, aliceCheck.exitCode(), aliceCheck.output());
        assertTrue(aliceCheck.output().contains("certificate revoked"), aliceCheck.output());
        Tool.run("openssl", "verify", "-crl_check", "-CAfile", ca.toString(), "-CRLfile", crl.toString(),
                bobFile.toString()).expectSuccess();
        assertThrows(UserError.class, () -> ws.device(new DeviceName("alice")), "a revoked device has nothing to export");
    }

    @Test
    void crlNumbersIncreaseWithEverySignature() {
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256));
        X509CRL first = new Lifecycle(ws).signCrl(CA);
        X509CRL second = new Lifecycle(ws).signCrl(CA);
        assertEquals(BigInteger.ONE, Lifecycle.crlNumber(first));
        assertEquals(BigInteger.TWO, Lifecycle.crlNumber(second));
    }

    @Test
    void renewalIssuesANewCertificateForTheSameIdentityAndKeepsTheOldValid() {
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256), "alice");
        X509Certificate before = ws.device(new DeviceName("alice")).certificate();
        new Lifecycle(ws).renewDevice(new DeviceName("alice"), Optional.of(30), CA, Passphrase.of("new"));
        X509Certificate after = ws.device(new DeviceName("alice")).certificate();
        assertNotEquals(before.getSerialNumber(), after.getSerialNumber());
        assertEquals(before.getSubjectX500Principal(), after.getSubjectX500Principal());
        assertEquals(2, ws.devices().stream().filter(e -> !e.isRevoked()).count());
        assertTrue(Files.exists(ws.store().issuedFile(before.getSerialNumber())), "the old certificate stays on record");
    }

    @Test
    void currentDevicesAreTheNewestUnrevokedCertificatesInTheOrderFirstIssued() {
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256),
                "carol", "alice", "bob");
        Lifecycle lifecycle = new Lifecycle(ws);
        lifecycle.renewDevice(new DeviceName("carol"), Optional.empty(), CA, Passphrase.of("new"));
        lifecycle.revoke(new DeviceName("bob"), Reason.KEY_COMPROMISE, CA);
        java.util.List<Device> current = ws.currentDevices();
        assertEquals(java.util.List.of("carol", "alice"), current.stream().map(Device::name).toList());
        assertEquals(ws.device(new DeviceName("carol")).certificate(), current.get(0).certificate(), "the renewed one");
        for (Device device : current) {
            assertEquals(ws.store().index().current(new DeviceName(device.name())).orElseThrow().serial(),
                    device.certificate().getSerialNumber());
        }
    }

    @Test
    void renewalRefusesALifetimeOutOfRangeBeforeTouchingTheStore() throws Exception {
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256), "alice");
        String index = Files.readString(ws.store().indexFile());
        UserError e = assertThrows(UserError.class,
                () -> new Lifecycle(ws).renewDevice(new DeviceName("alice"), Optional.of(0), CA, Passphrase.of("new")));
        assertTrue(e.getMessage().contains("lifetime must be 1 to"), e.getMessage());
        assertEquals(index, Files.readString(ws.store().indexFile()));
    }

    @Test
    void serverRenewalKeepsTheIdentity() {
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256));
        X509Certificate before = ws.store().serverCertificate();
        X509Certificate after = new Lifecycle(ws).renewServer(CA);
        assertNotEquals(before.getSerialNumber(), after.getSerialNumber());
        assertEquals(before.getSubjectX500Principal(), after.getSubjectX500Principal());
        assertEquals(after, ws.store().serverCertificate());
    }

    @Test
    void revokingAnUnknownDeviceSaysSo() {
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256));
        UserError e = assertThrows(UserError.class, () -> new Lifecycle(ws).revoke(new DeviceName("ghost"), Reason.UNSPECIFIED, CA));
        assertTrue(e.getMessage().contains("no valid certificate for device 'ghost'"), e.getMessage());
    }
}
