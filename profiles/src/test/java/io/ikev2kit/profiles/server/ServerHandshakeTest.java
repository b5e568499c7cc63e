package io.ikev2kit.profiles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.SoftHsm;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.profiles.site.Lifecycle;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
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
    static final Map<Path, SiteWorkspace> workspaces = new java.util.HashMap<>();

    private NetnsLab lab;
    private Charon server;
    /** The directory the server charon sees as /etc/swanctl. */
    private Path serverSwanctl;
    private Charon client;

    @BeforeAll
    static void writeBundlesAndClients() throws IOException {
        NetnsLab.requireOrSkip();
        SiteWorkspace foreign = foreignDevice("foreign");
        for (CryptoSuite suite : CryptoSuite.values()) {
            Path dir = temp.resolve(suite.label());
            bundles.put(suite, bundle(dir, suite, KeyType.ECDSA_P256));
            clients.put(suite, ClientConfig.write(dir.resolve("client"), workspaces.get(dir), suite, foreign));
        }
        Path rsa = temp.resolve("rsa");
        rsaBundle = bundle(rsa, CryptoSuite.MODERN, KeyType.RSA_3072);
        rsaClient = ClientConfig.write(rsa.resolve("client"), workspaces.get(rsa), CryptoSuite.MODERN, foreign);
    }

    private static Path bundle(Path dir, CryptoSuite suite, KeyType keyType) {
        Site site = ServerSites.site(HOST, suite, keyType, Optional.of(NetnsLab.SERVER_UPLINK), false);
        SiteWorkspace workspace = ServerSites.workspace(dir.resolve("site"), site, "alice", "bob");
        workspaces.put(dir, workspace);
        Path bundle = dir.resolve("bundle");
        ServerBundle.write(site, ServerMaterial.from(workspace), bundle, Renderer.builtIn());
        return bundle;
    }

    /** A device named like ours, issued by a CA the server has never seen. */
    private static SiteWorkspace foreignDevice(String dir) {
        Site site = ServerSites.site(HOST, CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.empty(), false);
        return ServerSites.workspace(temp.resolve(dir), site, "alice");
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
        // the site's DNS servers reach the client with its addresses
        assertTrue(client.log().contains("INTERNAL_IP4_DNS") && client.log().contains("INTERNAL_IP6_DNS"), this::diagnostics);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void acceptsWhatTheAndroidAppProposes(CryptoSuite suite) {
        start(bundles.get(suite), clients.get(suite));

        connect(ClientConfig.ANDROID);
    }

    /**
     * An RSA site's IKE_AUTH messages outgrow the path MTU, and where IP fragments are dropped only IKE fragmentation
     * (RFC 7383) gets them through: Windows supports it since 10 version 1803 (strongSwan docs, interop/windowsClients),
     * the Android app always. The server must offer it (fragmentation = yes).
     */
    @Test
    void anRsaSiteNeedsIkeFragmentationWhereIpFragmentsAreDropped() {
        start(rsaBundle, rsaClient);
        lab.dropIpFragments();

        connect(ClientConfig.WINDOWS);
        connect(ClientConfig.ANDROID);
        assertTrue(java.util.regex.Pattern.compile("splitting IKE message \\(\\d+ bytes\\) into \\d+ fragments").matcher(server.log()).find(),
                () -> "the site is too small to need fragments, so this proves nothing\n" + diagnostics());
        connect(ClientConfig.IOS);
    }

    /**
     * Windows fails a server-started IKE rekeying unless it proposes modp2048 first, and behind NAT rejects a
     * server-started CHILD_SA rekeying (strongSwan docs, interop/windowsClients, "Rekeying Behavior"): the server
     * schedules none and leaves rekeying to the clients.
     */
    @Test
    void theServerStartsNoRekeyingThatWindowsWouldRefuse() {
        start(bundles.get(CryptoSuite.MODERN), clients.get(CryptoSuite.MODERN));
        connect(ClientConfig.WINDOWS);

        String sas = server.listSas();
        assertTrue(sas.contains("ESTABLISHED") && sas.contains("INSTALLED"), sas);
        assertFalse(sas.contains("rekeying in"), "the server scheduled a rekeying\n" + sas);
    }

    /** A device that reconnects (new network, woken up) replaces its old IKE_SA instead of holding two addresses. */
    @Test
    void aDeviceThatConnectsAgainReplacesItsOldSa() {
        start(bundles.get(CryptoSuite.MODERN), clients.get(CryptoSuite.MODERN));
        connect(ClientConfig.IOS);
        // the same device identity in a second, independent IKE_SA
        connect(ClientConfig.IOS_AGAIN);

        assertEquals(2, java.util.regex.Pattern.compile("IKE_SA ikev2kit(-email)?\\[\\d+] established").matcher(server.log()).results().count(),
                () -> "two IKE_SAs were set up, or this proves nothing" + diagnostics());
        // the server deletes the old IKE_SA with an INFORMATIONAL exchange: give it up to 10 s
        long deadline = System.nanoTime() + 10_000_000_000L;
        String sas = server.listSas();
        while (sas.split("ESTABLISHED", -1).length - 1 != 1 && System.nanoTime() < deadline) {
            sleep(200);
            sas = server.listSas();
        }
        assertEquals(1, sas.split("ESTABLISHED", -1).length - 1, "one IKE_SA per device\n" + sas);
    }

    /** The server accepts exactly what the profiles propose, not strongSwan's wider default proposals. */
    @Test
    void refusesProposalsNoProfileSends() {
        start(bundles.get(CryptoSuite.MODERN), clients.get(CryptoSuite.MODERN));

        Charon.Initiation ike = client.initiate(ClientConfig.UNLISTED_IKE);
        assertFalse(ike.established(), ike.output());
        assertTrue(ike.output().contains("NO_PROPOSAL_CHOSEN"), () -> ike.output() + diagnostics());
        Charon.Initiation esp = client.initiate(ClientConfig.UNLISTED_ESP);
        assertFalse(esp.established(), esp.output());
        assertFalse(server.listSas().contains("INSTALLED"), this::diagnostics);
    }

    /** Server and device certificates signed by a CA key that never left its PKCS#11 token (SoftHSM2). */
    @Test
    void acceptsASiteWhoseCaKeyIsInAToken() throws IOException, InterruptedException {
        SoftHsm.requireOrSkip();
        Path dir = temp.resolve("token");
        SoftHsm hsm = SoftHsm.create(dir.resolve("hsm"), "lab-ca", ServerSites.CA_PASSPHRASE);
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                SoftHsm.ADD_EXPORTS, "-cp", System.getProperty("java.class.path"), TokenSiteMain.class.getName(),
                dir.resolve("site").toString(), "pkcs11:token=lab-ca;object=ca", SoftHsm.module().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        child.environment().putAll(hsm.env());
        assertEquals(0, child.start().waitFor(), () -> read(dir.resolve("child.log")));
        SiteWorkspace workspace = SiteWorkspace.open(dir.resolve("site"));
        assertTrue(workspace.site().caToken().isPresent());
        assertFalse(Files.exists(workspace.store().caKeyFile()), "a token site has no CA key file");
        Path bundle = dir.resolve("bundle");
        ServerBundle.write(workspace.site(), ServerMaterial.from(workspace), bundle, Renderer.builtIn());
        Path clientDir = ClientConfig.write(dir.resolve("client"), workspace, CryptoSuite.MODERN, foreignDevice("foreign3"));
        start(bundle, clientDir);

        connect(ClientConfig.IOS);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * IPv4 and IPv6 reach the internet namespace, which has no route back to either pool, only through the bundle's
     * NAT rules: the unique local IPv6 pool is masqueraded (NAT66) as hwdsl2/setup-ipsec-vpn masquerades its own.
     */
    @ParameterizedTest
    @EnumSource(NatKind.class)
    void carriesTrafficToTheInternetWithTheBundlesNatRules(NatKind kind) {
        Path bundle = bundles.get(CryptoSuite.MODERN);
        start(bundle, clients.get(CryptoSuite.MODERN));
        connect(ClientConfig.IOS);
        assertFalse(lab.ping(Side.CLIENT, NetnsLab.INTERNET_ADDRESS),
                "the internet answered un-NATed pool traffic, so a passing ping would prove nothing");
        assertFalse(lab.ping(Side.CLIENT, NetnsLab.INTERNET_ADDRESS6),
                "the internet answered un-NATed IPv6 pool traffic, so a passing ping would prove nothing");

        if (kind == NatKind.NFTABLES) {
            lab.applyNat(bundle.resolve(ServerBundle.NFTABLES_RULES), kind);
        } else {
            lab.applyNat(bundle.resolve(ServerBundle.IPTABLES_RULES), kind);
            lab.applyIp6tables(bundle.resolve(ServerBundle.IP6TABLES_RULES));
        }

        assertTrue(lab.ping(Side.CLIENT, NetnsLab.INTERNET_ADDRESS), this::diagnostics);
        assertTrue(lab.ping(Side.CLIENT, NetnsLab.INTERNET_ADDRESS6), this::diagnostics);
    }

    @Test
    void refusesADeviceOfAnotherCa() {
        start(bundles.get(CryptoSuite.MODERN), clients.get(CryptoSuite.MODERN));

        Charon.Initiation initiation = client.initiate(ClientConfig.FOREIGN);

        assertFalse(initiation.established(), initiation.output());
        assertTrue(initiation.output().contains("AUTHENTICATION_FAILED"), () -> initiation.output() + diagnostics());
    }

    @Test
    void refusesARevokedDeviceOnceTheBundleCarriesTheCrl() throws IOException {
        Path dir = temp.resolve("revoked");
        Site site = ServerSites.site(HOST, CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.empty(), false);
        SiteWorkspace workspace = ServerSites.workspace(dir.resolve("site"), site, "alice", "bob");
        Path clientDir = ClientConfig.write(dir.resolve("client"), workspace, CryptoSuite.MODERN, foreignDevice("foreign2"));
        new Lifecycle(workspace).revoke(new DeviceName("bob"), CertificateAuthority.Reason.KEY_COMPROMISE,
                Passphrase.of(ServerSites.CA_PASSPHRASE));
        Path bundle = refusesRevokedBobAndLetsAliceIn(site, workspace, dir, clientDir);
        assertTrue(Files.isRegularFile(bundle.resolve("etc/swanctl/ikev2kit/ikev2kit.crl")));
    }

    /**
     * A large organisation's CRL: 10,000 revoked entries from the index, signed by 'crl'. charon loads it with the
     * bundle, refuses the revoked device and still lets a valid one in. Source: strongSwan's vici protocol
     * (plugins/vici/README.md, values with a 16-bit length; strongswan/strongswan#1278, "vici value exceeds size
     * limit (... > 65535)"): a CRL this size in x509crl/ failed with "load-cert request failed", so charon reads
     * it itself from swanctl.conf's authorities crl_uris (docs.strongswan.org, swanctl.conf).
     */
    @Test
    void loadsATenThousandEntryCrlAndRefusesTheRevokedDeviceInIt() throws IOException {
        Path dir = temp.resolve("large-crl");
        Site site = ServerSites.site(HOST, CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.empty(), false);
        SiteWorkspace workspace = ServerSites.workspace(dir.resolve("site"), site, "alice", "bob");
        Path clientDir = ClientConfig.write(dir.resolve("client"), workspace, CryptoSuite.MODERN,
                foreignDevice("foreign-large-crl"));
        java.time.Instant now = java.time.Instant.now();
        java.util.List<IndexEntry> gone = new java.util.ArrayList<>();
        for (int i = 0; i < 9_999; i++) { // devices revoked long ago, whose files are of no interest here
            gone.add(new IndexEntry(java.math.BigInteger.valueOf(0x7000_0000L + i), IndexEntry.Kind.DEVICE, "gone-" + i,
                    now.plus(java.time.Duration.ofDays(300)), IndexEntry.Status.REVOKED, Optional.of(now),
                    Optional.of(CertificateAuthority.Reason.CESSATION_OF_OPERATION), java.util.List.of(P12Format.MODERN),
                    io.ikev2kit.pki.Platform.ANY));
        }
        try (SiteStore.Lock lock = workspace.store().lock()) {
            workspace.store().appendIndex(gone);
        }
        Lifecycle lifecycle = new Lifecycle(workspace);
        lifecycle.revoke(new DeviceName("bob"), CertificateAuthority.Reason.KEY_COMPROMISE, Passphrase.of(ServerSites.CA_PASSPHRASE));
        long signing = System.nanoTime();
        java.security.cert.X509CRL crl = lifecycle.signCrl(Passphrase.of(ServerSites.CA_PASSPHRASE));
        System.out.printf("signed a %d-entry CRL in %d ms (KDF included)%n", crl.getRevokedCertificates().size(),
                (System.nanoTime() - signing) / 1_000_000);
        assertTrue(crl.getRevokedCertificates().size() == 10_000, "10,000 entries");
        refusesRevokedBobAndLetsAliceIn(site, workspace, dir, clientDir);
    }

    /**
     * strongSwan checks revocation only when a peer authenticates, so a connected device outlives its revocation
     * until it rekeys or drops. install.sh --crl-only, run for real against the lab's charon (through a swanctl
     * aimed at its vici socket, with /etc and /var/lib as overlays), must end that session and only that one.
     */
    @Test
    void installingTheCrlEndsTheRevokedDevicesSessionAndItCannotReconnect() throws IOException {
        Tool.requireRoot();
        Path dir = temp.resolve("ended");
        Site site = ServerSites.site(HOST, CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.empty(), false);
        SiteWorkspace workspace = ServerSites.workspace(dir.resolve("site"), site, "alice", "bob");
        Path clientDir = ClientConfig.write(dir.resolve("client"), workspace, CryptoSuite.MODERN, foreignDevice("foreign-ended"));
        Path before = dir.resolve("bundle-before");
        ServerBundle.write(site, ServerMaterial.from(workspace), before, Renderer.builtIn());
        start(before, clientDir);
        connect(ClientConfig.WINDOWS); // bob
        connect(ClientConfig.IOS); // alice

        new Lifecycle(workspace).revoke(new DeviceName("bob"), CertificateAuthority.Reason.KEY_COMPROMISE,
                Passphrase.of(ServerSites.CA_PASSPHRASE));
        Path after = dir.resolve("bundle-after");
        ServerBundle.write(site, ServerMaterial.from(workspace), after, Renderer.builtIn());
        Tool.Result install = installCrlOnly(after, dir.resolve("shims"), dir.resolve("sandbox"));

        assertTrue(install.output().contains("ended 1 live session(s) of revoked devices"), install.output() + diagnostics());
        String serverSas = server.listSas();
        assertFalse(serverSas.contains("bob@" + HOST), () -> "bob's session is gone\n" + serverSas);
        assertTrue(serverSas.contains("alice@" + HOST), () -> "alice's session is untouched\n" + serverSas);
        Charon.Initiation again = client.initiate(ClientConfig.WINDOWS);
        assertFalse(again.established(), () -> "bob cannot reconnect\n" + again.output() + diagnostics());
        assertTrue(server.log().contains("certificate was revoked"), this::diagnostics);
    }

    /**
     * strongSwan shows no session's certificate, only its identity; install.sh ends an identity's sessions once,
     * after the CRL that first revokes its serial is loaded. bob, revoked and added again, connects with his new
     * certificate: the next CRL install (carol revoked) must leave his session alone, as it did not on the code
     * that matched names at every install.
     */
    @Test
    void aDeviceAddedAgainUnderARevokedNameKeepsItsSessionWhenLaterCrlsAreInstalled() throws IOException {
        Tool.requireRoot();
        Path dir = temp.resolve("again");
        Site site = ServerSites.site(HOST, CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.empty(), false);
        SiteWorkspace workspace = ServerSites.workspace(dir.resolve("site"), site, "alice", "bob", "carol");
        SiteWorkspace foreign = foreignDevice("foreign-again");
        Path before = dir.resolve("bundle-before");
        ServerBundle.write(site, ServerMaterial.from(workspace), before, Renderer.builtIn());
        start(before, ClientConfig.write(dir.resolve("client-old"), workspace, CryptoSuite.MODERN, foreign));
        connect(ClientConfig.WINDOWS); // bob, his first certificate
        connect(ClientConfig.IOS); // alice
        Lifecycle lifecycle = new Lifecycle(workspace);
        Path sandbox = dir.resolve("sandbox");

        lifecycle.revoke(new DeviceName("bob"), CertificateAuthority.Reason.KEY_COMPROMISE, Passphrase.of(ServerSites.CA_PASSPHRASE));
        ServerSites.add(workspace, "bob");
        Tool.Result first = installCrlOnly(bundle(site, workspace, dir.resolve("bundle-1")), dir.resolve("shims-1"), sandbox);
        assertTrue(first.output().contains("ended 1 live session(s) of revoked devices"), first.output() + diagnostics());
        assertFalse(server.listSas().contains("bob@" + HOST), server::listSas);
        client.reload(ClientConfig.write(dir.resolve("client-new"), workspace, CryptoSuite.MODERN, foreign));
        connect(ClientConfig.WINDOWS); // bob, his new certificate
        lifecycle.revoke(new DeviceName("carol"), CertificateAuthority.Reason.KEY_COMPROMISE, Passphrase.of(ServerSites.CA_PASSPHRASE));
        Tool.Result second = installCrlOnly(bundle(site, workspace, dir.resolve("bundle-2")), dir.resolve("shims-2"), sandbox);

        assertTrue(second.output().contains("ended 0 live session(s) of revoked devices"), second.output() + diagnostics());
        String serverSas = server.listSas();
        assertTrue(serverSas.contains("bob@" + HOST), () -> "bob's new certificate keeps his session\n" + serverSas);
        assertTrue(serverSas.contains("alice@" + HOST), () -> "alice's session is untouched\n" + serverSas);
    }

    /**
     * The ipsec.conf form on a server without swanctl ends sessions through stroke ('ipsec status', 'ipsec down
     * NAME[ID]'), run for real against a starter's charon: the revoked certificate's session ends, it cannot
     * come back, and bob added again keeps his new session at the next CRL install.
     */
    @Test
    void legacyFormEndsTheRevokedCertificatesSessionOnceAndSparesTheNameAddedAgain() throws IOException {
        Tool.requireRoot();
        Path dir = temp.resolve("legacy-again");
        Site site = ServerSites.site(HOST, CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.empty(), false);
        SiteWorkspace workspace = ServerSites.workspace(dir.resolve("site"), site, "alice", "bob", "carol");
        SiteWorkspace foreign = foreignDevice("foreign-legacy-again");
        Path before = bundle(site, workspace, dir.resolve("bundle-before"));
        Path clientOld = ClientConfig.write(dir.resolve("client-old"), workspace, CryptoSuite.MODERN, foreign);
        lab = NetnsLab.start();
        try (Starter starter = Starter.start(lab.namespaceName(Side.SERVER), before, dir.resolve("starter"))) {
            client = lab.startCharon(Side.CLIENT, clientOld);
            for (String connection : new String[] {ClientConfig.WINDOWS, ClientConfig.IOS}) {
                Charon.Initiation initiation = client.initiate(connection);
                assertTrue(initiation.established(), () -> initiation.output() + starter.log());
            }
            Lifecycle lifecycle = new Lifecycle(workspace);
            Path sandbox = dir.resolve("sandbox");
            Path shims = dir.resolve("shims");
            starter.ipsecShim(shims, before);

            lifecycle.revoke(new DeviceName("bob"), CertificateAuthority.Reason.KEY_COMPROMISE, Passphrase.of(ServerSites.CA_PASSPHRASE));
            ServerSites.add(workspace, "bob");
            Tool.Result first = installLegacyCrlOnly(bundle(site, workspace, dir.resolve("bundle-1")), shims, sandbox);
            assertTrue(first.output().contains("ended 1 live session(s) of revoked devices"), first.output() + starter.log());
            String afterFirst = starter.status();
            assertFalse(afterFirst.contains("bob@" + HOST), () -> "the revoked certificate's session ends\n" + afterFirst);
            assertTrue(afterFirst.contains("alice@" + HOST), () -> "alice's session is untouched\n" + afterFirst);
            Charon.Initiation old = client.initiate(ClientConfig.WINDOWS);
            assertFalse(old.established(), () -> "the revoked certificate cannot come back\n" + old.output() + starter.log());

            client.reload(ClientConfig.write(dir.resolve("client-new"), workspace, CryptoSuite.MODERN, foreign));
            Charon.Initiation renewed = client.initiate(ClientConfig.WINDOWS);
            assertTrue(renewed.established(), () -> renewed.output() + starter.log());
            lifecycle.revoke(new DeviceName("carol"), CertificateAuthority.Reason.KEY_COMPROMISE, Passphrase.of(ServerSites.CA_PASSPHRASE));
            Tool.Result second = installLegacyCrlOnly(bundle(site, workspace, dir.resolve("bundle-2")), shims, sandbox);

            assertTrue(second.output().contains("ended 0 live session(s) of revoked devices"), second.output() + starter.log());
            String afterSecond = starter.status();
            assertTrue(afterSecond.contains("bob@" + HOST), () -> "bob's new certificate keeps his session\n" + afterSecond);
        }
    }

    private static Path bundle(Site site, SiteWorkspace workspace, Path dir) {
        ServerBundle.write(site, ServerMaterial.from(workspace), dir, Renderer.builtIn());
        return dir;
    }

    /**
     * The swanctl form: charon reads the CRL itself from its file:// URI under /etc/swanctl, which in the lab's
     * charon is the directory it was started with ({@link #serverSwanctl}); install.sh sees that directory at
     * /etc/swanctl too, so the CRL lands where charon reads it, as on a real server.
     */
    private Tool.Result installCrlOnly(Path bundle, Path shims, Path sandbox) throws IOException {
        server.swanctlShim(shims, bundle.resolve(ServerBundle.SWANCTL_CONF));
        return install(bundle, shims + ":$PATH", sandbox, "--crl-only", Optional.of(serverSwanctl));
    }

    /** Without /usr/sbin on the PATH there is no swanctl, so install.sh takes the stroke path. */
    private static Tool.Result installLegacyCrlOnly(Path bundle, Path shims, Path sandbox) throws IOException {
        return install(bundle, shims + ":/usr/bin:/bin", sandbox, "--legacy --crl-only", Optional.empty());
    }

    /** install.sh for real, in a private mount namespace whose /etc and /var/lib are overlays kept in sandbox. */
    private static Tool.Result install(Path bundle, String path, Path sandbox, String args, Optional<Path> swanctl)
            throws IOException {
        for (String dir : java.util.List.of("etc", "var-lib")) {
            Files.createDirectories(sandbox.resolve("upper-" + dir));
            Files.createDirectories(sandbox.resolve("work-" + dir));
        }
        String script = "mount -t overlay overlay -o lowerdir=/etc,upperdir=%1$s/upper-etc,workdir=%1$s/work-etc /etc"
                + " && mount -t overlay overlay -o lowerdir=/var/lib,upperdir=%1$s/upper-var-lib,workdir=%1$s/work-var-lib /var/lib"
                + swanctl.map(dir -> " && mkdir -p /etc/swanctl && mount --bind '" + dir.toAbsolutePath() + "' /etc/swanctl")
                        .orElse("")
                + " && PATH=%2$s exec bash %3$s %4$s";
        Tool.Result result = Tool.run(Map.of(), java.util.List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                script.formatted(sandbox, path, bundle.resolve("install.sh"), args)));
        assertEquals(0, result.exit(), result.output());
        return result;
    }

    @Test
    void refusesWindowsDefaultProposal3desSha1Modp1024() {
        start(bundles.get(CryptoSuite.MODERN), clients.get(CryptoSuite.MODERN));

        Charon.Initiation initiation = client.initiate(ClientConfig.WEAK);

        assertFalse(initiation.established(), initiation.output());
        assertTrue(initiation.output().contains("NO_PROPOSAL_CHOSEN"), () -> initiation.output() + diagnostics());
        // the server judged the proposal; it was not a client unable to build it
        assertTrue(server.log().contains("received proposals: IKE:3DES_CBC/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024"),
                this::diagnostics);
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

    /**
     * Writes the site's bundle into DIR/bundle and starts the lab on it: bob (revoked) is refused for his
     * certificate's revocation, and a valid device still connects. Returns the bundle.
     */
    private Path refusesRevokedBobAndLetsAliceIn(Site site, SiteWorkspace workspace, Path dir, Path clientDir) {
        Path bundle = dir.resolve("bundle");
        ServerBundle.write(site, ServerMaterial.from(workspace), bundle, Renderer.builtIn());
        start(bundle, clientDir);

        Charon.Initiation bob = client.initiate(ClientConfig.WINDOWS);

        assertFalse(bob.established(), () -> "bob is revoked\n" + bob.output() + diagnostics());
        assertTrue(server.log().contains("certificate was revoked"), this::diagnostics);
        connect(ClientConfig.IOS);
        return bundle;
    }

    private void start(Path bundle, Path clientDir) {
        long begin = System.nanoTime();
        lab = NetnsLab.start();
        serverSwanctl = bundle.resolve("etc/swanctl");
        server = lab.startCharon(Side.SERVER, serverSwanctl);
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
}
