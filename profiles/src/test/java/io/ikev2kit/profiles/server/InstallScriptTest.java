package io.ikev2kit.profiles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.KeyType;
import io.ikev2kit.profiles.CryptoSuite;
import io.ikev2kit.profiles.ServerBundle;
import io.ikev2kit.profiles.ServerMaterial;
import io.ikev2kit.profiles.Site;
import io.ikev2kit.profiles.SiteWorkspace;
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
            Files.writeString(stubs.resolve(name), "#!/bin/sh\necho \"" + name + " $*\" >> \"$CALLS\"\nexit " + exit + "\n");
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

    @Test
    void installsTheLegacyFormAndIptablesWhenAsked() throws IOException {
        install("--legacy", "--iptables", "--uplink", "eth9").orFail();

        assertTrue(etc("ipsec.conf").contains("conn ikev2kit"));
        assertTrue(etc("iptables/ikev2kit.rules").contains("-o eth9 -j MASQUERADE"));
        String calls = calls();
        assertTrue(calls.contains("iptables-restore -w --noflush /etc/iptables/ikev2kit.rules"), calls);
        assertTrue(calls.contains("netfilter-persistent save"), calls);
        assertTrue(calls.contains("systemctl restart strongswan-starter.service"), calls);
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
        String script = "mount -t overlay overlay -o lowerdir=/etc,upperdir=%1$s/upper-etc,workdir=%1$s/work-etc /etc"
                + " && mount -t overlay overlay -o lowerdir=/var/lib,upperdir=%1$s/upper-var-lib,workdir=%1$s/work-var-lib /var/lib"
                + " && PATH=%2$s:$PATH exec bash %3$s \"$@\"";
        List<String> command = new java.util.ArrayList<>(List.of("unshare", "-m", "-n", "--propagation", "private",
                "sh", "-c", script.formatted(sandbox, stubs, bundle.resolve("install.sh")), "install.sh"));
        command.addAll(List.of(args));
        return Tool.run(Map.of("CALLS", sandbox.resolve("calls").toString()), command);
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
