package io.ikev2kit.profiles.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.profiles.CryptoSuite;
import io.ikev2kit.profiles.CryptoSuite.AppleSecurityAssociation;
import io.ikev2kit.profiles.CryptoSuite.WindowsIpsecSettings;
import io.ikev2kit.profiles.Proposals;
import io.ikev2kit.profiles.ServerBundle;
import io.ikev2kit.profiles.ServerMaterial;
import io.ikev2kit.profiles.Site;
import io.ikev2kit.profiles.SiteWorkspace;
import io.ikev2kit.profiles.lab.Charon;
import io.ikev2kit.profiles.lab.NatKind;
import io.ikev2kit.profiles.lab.NetnsLab;
import io.ikev2kit.profiles.lab.Side;
import io.ikev2kit.templates.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bundle's server config, loaded into a real charon, accepts exactly what the generated Apple and Windows
 * profiles propose, hands out pool addresses, and with the bundle's NAT rules carries traffic to the internet.
 */
class ServerHandshakeTest {
    static final String HOST = "vpn.test";

    @TempDir
    static Path temp;
    static final Map<CryptoSuite, Path> bundles = new EnumMap<>(CryptoSuite.class);
    static final Map<CryptoSuite, Path> clients = new EnumMap<>(CryptoSuite.class);
    static Path rsaBundle;
    static Path rsaClient;

    private NetnsLab lab;
    private Charon server;
    private Charon client;

    @BeforeAll
    static void writeBundlesAndClients() throws IOException {
        NetnsLab.requireOrSkip();
        SiteWorkspace foreign = foreignDevice();
        for (CryptoSuite suite : CryptoSuite.values()) {
            Path dir = temp.resolve(suite.label());
            bundles.put(suite, bundle(dir, suite, KeyType.ECDSA_P256));
            clients.put(suite, ClientConfig.write(dir.resolve("client"), workspaces.get(dir), suite, foreign));
        }
        Path rsa = temp.resolve("rsa");
        rsaBundle = bundle(rsa, CryptoSuite.MODERN, KeyType.RSA_3072);
        rsaClient = ClientConfig.write(rsa.resolve("client"), workspaces.get(rsa), CryptoSuite.MODERN, foreign);
    }

    private static final Map<Path, SiteWorkspace> workspaces = new java.util.HashMap<>();

    private static Path bundle(Path dir, CryptoSuite suite, KeyType keyType) {
        Site site = ServerSites.site(HOST, suite, keyType, Optional.of(NetnsLab.SERVER_UPLINK), false);
        SiteWorkspace workspace = ServerSites.workspace(dir.resolve("site"), site, "alice", "bob");
        workspaces.put(dir, workspace);
        Path bundle = dir.resolve("bundle");
        ServerBundle.write(site, ServerMaterial.from(workspace), bundle, Renderer.builtIn());
        return bundle;
    }

