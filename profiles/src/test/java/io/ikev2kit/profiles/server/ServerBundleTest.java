package io.ikev2kit.profiles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.KeyType;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.templates.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle's files, judged by the tools that will read them: nft, iptables-restore, sysctl, bash, shellcheck. */
class ServerBundleTest {
    @TempDir
    static Path temp;
    static SiteWorkspace workspace;
    static Path bundle;
    static List<Path> written;

    @BeforeAll
    static void writeBundle() {
        Site site = ServerSites.site("vpn.test", CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.empty(), false);
        workspace = ServerSites.workspace(temp.resolve("site"), site);
        bundle = temp.resolve("bundle");
        written = ServerBundle.write(site, ServerMaterial.from(workspace), bundle, Renderer.builtIn());
    }

    @Test
    void writesTheServersFileSystemLayout() {
        List<String> paths = written.stream().map(p -> bundle.relativize(p).toString()).toList();
        assertEquals(List.of("etc/swanctl/swanctl.conf", "etc/swanctl/x509ca/ikev2kit-ca.pem",
                "etc/swanctl/x509/ikev2kit-server.pem", "etc/swanctl/private/ikev2kit-server.key",
                "etc/ipsec.conf", "etc/ipsec.secrets", "etc/ipsec.d/cacerts/ikev2kit-ca.pem",
                "etc/ipsec.d/certs/ikev2kit-server.pem", "etc/ipsec.d/private/ikev2kit-server.key",
                "etc/sysctl.d/99-vpn.conf", "etc/nftables.d/ikev2kit.nft", "etc/systemd/system/ikev2kit-nat.service",
                "etc/iptables/ikev2kit.rules", "etc/iptables/ikev2kit.rules6", "etc/systemd/system/ikev2kit-iptables.service",
                "install.sh"), paths);
        written.forEach(p -> assertTrue(p.startsWith(bundle) && Files.isRegularFile(p), p::toString));
    }

    @Test
    void keepsKeysPrivateAndInstallShExecutable() throws IOException {
        assertEquals("rw-------", mode("etc/swanctl/private/ikev2kit-server.key"));
        assertEquals("rwx------", mode("etc/swanctl/private"));
        assertEquals("rw-------", mode("etc/ipsec.d/private/ikev2kit-server.key"));
        assertEquals("rwx------", mode("etc/ipsec.d/private"));
        assertEquals("rw-------", mode("etc/ipsec.secrets"));
        assertEquals("rw-r--r--", mode("etc/swanctl/swanctl.conf"));
        assertEquals("rwxr-xr-x", mode("install.sh"));
    }

    @Test
    void serverKeyAndCertificateAreAPairOpensslAccepts() {
        Tool.require("openssl", "the key pair");
        String fromKey = Tool.run("openssl", "pkey", "-in", file("etc/swanctl/private/ikev2kit-server.key").toString(),
                "-pubout").orFail().output();
        String fromCert = Tool.run("openssl", "x509", "-in", file("etc/swanctl/x509/ikev2kit-server.pem").toString(),
                "-noout", "-pubkey").orFail().output();
        assertEquals(fromCert, fromKey);
        Tool.run("openssl", "verify", "-CAfile", file("etc/swanctl/x509ca/ikev2kit-ca.pem").toString(),
                file("etc/swanctl/x509/ikev2kit-server.pem").toString()).orFail();
    }

    @Test
    void swanctlConfAcceptsExactlyTheSuitesProposalsAndServesBothPools() throws IOException {
        String conf = read("etc/swanctl/swanctl.conf");
        assertTrue(conf.contains("proposals = aes256gcm16-prfsha384-ecp384\n"), conf);
        assertTrue(conf.contains("esp_proposals = aes256gcm16-ecp384,aes256gcm16\n"), conf);
        assertTrue(conf.contains("local_ts = 0.0.0.0/0,::/0\n"), conf);
        assertTrue(conf.contains("pools = ikev2kit-v4,ikev2kit-v6\n"), conf);
        // the pools' lower halves are for fixed addresses: the server hands out only the upper ones
        assertTrue(conf.contains("addrs = 10.10.10.128-10.10.10.254\n"), conf);
        assertTrue(conf.contains("addrs = fd00:10:10::8000-fd00:10:10::fffe\n"), conf);
        assertTrue(conf.contains("id = vpn.test\n"), conf);
        assertTrue(conf.contains("rekey_time = 0s\n"), conf);
    }

