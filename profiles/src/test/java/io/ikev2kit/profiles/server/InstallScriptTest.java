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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install.sh run for real as root, but in a private mount and network namespace whose /etc and /var/lib are
 * overlays: what it writes lands in the overlays' upper directories, and the host stays untouched. Package
 * managers and daemons (apt-get, systemctl, swanctl, nft ...) are stubs that only record how they were called.
 */
class InstallScriptTest {
    private static final List<String> STUBS = List.of("apt-get", "dpkg-query", "systemctl", "swanctl", "ipsec", "nft",
            "sysctl", "iptables", "ip6tables", "iptables-restore", "ip6tables-restore", "netfilter-persistent");

    @TempDir
    static Path temp;
    static Path bundle;
    static Path stubs;

    @TempDir
    Path sandbox;

    @BeforeAll
    static void writeBundleAndStubs() throws IOException {
        Tool.requireRoot();
        Site site = ServerSites.site("vpn.test", CryptoSuite.MODERN, KeyType.ECDSA_P256, Optional.empty(), false);
        SiteWorkspace workspace = ServerSites.workspace(temp.resolve("site"), site);
        bundle = temp.resolve("bundle");
        ServerBundle.write(site, ServerMaterial.from(workspace), bundle, Renderer.builtIn());
        stubs = Files.createDirectories(temp.resolve("stubs"));
        for (String name : STUBS) {
            // dpkg-query: nothing installed; iptables -D: no jump left to delete
            String exit = name.equals("dpkg-query") ? "1" : name.endsWith("tables") ? "$(case \" $* \" in *' -D '*) echo 1;; *) echo 0;; esac)" : "0";
            // what only reads the firewall asks the real tool, inside the test's own network namespace
            String real = switch (name) {
                case "iptables", "ip6tables" -> "case \" $* \" in *' -S '*) exec /usr/sbin/" + name + " \"$@\";; esac\n";
                case "nft" -> "[ \"$*\" = 'list ruleset' ] && exec /usr/sbin/nft \"$@\"\n";
                case "sysctl" -> "[ -n \"$REAL_SYSCTL\" ] && exec /usr/sbin/sysctl \"$@\"\n";
                default -> "";
            };
            Files.writeString(stubs.resolve(name), "#!/bin/sh\n" + real + "echo \"" + name + " $*\" >> \"$CALLS\"\nexit " + exit + "\n");
            Files.setPosixFilePermissions(stubs.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @BeforeEach
    void overlays() throws IOException {
        for (String dir : List.of("etc", "var-lib")) {
            Files.createDirectories(sandbox.resolve("upper-" + dir));
            Files.createDirectories(sandbox.resolve("work-" + dir));
        }
    }

    @Test
    void installsTheSwanctlFormAndNftablesWithTheUplinkFilledIn() throws IOException {
        Tool.Result result = install("--uplink", "eth9");

        result.orFail();
        assertEquals(Files.readString(bundle.resolve(ServerBundle.SWANCTL_CONF)), etc("swanctl/swanctl.conf"));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(upperEtc().resolve("swanctl/private/ikev2kit-server.key"))));
        assertTrue(etc("nftables.d/ikev2kit.nft").contains("oifname \"eth9\" masquerade"));
        assertTrue(etc("sysctl.d/99-vpn.conf").contains("net.ipv6.conf.eth9.accept_ra = 2"));
        assertFalse(Files.exists(upperEtc().resolve("ipsec.conf")), "the legacy form is only installed with --legacy");
        String calls = calls();
        assertTrue(calls.contains("apt-get install -y strongswan-swanctl charon-systemd libstrongswan-standard-plugins"), calls);
        assertTrue(calls.contains("systemctl restart strongswan.service"), calls);
        assertTrue(calls.contains("swanctl --load-all --noprompt"), calls);
        assertTrue(calls.contains("nft -f /etc/nftables.d/ikev2kit.nft"), calls);
        assertTrue(calls.contains("systemctl enable ikev2kit-nat.service"), calls);
        assertTrue(calls.contains("sysctl -q -p /etc/sysctl.d/99-vpn.conf"), calls);
    }

    @Test
    void runsAgainWithoutChangingAnythingAndBacksUpOnlyFilesTheUserChanged() throws IOException {
        install("--uplink", "eth9").orFail();
        long backupsAfterFirst = backups().size();

        Tool.Result again = install("--uplink", "eth9").orFail();
        assertFalse(again.output().contains("installed /"), again.output());
        assertEquals(backupsAfterFirst, backups().size(), again.output());

        Files.writeString(upperEtc().resolve("swanctl/swanctl.conf"), "# my own edit\n");
        Tool.Result third = install("--uplink", "eth9").orFail();
        assertTrue(third.output().contains("backed up your /etc/swanctl/swanctl.conf"), third.output());
        assertEquals(Files.readString(bundle.resolve(ServerBundle.SWANCTL_CONF)), etc("swanctl/swanctl.conf"));
        assertTrue(backups().stream().anyMatch(p -> p.toString().contains("swanctl.conf.bak-")), backups()::toString);
    }

    @Test
    void dryRunChangesNothing() throws IOException {
        Tool.Result result = install("--dry-run", "--uplink", "eth9").orFail();

        assertTrue(result.output().contains("would run: install -D -o root -g root -m 600"), result.output());
        try (Stream<Path> files = Files.walk(sandbox.resolve("upper-etc"))) {
            assertEquals(1, files.count(), "only the empty upper directory itself");
        }
        assertTrue(!Files.exists(sandbox.resolve("calls")) || !calls().contains("apt-get install"), this::callsQuietly);
    }

    /**
     * iptables-persistent is never installed: ufw declares "Breaks: iptables-persistent" (Ubuntu's ufw package), so
     * installing it removes ufw, and "netfilter-persistent save" would freeze Docker's rules. Our unit loads ours.
     */
    @Test
    void installsTheLegacyFormAndIptablesWithItsOwnUnitInsteadOfIptablesPersistent() throws IOException {
        install("--legacy", "--iptables", "--uplink", "eth9").orFail();

        assertTrue(etc("ipsec.conf").contains("conn ikev2kit"));
        assertTrue(etc("iptables/ikev2kit.rules").contains("-o eth9 -j MASQUERADE"));
        assertEquals(Files.readString(bundle.resolve(ServerBundle.IPTABLES_UNIT)), etc("systemd/system/ikev2kit-iptables.service"));
        String calls = calls();
        assertFalse(calls.contains("persistent"), calls);
        assertTrue(calls.contains("apt-get install -y iptables\n"), calls);
        assertTrue(calls.contains("systemctl enable ikev2kit-iptables.service"), calls);
        assertTrue(calls.contains("systemctl restart ikev2kit-iptables.service"), calls);
        assertTrue(calls.contains("systemctl restart strongswan-starter.service"), calls);
    }

    /** The unit's own commands, run with the real iptables in a fresh network namespace: a restart keeps one jump. */
    @Test
    void iptablesUnitLoadsOnlyOurChainsAndRestartsWithoutDuplicates() throws IOException {
        String unit = Files.readString(bundle.resolve(ServerBundle.IPTABLES_UNIT));
        String start = commands(unit, "ExecStart="), stop = commands(unit, "ExecStop=");
        String script = "set -e; /usr/sbin/iptables -A FORWARD -s 192.0.2.0/24 -j DROP; "
                + start + stop + start + stop + start
                + "echo '== filter'; /usr/sbin/iptables -S FORWARD; echo '== mangle'; /usr/sbin/iptables -t mangle -S FORWARD; "
                + "echo '== nat'; /usr/sbin/iptables -t nat -S; echo '== filter6'; /usr/sbin/ip6tables -S FORWARD";
        Tool.Result result = Tool.run("unshare", "-n", "sh", "-c", script).orFail();

        String rules = result.output();
        String[] sections = rules.split("== ");
        assertEquals(5, sections.length, rules);
        for (int i = 1; i < sections.length; i++) {
            String jump = sections[i].startsWith("nat") ? "-A POSTROUTING -j IKEV2KIT-POSTROUTING\n" : "-A FORWARD -j IKEV2KIT-FORWARD\n";
            assertEquals(1, count(sections[i], jump), "one jump in " + sections[i]);
        }
        assertTrue(rules.contains("-A IKEV2KIT-POSTROUTING -s 10.10.10.0/24 -o IKEV2KIT_UPLINK -j MASQUERADE"), rules);
        assertTrue(rules.contains("-A FORWARD -s 192.0.2.0/24 -j DROP"), "the user's own rule stays\n" + rules);
    }

    /** systemd.unit(5): PartOf= passes on stop and restart, ReloadPropagatedFrom= passes on reload. */
    @Test
    void natUnitLoadsOurTableAgainWheneverNftablesFlushesTheRuleset() throws IOException {
        String unit = Files.readString(bundle.resolve(ServerBundle.NAT_UNIT));
        assertTrue(unit.contains("\nAfter=nftables.service"), unit);
        assertTrue(unit.contains("\nPartOf=nftables.service\n"), unit);
        assertTrue(unit.contains("\nReloadPropagatedFrom=nftables.service\n"), "systemctl reload nftables flushes our table\n" + unit);
        assertEquals(commands(unit, "ExecStart="), commands(unit, "ExecReload="), "a reload loads the table again");
        Tool.Result verify = Tool.run("systemd-analyze", "verify", bundle.resolve(ServerBundle.NAT_UNIT).toString(),
                bundle.resolve(ServerBundle.IPTABLES_UNIT).toString());
        assertFalse(verify.output().contains("Unknown"), verify.output());
    }

    @Test
    void closingMessageNamesEspBesidesTheIkePorts() {
        Tool.Result result = install("--uplink", "eth9").orFail();

        assertTrue(result.output().contains("UDP 500 and 4500") && result.output().contains("ESP (IP protocol 50)"), result.output());
        assertTrue(result.output().contains("iptables -I INPUT -p esp -j ACCEPT"), result.output());
        assertFalse(result.output().contains("forwarding:"), "nothing drops forwarded packets here\n" + result.output());
    }

    /** ufw (DEFAULT_FORWARD_POLICY="DROP") and Docker set iptables' FORWARD policy to DROP. */
    @Test
    void printsTheRulesToAddWhenIptablesForwardDropsByDefault() {
        Tool.Result result = install("/usr/sbin/iptables -P FORWARD DROP", Map.of(), "--uplink", "eth9").orFail();

        String out = result.output();
        assertTrue(out.contains("iptables -I FORWARD -s 10.10.10.0/24 -j ACCEPT\n"), out);
        assertTrue(out.contains("iptables -I FORWARD -d 10.10.10.0/24 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"), out);
        assertTrue(out.contains("ip6tables -I FORWARD -s fd00:10:10::/112 -j ACCEPT\n"), out);
    }

    /** Docker's docs: rules of your own go into the DOCKER-USER chain, which Docker evaluates first. */
    @Test
    void printsTheRulesForDockersUserChainWhenDockerDropsForwarding() {
        Tool.Result result = install("/usr/sbin/iptables -N DOCKER-USER && /usr/sbin/iptables -P FORWARD DROP", Map.of(),
                "--uplink", "eth9").orFail();

        assertTrue(result.output().contains("iptables -I DOCKER-USER -s 10.10.10.0/24 -j ACCEPT\n"), result.output());
    }

    @Test
    void printsNftRulesForAnNftablesForwardChainThatDrops() {
        Tool.Result result = install("/usr/sbin/nft 'add table inet fw; add chain inet fw my_forward { type filter hook forward priority 0; policy drop; }'",
                Map.of(), "--uplink", "eth9").orFail();

        String out = result.output();
        assertTrue(out.contains("nft insert rule inet fw my_forward ip saddr 10.10.10.0/24 accept\n"), out);
        assertTrue(out.contains("nft insert rule inet fw my_forward ip daddr 10.10.10.0/24 ct state established,related accept\n"), out);
        assertTrue(out.contains("nft insert rule inet fw my_forward ip6 saddr fd00:10:10::/112 accept\n"), out);
    }

    /** A kernel booted with ipv6.disable=1 has no net.ipv6 keys; the real sysctl -p fails on them. */
    @Test
    void finishesWhenTheKernelHasIpv6Disabled() {
        Tool.Result result = install("mount -t tmpfs none /proc/sys/net/ipv6", Map.of("REAL_SYSCTL", "1"), "--uplink", "eth9");

        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("IPv6 is disabled in this kernel"), result.output());
    }

