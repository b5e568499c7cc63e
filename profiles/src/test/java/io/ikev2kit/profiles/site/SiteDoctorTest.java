package io.ikev2kit.profiles.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.CertificateAuthority.Reason;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.profiles.Fixtures;
import io.ikev2kit.profiles.server.ServerBundleStamp;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteDoctorTest {
    private static final Passphrase CA = Passphrase.of(Fixtures.CA_PASSPHRASE);

    @TempDir
    Path dir;

    private SiteWorkspace healthy(String... devices) {
        return Fixtures.workspace(dir.resolve("site"), Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256), devices);
    }

    private static List<Finding> examine(SiteWorkspace ws, Instant now) {
        return new SiteDoctor(ws, now).examine(Optional.empty());
    }

    private static void assertFinding(List<Finding> findings, Finding.Severity severity, String what) {
        assertTrue(findings.stream().anyMatch(f -> f.severity() == severity && f.what().contains(what)
                        && !f.why().isBlank() && !f.fix().isBlank()), what + " not in " + findings);
    }

    @Test
    void healthySiteHasNoFindings() {
        assertEquals(List.of(), examine(healthy("alice"), Instant.now()));
    }

    @Test
    void aHandEditedDeviceNetworksFileIsChecked() throws Exception {
        SiteWorkspace ws = healthy("alice", "bob");
        ws.setNetwork(new io.ikev2kit.pki.DeviceName("alice"), new NetworkRequest(NetworkRequest.Address.NEXT_FREE,
                List.of(), Optional.empty()));
        assertEquals(List.of(), examine(ws, Instant.now()), "a file the commands wrote is healthy");
        java.nio.file.Files.writeString(DeviceNetworks.path(ws.dir()), "alice\t10.10.10.1\t\t\n"
                + "bob\t10.10.10.1\t\t\ncarol\t\t\t10.0.0.0/8\nerin\t10.10.10.200\t\t\n");
        List<Finding> findings = examine(ws, Instant.now());
        assertFinding(findings, Finding.Severity.ERROR, "'alice' and 'bob' both have the fixed address 10.10.10.1");
        assertFinding(findings, Finding.Severity.ERROR, "device 'carol' has a line");
        assertFinding(findings, Finding.Severity.ERROR, "10.10.10.200 is in the part of the pool the server hands out");
        java.nio.file.Files.writeString(DeviceNetworks.path(ws.dir()), "alice\tnot-an-address\t\t\n");
        assertFinding(examine(ws, Instant.now()), Finding.Severity.ERROR, "line 1");
    }

    @Test
    void addressAddedAfterTheServerCertificateIsReported() throws Exception {
        SiteWorkspace ws = healthy();
        Path conf = SiteFile.path(ws.dir());
        Files.writeString(conf, Files.readString(conf).replace("addresses = 203.0.113.10, 2001:db8::10",
                "addresses = 203.0.113.10, 2001:db8::10, 198.51.100.7"));
        List<Finding> findings = examine(SiteWorkspace.open(ws.dir()), Instant.now());
        assertFinding(findings, Finding.Severity.ERROR, "does not name 198.51.100.7 as both IP and DNS name");
        assertTrue(findings.get(0).why().contains("13801"));
    }

    @Test
    void hostChangedAfterTheServerCertificateIsReported() throws Exception {
        SiteWorkspace ws = healthy();
        Path conf = SiteFile.path(ws.dir());
        Files.writeString(conf, Files.readString(conf).replace("host = vpn.example.com", "host = vpn2.example.com"));
        assertFinding(examine(SiteWorkspace.open(ws.dir()), Instant.now()), Finding.Severity.ERROR,
                "has no DNS name vpn2.example.com");
    }

    @Test
    void expiringServerAndCaCertificatesAreReported() {
        SiteWorkspace ws = healthy();
        assertFinding(examine(ws, Instant.now().plus(Duration.ofDays(720))), Finding.Severity.WARNING,
                "the server certificate ends on");
        assertFinding(examine(ws, Instant.now().plus(Duration.ofDays(731))), Finding.Severity.ERROR,
                "the server certificate expired on");
        assertFinding(examine(ws, Instant.now().plus(Duration.ofDays(3600))), Finding.Severity.WARNING,
                "the CA certificate ends on");
    }

    @Test
    void expiringAndExpiredDevicesAreReportedButRevokedOnesAreNot() {
        SiteWorkspace ws = healthy("alice", "bob");
        new Lifecycle(ws).revoke(new DeviceName("bob"), Reason.SUPERSEDED, CA);
        List<Finding> soon = examine(ws, Instant.now().plus(Duration.ofDays(710)));
        assertFinding(soon, Finding.Severity.WARNING, "device alice's certificate ends on");
        assertTrue(soon.stream().noneMatch(f -> f.what().contains("bob")), soon.toString());
        assertFinding(examine(ws, Instant.now().plus(Duration.ofDays(740))), Finding.Severity.WARNING,
                "device alice's certificate expired on");
    }

    @Test
    void missingDnsAndPoolHoldingTheServerAddressAreReported() {
        Site site = new Site(new HostName("vpn.example.com"), List.of(IpAddresses.parse("10.10.10.1")), "Example VPN",
                List.of(Cidr.parse("10.10.10.0/24")), List.of(), List.of(), CryptoSuite.MODERN, KeyType.ECDSA_P256,
                730, 730, false, Optional.empty(), false);
        SiteWorkspace ws = Fixtures.workspace(dir.resolve("site"), site);
        List<Finding> findings = examine(ws, Instant.now());
        assertFinding(findings, Finding.Severity.WARNING, "no DNS server is pushed");
        assertFinding(findings, Finding.Severity.ERROR, "pool 10.10.10.0/24 contains the server's address 10.10.10.1");
    }

    @Test
    void staleOrMissingCrlIsReported() throws Exception {
        SiteWorkspace ws = healthy("alice");
        new Lifecycle(ws).revoke(new DeviceName("alice"), Reason.KEY_COMPROMISE, CA);
        assertFinding(examine(ws, Instant.now().plus(Duration.ofDays(80))), Finding.Severity.WARNING, "the CRL expires on");
        assertFinding(examine(ws, Instant.now().plus(Duration.ofDays(91))), Finding.Severity.ERROR, "the CRL expired on");
        Files.delete(ws.store().crlFile());
        assertFinding(examine(ws, Instant.now()), Finding.Severity.ERROR, "devices are revoked but there is no CRL");
    }

    @Test
    void bundleOlderThanTheSiteIsReported() {
        SiteWorkspace ws = healthy("alice");
        Path bundle = dir.resolve("bundle");
        ServerBundleStamp.of(ws).write(bundle);
        assertEquals(List.of(), new SiteDoctor(ws, Instant.now()).examine(Optional.of(bundle)));
        new Lifecycle(ws).revoke(new DeviceName("alice"), Reason.KEY_COMPROMISE, CA);
        assertFinding(new SiteDoctor(ws, Instant.now()).examine(Optional.of(bundle)), Finding.Severity.WARNING,
                "is older than the site");
    }

    @Test
    void bundleWithoutADevicesOwnConnectionIsReported() {
        SiteWorkspace ws = healthy("alice", "bob");
        Path bundle = dir.resolve("bundle");
        ServerBundleStamp.of(ws).write(bundle);
        // a fixed address is a connection of alice's own in the bundle
        ws.setNetwork(new DeviceName("alice"), new NetworkRequest(NetworkRequest.Address.NEXT_FREE, List.of(),
                Optional.empty()));
        assertFinding(new SiteDoctor(ws, Instant.now()).examine(Optional.of(bundle)), Finding.Severity.WARNING,
                "is older than the site");
        // with a restricted device there is no generic connection: a new device needs the bundle written again
        ws.setNetwork(new DeviceName("bob"), new NetworkRequest(NetworkRequest.Address.KEEP, List.of(),
                Optional.of(List.of(Cidr.parse("192.168.0.0/24")))));
        ServerBundleStamp.of(ws).write(bundle);
        assertEquals(List.of(), new SiteDoctor(ws, Instant.now()).examine(Optional.of(bundle)));
        ws.addDevices(List.of(new SiteWorkspace.DeviceRequest(new DeviceName("carol"), Optional.empty(),
                io.ikev2kit.pki.P12Format.MODERN)), Passphrase.of(Fixtures.CA_PASSPHRASE),
                n -> Passphrase.of(Fixtures.P12_PASSWORD), SiteWorkspace.Progress.NONE);
        assertFinding(new SiteDoctor(ws, Instant.now()).examine(Optional.of(bundle)), Finding.Severity.WARNING,
                "is older than the site");
    }
}