    /**
     * Two client needs equal strongSwan's current defaults, so no handshake can tell them from their absence; the
     * file states them so that an older or future default cannot take them away. fragmentation: an RSA site's
     * IKE_AUTH needs it where IP fragments are dropped (ServerHandshakeTest); its default became yes only in 5.5.1
     * (strongSwan docs, swanctl.conf). mobike: phones move between Wi-Fi and cellular and keep their SA (RFC 4555).
     */
    @Test
    void swanctlConfStatesTheClientNeedsThatEqualStrongswanDefaults() throws IOException {
        String conf = read("etc/swanctl/swanctl.conf");
        assertTrue(conf.contains("\n        fragmentation = yes\n"), conf);
        assertTrue(conf.contains("\n        mobike = yes\n"), conf);
    }

    @Test
    void ipsecConfDescribesTheSameConnectionStrictly() throws IOException {
        String conf = read("etc/ipsec.conf");
        assertTrue(conf.contains("ike = aes256gcm16-prfsha384-ecp384!\n"), conf);
        assertTrue(conf.contains("esp = aes256gcm16-ecp384,aes256gcm16!\n"), conf);
        assertTrue(conf.contains("leftid = @vpn.test\n"), conf);
        assertTrue(conf.contains("rightsourceip = 10.10.10.128-10.10.10.254,fd00:10:10::8000-fd00:10:10::fffe\n"), conf);
        assertTrue(conf.contains("rightdns = 198.51.100.53,2001:db8:100::53\n"), conf);
        assertEquals(": ECDSA ikev2kit-server.key", read("etc/ipsec.secrets").lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void rightcaIsTheCaSubjectInCertificateOrder() throws IOException {
        Tool.require("openssl", "the CA subject");
        String subject = Tool.run("openssl", "x509", "-in", file("etc/ipsec.d/cacerts/ikev2kit-ca.pem").toString(),
                "-noout", "-subject", "-nameopt", "sep_comma_plus_space,sname").orFail().output().trim();
        assertEquals("subject=C=DE, O=Lab, CN=Lab VPN Root CA", subject);
        assertTrue(read("etc/ipsec.conf").contains("rightca = \"C=DE, O=Lab, CN=Lab VPN Root CA\"\n"));
    }

    @Test
    void nftablesRulesPassNftCheckAndReloadWithoutDuplicatesOrTouchingOtherTables() throws IOException {
        Tool.requireRoot();
        Tool.require("nft", "the nftables rules");
        Path rules = file("etc/nftables.d/ikev2kit.nft");
        Tool.run("unshare", "-n", "nft", "-c", "-f", rules.toString()).orFail();
        // in a throwaway network namespace: a user's own table, then our file loaded twice
        String ruleset = Tool.run("unshare", "-n", "sh", "-c", "nft add table ip mine && nft add chain ip mine c"
                + " && nft -f " + rules + " && nft -f " + rules + " && nft list ruleset").orFail().output();
        assertTrue(ruleset.contains("table ip mine"), ruleset);
        assertEquals(2, count(ruleset, "masquerade"), ruleset);
        assertTrue(ruleset.contains("ip saddr 10.10.10.0/24 oifname \"IKEV2KIT_UPLINK\" masquerade"), ruleset);
        assertTrue(ruleset.contains("ip6 saddr fd00:10:10::/112 oifname \"IKEV2KIT_UPLINK\" masquerade"),
                "a unique local pool is always masqueraded: " + ruleset);
        assertEquals(4, count(ruleset, "maxseg size set"), ruleset);
    }

    @Test
    void iptablesRulesPassRestoreTestAndReloadWithoutDuplicates() {
        Tool.requireRoot();
        Tool.require("iptables-restore", "the iptables rules");
        Path v4 = file("etc/iptables/ikev2kit.rules");
        Path v6 = file("etc/iptables/ikev2kit.rules6");
        Tool.run("unshare", "-n", "iptables-restore", "--test", v4.toString()).orFail();
        Tool.run("unshare", "-n", "ip6tables-restore", "--test", v6.toString()).orFail();
        // what install.sh does, twice, next to a rule of the user's own
        String load = "for t in nat mangle filter; do c=FORWARD; [ $t = nat ] && c=POSTROUTING;"
                + " while iptables -w -t $t -D $c -j IKEV2KIT-$c 2>/dev/null; do :; done; done;"
                + " iptables-restore -w --noflush " + v4 + ";";
        String rules = Tool.run("unshare", "-n", "sh", "-c",
                "iptables -t nat -A POSTROUTING -s 192.168.99.0/24 -j MASQUERADE && " + load + load
                        + " iptables -t nat -S && iptables -t mangle -S && iptables -S").orFail().output();
        assertTrue(rules.contains("-A POSTROUTING -s 192.168.99.0/24 -j MASQUERADE"), rules);
        assertEquals(1, count(rules, "-A POSTROUTING -j IKEV2KIT-POSTROUTING"), rules);
        assertEquals(1, count(rules, "-A IKEV2KIT-POSTROUTING -s 10.10.10.0/24 -o IKEV2KIT_UPLINK -j MASQUERADE"), rules);
        assertEquals(2, count(rules, "-A FORWARD -j IKEV2KIT-FORWARD"), "one jump in mangle, one in filter: " + rules);
    }

    @Test
    void sysctlFileSetsOnlyKeysTheKernelKnows() throws IOException {
        Tool.requireRoot();
        Site site = ServerSites.site("vpn.test", CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.of("lo"), false);
        Path dir = temp.resolve("bundle-lo");
        ServerBundle.write(site, ServerMaterial.from(workspace), dir, Renderer.builtIn());
        Path sysctl = dir.resolve(ServerBundle.SYSCTL_CONF);
        // net.* keys belong to the network namespace, so a throwaway one keeps the host untouched
        String applied = Tool.run("unshare", "-n", "sysctl", "-p", sysctl.toString()).orFail().output();
        assertTrue(applied.contains("net.ipv4.ip_forward = 1"), applied);
        assertTrue(applied.contains("net.ipv6.conf.lo.accept_ra = 2"), applied);
        assertTrue(Files.readString(dir.resolve(ServerBundle.NFTABLES_RULES)).contains("oifname \"lo\" masquerade"));
    }

    @Test
    void installShIsValidBashThatShellcheckAccepts() {
        Tool.run("bash", "-n", file("install.sh").toString()).orFail();
        Tool.require("shellcheck", "install.sh");
        Tool.run("shellcheck", "--severity=style", file("install.sh").toString()).orFail();
    }

    @Test
    void templateOverridesReplaceOneOutput() throws IOException {
        Path overrides = Files.createDirectories(temp.resolve("overrides"));
        Files.writeString(overrides.resolve("99-vpn.conf.ftl"), "# custom for ${host}\nnet.ipv4.ip_forward = 1\n");
        Path dir = temp.resolve("bundle-override");
        ServerBundle.write(workspace.site(), ServerMaterial.from(workspace), dir, Renderer.withOverrides(overrides));
        assertEquals("# custom for vpn.test\nnet.ipv4.ip_forward = 1\n", Files.readString(dir.resolve(ServerBundle.SYSCTL_CONF)));
        assertTrue(Files.readString(dir.resolve(ServerBundle.SWANCTL_CONF)).contains("connections {"));
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    private static Path file(String path) {
        return bundle.resolve(path);
    }

    private static String read(String path) throws IOException {
        return Files.readString(file(path));
    }

    private static String mode(String path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file(path)));
    }
}