    @Test
    void refusesToRunAsAnotherUserThanRoot() throws IOException {
        // the temp directories are root's alone: give the other user a readable copy
        Path readable = Files.createTempDirectory("ikev2kit-install-");
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = Files.copy(bundle.resolve("install.sh"), readable.resolve("install.sh"));
        Tool.Result result;
        try {
            result = Tool.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "bash", script.toString());
        } finally {
            Files.delete(script);
            Files.delete(readable);
        }

        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("must run as root"), result.output());
    }

    @Test
    void crlOnlyExplainsThatTheBundleHasNoCrl() {
        Tool.Result result = install("--crl-only");

        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("this bundle has no CRL"), result.output());
    }

    private Tool.Result install(String... args) {
        return install("true", Map.of(), args);
    }

    /** Runs {@code setup} (real tools) in the sandbox's namespaces first, then install.sh with the stubs. */
    private Tool.Result install(String setup, Map<String, String> env, String... args) {
        String script = "mount -t overlay overlay -o lowerdir=/etc,upperdir=%1$s/upper-etc,workdir=%1$s/work-etc /etc"
                + " && mount -t overlay overlay -o lowerdir=/var/lib,upperdir=%1$s/upper-var-lib,workdir=%1$s/work-var-lib /var/lib"
                + " && %4$s && PATH=%2$s:$PATH exec bash %3$s \"$@\"";
        List<String> command = new java.util.ArrayList<>(List.of("unshare", "-m", "-n", "--propagation", "private",
                "sh", "-c", script.formatted(sandbox, stubs, bundle.resolve("install.sh"), setup), "install.sh"));
        command.addAll(List.of(args));
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("CALLS", sandbox.resolve("calls").toString());
        return Tool.run(environment, command);
    }

    /** The unit's lines of one kind as shell commands: systemd's "-" prefix (ignore failure) becomes "|| true". */
    private static String commands(String unit, String key) {
        StringBuilder out = new StringBuilder();
        for (String line : unit.split("\n")) {
            if (line.startsWith(key)) {
                String command = line.substring(key.length()).replace("/etc/iptables/", bundle.resolve("etc/iptables") + "/");
                out.append(command.startsWith("-") ? command.substring(1) + " || true; " : command + "; ");
            }
        }
        return out.toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private Path upperEtc() {
        return sandbox.resolve("upper-etc");
    }

    private String etc(String path) throws IOException {
        return Files.readString(upperEtc().resolve(path));
    }

    private List<Path> backups() throws IOException {
        Path dir = sandbox.resolve("upper-var-lib/ikev2kit/backups");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private String calls() throws IOException {
        return Files.readString(sandbox.resolve("calls"));
    }

    private String callsQuietly() {
        try {
            return calls();
        } catch (IOException e) {
            return "(no calls)";
        }
    }
}
