package io.ikev2kit.profiles.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's self-check: a hand-written server and client config with pki-made certificates must give a working
 * tunnel between two real charons, and the lab must tell working NAT from missing NAT.
 */
class NetnsLabTest {

    /** Must match the secret in client-swanctl.conf. */
    static final String P12_PASSWORD = "lab-p12-passphrase";

    @TempDir
    static Path files;
    static Path serverDir;
    static Path clientDir;

    private NetnsLab lab;
    private Charon server;
    private Charon client;

    @BeforeAll
    static void issueCredentialsAndWriteConfigs() throws IOException {
        NetnsLab.requireOrSkip("pki", "openssl");
        LabCredentials credentials = LabCredentials.issue(Files.createDirectory(files.resolve("pki")), P12_PASSWORD);
        serverDir = files.resolve("server");
        copy(credentials.serverCert(), serverDir.resolve("x509/server.crt"));
        copy(credentials.serverKey(), serverDir.resolve("private/server.key"));
        copy(credentials.caCert(), serverDir.resolve("x509ca/ca.crt"));
        copyResource("server-swanctl.conf", serverDir.resolve("swanctl.conf"));
        clientDir = files.resolve("client");
        copy(credentials.clientP12(), clientDir.resolve("pkcs12/alice.p12"));
        copy(credentials.caCert(), clientDir.resolve("x509ca/ca.crt"));
        copyResource("client-swanctl.conf", clientDir.resolve("swanctl.conf"));
    }

    @BeforeEach
    void startLab() {
        long start = System.nanoTime();
        lab = NetnsLab.start();
        long wired = System.nanoTime();
        server = lab.startCharon(Side.SERVER, serverDir);
        client = lab.startCharon(Side.CLIENT, clientDir);
        System.out.printf("lab: namespaces %d ms, two charons started and loaded %d ms%n",
                millisSince(start, wired), millisSince(wired, System.nanoTime()));
    }

    @AfterEach
    void tearDownLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void establishesIkeAndChildSaAndAssignsAddressesFromBothPools() {
        connect();

        String sas = client.listSas();
        assertTrue(sas.contains("ESTABLISHED") && sas.contains("INSTALLED"), sas);
        String vip = client.virtualIp().orElse("none");
        assertTrue(vip.matches("10\\.10\\.10\\.\\d+"), () -> "IPv4 virtual IP " + vip + "\n" + sas + diagnostics());
        List<String> vips = client.virtualIps();
        assertTrue(vips.stream().anyMatch(ip -> ip.startsWith("fd00:10:10::")), () -> vips + "\n" + sas);
    }

    @Test
    void tunnelCarriesIpv6ToTheServer() {
        connect();

        // the client has no IPv6 route of its own to the server's uplink; only the tunnel's route gets there
        assertTrue(lab.ping(Side.CLIENT, NetnsLab.SERVER_UPLINK_ADDRESS6), this::diagnostics);
    }

    @Test
    void reachesInternetOnlyAfterNftablesMasquerade() throws IOException {
        connect();
        assertFalse(lab.ping(Side.CLIENT, NetnsLab.INTERNET_ADDRESS),
                "the internet namespace answered un-NATed pool traffic, so a passing ping would prove nothing");

        lab.applyNat(write("nat.nft", """
                table ip ikev2kit {
                    chain postrouting {
                        type nat hook postrouting priority srcnat; policy accept;
                        ip saddr 10.10.10.0/24 oifname "%s" masquerade
                    }
                }
                """.formatted(NetnsLab.SERVER_UPLINK)), NatKind.NFTABLES);

        assertTrue(lab.ping(Side.CLIENT, NetnsLab.INTERNET_ADDRESS), this::diagnostics);
    }

    @Test
    void reachesInternetAfterIptablesRestoreMasquerade() throws IOException {
        connect();

        lab.applyNat(write("nat.rules", """
                *nat
                :POSTROUTING ACCEPT [0:0]
                -A POSTROUTING -s 10.10.10.0/24 -o %s -j MASQUERADE
                COMMIT
                """.formatted(NetnsLab.SERVER_UPLINK)), NatKind.IPTABLES);

        assertTrue(lab.ping(Side.CLIENT, NetnsLab.INTERNET_ADDRESS), this::diagnostics);
    }

    @Test
    void refusesWindowsDefaultProposal3desSha1Modp1024() {
        Charon.Initiation initiation = client.initiate("legacy");

        assertFalse(initiation.established(), initiation.output());
        assertTrue(initiation.output().contains("NO_PROPOSAL_CHOSEN"), () -> initiation.output() + diagnostics());
        // the refusal must come from the server judging our proposal, not from a client that could not build it
        assertTrue(server.log().contains("received proposals: IKE:3DES_CBC/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024"),
                this::diagnostics);
    }

    private void connect() {
        long start = System.nanoTime();
        Charon.Initiation initiation = client.initiate("home");
        System.out.printf("lab: handshake %d ms%n", millisSince(start, System.nanoTime()));
        assertTrue(initiation.established(), () -> initiation.output() + diagnostics());
    }

    private String diagnostics() {
        return "\n" + lab.exec(Side.CLIENT, "ip", "addr") + lab.exec(Side.CLIENT, "ip", "route", "show", "table", "all")
                + server.log() + client.log();
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(files.resolve(name), text);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = NetnsLabTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            Files.copy(in, to);
        }
    }

    private static long millisSince(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