    /** A device named like ours, issued by a CA the server has never seen. */
    private static SiteWorkspace foreignDevice() {
        Site site = ServerSites.site(HOST, CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.empty(), false);
        return ServerSites.workspace(temp.resolve("foreign"), site, "alice");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void acceptsWhatAnIphoneProposesAndAssignsAPoolAddress(CryptoSuite suite) {
        start(bundles.get(suite), clients.get(suite));

        connect(ClientConfig.IOS);

        String vip = client.virtualIp().orElse("none");
        assertTrue(vip.matches("10\\.10\\.10\\.\\d+"), () -> "virtual IP " + vip + "\n" + diagnostics());
        assertTrue(client.virtualIps().stream().anyMatch(ip -> ip.startsWith("fd00:10:10::")), this::diagnostics);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void acceptsAMacProposingNoPfsGroupForEspAlsoWhenItRekeys(CryptoSuite suite) {
        start(bundles.get(suite), clients.get(suite));
        connect(ClientConfig.MACOS);

        // only a rekey negotiates the group: IKE_AUTH ignores it, so the first CHILD_SA proves nothing here
        Charon.Initiation rekey = client.rekey(ClientConfig.MACOS);

        assertTrue(rekey.established(), () -> rekey.output() + diagnostics());
        awaitLog(client, "CHILD_SA " + ClientConfig.MACOS + "\\{\\d+} established", 2);
        assertFalse(client.log().contains("NO_PROPOSAL_CHOSEN"), this::diagnostics);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void acceptsAnIphoneRekeyingWithItsPfsGroup(CryptoSuite suite) {
        start(bundles.get(suite), clients.get(suite));
        connect(ClientConfig.IOS);

        Charon.Initiation rekey = client.rekey(ClientConfig.IOS);

        assertTrue(rekey.established(), () -> rekey.output() + diagnostics());
        awaitLog(client, "CHILD_SA " + ClientConfig.IOS + "\\{\\d+} established", 2);
        assertFalse(client.log().contains("NO_PROPOSAL_CHOSEN"), this::diagnostics);
    }

    /** Waits up to 10 s until {@code regex} matched {@code times} lines of the charon log. */
    private void awaitLog(Charon charon, String regex, int times) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pattern.matcher(charon.log()).results().count() < times) {
            assertTrue(System.nanoTime() < deadline, () -> "no " + times + " lines matching " + regex + diagnostics());
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void acceptsWhatWindowsProposesWithItsSubjectDnIdentity(CryptoSuite suite) {
        start(bundles.get(suite), clients.get(suite));

        connect(ClientConfig.WINDOWS);
    }

    @Test
    void acceptsAnRsaSite() {
        start(rsaBundle, rsaClient);

        connect(ClientConfig.IOS);
    }

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void carriesTrafficToTheInternetWithTheBundlesNatRules(NatKind kind) {
        Path bundle = bundles.get(CryptoSuite.MODERN);
        start(bundle, clients.get(CryptoSuite.MODERN));
        connect(ClientConfig.IOS);
        assertFalse(lab.ping(Side.CLIENT, NetnsLab.INTERNET_ADDRESS),
                "the internet answered un-NATed pool traffic, so a passing ping would prove nothing");

        lab.applyNat(bundle.resolve(kind == NatKind.NFTABLES ? ServerBundle.NFTABLES_RULES : ServerBundle.IPTABLES_RULES), kind);

        assertTrue(lab.ping(Side.CLIENT, NetnsLab.INTERNET_ADDRESS), this::diagnostics);
    }

    @Test
    void refusesADeviceOfAnotherCa() {
        start(bundles.get(CryptoSuite.MODERN), clients.get(CryptoSuite.MODERN));

        Charon.Initiation initiation = client.initiate(ClientConfig.FOREIGN);

        assertFalse(initiation.established(), initiation.output());
        assertTrue(initiation.output().contains("AUTHENTICATION_FAILED"), () -> initiation.output() + diagnostics());
    }

    @Test
    void refusesWindowsDefaultProposal3desSha1Modp1024() {
        start(bundles.get(CryptoSuite.MODERN), clients.get(CryptoSuite.MODERN));

        Charon.Initiation initiation = client.initiate(ClientConfig.WEAK);

        assertFalse(initiation.established(), initiation.output());
        assertTrue(initiation.output().contains("NO_PROPOSAL_CHOSEN"), () -> initiation.output() + diagnostics());
    }

    @Test
    void legacyIpsecConfFormAcceptsTheSameClients() {
        Path bundle = bundles.get(CryptoSuite.MODERN);
        lab = NetnsLab.start();
        try (Starter starter = Starter.start(lab.namespaceName(Side.SERVER), bundle, temp.resolve("starter"))) {
            client = lab.startCharon(Side.CLIENT, clients.get(CryptoSuite.MODERN));
            for (String connection : new String[] {ClientConfig.IOS, ClientConfig.WINDOWS}) {
                Charon.Initiation initiation = client.initiate(connection);
                assertTrue(initiation.established(), () -> initiation.output() + starter.log() + client.log());
            }
            assertTrue(client.virtualIp().orElse("none").startsWith("10.10.10."), client::listSas);
            Charon.Initiation foreign = client.initiate(ClientConfig.FOREIGN);
            assertFalse(foreign.established(), () -> "rightca must refuse another CA's device\n" + starter.log());
        }
    }

    private void start(Path bundle, Path clientDir) {
        long begin = System.nanoTime();
        lab = NetnsLab.start();
        server = lab.startCharon(Side.SERVER, bundle.resolve("etc/swanctl"));
        client = lab.startCharon(Side.CLIENT, clientDir);
        System.out.printf("server bundle lab: started and loaded in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
    }

    private void connect(String connection) {
        long begin = System.nanoTime();
        Charon.Initiation initiation = client.initiate(connection);
        System.out.printf("server bundle lab: %s handshake %d ms%n", connection, (System.nanoTime() - begin) / 1_000_000);
        assertTrue(initiation.established(), () -> initiation.output() + diagnostics());
        String sas = client.listSas();
        assertTrue(sas.contains("ESTABLISHED") && sas.contains("INSTALLED"), sas);
    }

    private String diagnostics() {
        return "\n" + lab.exec(Side.CLIENT, "ip", "addr") + server.log() + client.log();
    }

    /** The client side: one connection per client kind, each proposing exactly what that client's profile sends. */
    static final class ClientConfig {
        static final String IOS = "ios";
        static final String MACOS = "macos";
        static final String WINDOWS = "windows";
        static final String FOREIGN = "foreign";
        static final String WEAK = "weak";

        static Path write(Path dir, SiteWorkspace workspace, CryptoSuite suite, SiteWorkspace foreign) throws IOException {
            DeviceName alice = new DeviceName("alice");
            DeviceName bob = new DeviceName("bob");
            copy(workspace.store().deviceP12File(alice), dir.resolve("pkcs12/alice.p12"));
            copy(workspace.store().deviceP12File(bob), dir.resolve("pkcs12/bob.p12"));
            copy(foreign.store().deviceP12File(alice), dir.resolve("pkcs12/foreign.p12"));
            // the foreign device has the same identity as alice: name each connection's certificate explicitly
            copy(workspace.store().deviceCertificateFile(alice), dir.resolve("x509/alice.pem"));
            copy(workspace.store().deviceCertificateFile(bob), dir.resolve("x509/bob.pem"));
            copy(foreign.store().deviceCertificateFile(alice), dir.resolve("x509/foreign.pem"));
            copy(workspace.store().caCertificateFile(), dir.resolve("x509ca/ca.pem"));
            // Windows identifies itself by the certificate's subject DN, in the certificate's RDN order
            String bobDn = X500Name.getInstance(workspace.device(new DeviceName("bob")).certificate()
                    .getSubjectX500Principal().getEncoded()).toString();

            AppleSecurityAssociation ike = suite.appleIke();
            AppleSecurityAssociation child = suite.appleChild();
            String appleIke = Proposals.appleIke(ike.encryptionAlgorithm(), ike.integrityAlgorithm(), ike.diffieHellmanGroup());
            String appleEsp = Proposals.appleEsp(child.encryptionAlgorithm(), child.integrityAlgorithm(), child.diffieHellmanGroup());
            String macEsp = Proposals.appleEsp(child.encryptionAlgorithm(), child.integrityAlgorithm(), null);
            WindowsIpsecSettings windows = suite.windows();
            String windowsIke = Proposals.windowsIke(windows.encryptionMethod(), windows.integrityCheckMethod(), windows.dhGroup());
            String windowsEsp = Proposals.windowsEsp(windows.cipherTransformConstants(),
                    windows.authenticationTransformConstants(), windows.pfsGroup());

            String conf = "connections {\n"
                    + connection(IOS, appleIke, appleEsp, "alice@" + HOST)
                    + connection(MACOS, appleIke, macEsp, "alice@" + HOST)
                    + connection(WINDOWS, windowsIke, windowsEsp, "\"" + bobDn + "\"")
                    + connection(FOREIGN, appleIke, appleEsp, "alice@" + HOST)
                    + connection(WEAK, "3des-sha1-modp1024", "3des-sha1-modp1024", "alice@" + HOST)
                    + "}\nsecrets {\n"
                    + secret("alice") + secret("bob") + secret("foreign")
                    + "}\n";
            Files.writeString(dir.resolve("swanctl.conf"), conf);
            return dir;
        }

        private static String connection(String name, String ike, String esp, String id) {
            String cert = name.equals(FOREIGN) ? "foreign" : name.equals(WINDOWS) ? "bob" : "alice";
            return """
                        %1$s {
                            version = 2
                            remote_addrs = %2$s
                            proposals = %3$s
                            vips = 0.0.0.0, ::
                            local {
                                auth = pubkey
                                id = %5$s
                                certs = %6$s.pem
                            }
                            remote {
                                auth = pubkey
                                id = %7$s
                            }
                            children {
                                %1$s {
                                    remote_ts = 0.0.0.0/0, ::/0
                                    esp_proposals = %4$s
                                }
                            }
                        }
                    """.formatted(name, NetnsLab.SERVER_ADDRESS, ike, esp, id, cert, HOST);
        }

        private static String secret(String name) {
            return """
                        pkcs12-%1$s {
                            file = %1$s.p12
                            secret = "%2$s"
                        }
                    """.formatted(name, ServerSites.P12_PASSWORD);
        }

        private static void copy(Path from, Path to) throws IOException {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        }
    }
}
