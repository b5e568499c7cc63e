package io.ikev2kit.profiles.server;

import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.templates.Renderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server bundle: a directory mirroring the server's file system (etc/swanctl/..., etc/ipsec.conf, sysctl,
 * NAT rules) plus install.sh, which copies it into place. The same connection is written twice, for swanctl
 * (the default) and for the legacy ipsec.conf/starter setup; install.sh installs one of them.
 */
public final class ServerBundle {
    /** The swanctl connection, child and ipsec.conf conn name. */
    public static final String CONNECTION = "ikev2kit";
    /** Stands for the internet-facing interface until install.sh substitutes the one of the default route. */
    public static final String UPLINK_PLACEHOLDER = "IKEV2KIT_UPLINK";

    public static final String SWANCTL_CONF = "etc/swanctl/swanctl.conf";
    public static final String IPSEC_CONF = "etc/ipsec.conf";
    public static final String IPSEC_SECRETS = "etc/ipsec.secrets";
    public static final String SYSCTL_CONF = "etc/sysctl.d/99-vpn.conf";
    public static final String NFTABLES_RULES = "etc/nftables.d/ikev2kit.nft";
    public static final String IPTABLES_RULES = "etc/iptables/ikev2kit.rules";
    public static final String IP6TABLES_RULES = "etc/iptables/ikev2kit.rules6";
    public static final String NAT_UNIT = "etc/systemd/system/ikev2kit-nat.service";
    public static final String IPTABLES_UNIT = "etc/systemd/system/ikev2kit-iptables.service";
    public static final String INSTALL_SH = "install.sh";

    // fixed names, so a new bundle replaces the old CA instead of leaving it trusted next to the new one
    static final String CA_FILE = "ikev2kit-ca.pem";
    static final String SERVER_CERT_FILE = "ikev2kit-server.pem";
    static final String SERVER_KEY_FILE = "ikev2kit-server.key";
    static final String CRL_FILE = "ikev2kit.crl";
    /** Where the swanctl form keeps the CRL, inside the bundle and, with a leading '/', on the server. */
    static final String SWANCTL_CRL_DIR = "etc/swanctl/ikev2kit/";

    private ServerBundle() {
    }

    /**
     * Writes the bundle into {@code outDir} and returns the files written, each as {@code outDir.resolve(...)}
     * of its path inside the bundle (so relative when outDir is relative).
     */
    public static List<Path> write(Site site, ServerMaterial material, Path outDir, Renderer renderer) {
        Bundle bundle = new Bundle(outDir);
        Map<String, Object> model = model(site, material);

        String ca = Pem.encode(material.ca());
        String server = Pem.encode(material.server());
        byte[] key = Pem.encode(material.serverKey()).getBytes(StandardCharsets.US_ASCII);
        String crl = material.crl().map(Pem::encode).orElse(null);

        bundle.text(Group.SWANCTL, SWANCTL_CONF, renderer.render("swanctl.conf.ftl", model));
        bundle.text(Group.SWANCTL, "etc/swanctl/x509ca/" + CA_FILE, ca);
        bundle.text(Group.SWANCTL, "etc/swanctl/x509/" + SERVER_CERT_FILE, server);
        bundle.privateDirectory("etc/swanctl/private");
        bundle.secret(Group.SWANCTL, "etc/swanctl/private/" + SERVER_KEY_FILE, key);
        // not in x509crl/: swanctl hands those to charon over vici, whose values end at 64 KiB (about 1,300 CRL
        // entries); charon reads this one itself, from the authority's crl_uris in swanctl.conf
        bundle.optional(Group.SWANCTL_CRL, SWANCTL_CRL_DIR + CRL_FILE, crl);

        bundle.text(Group.LEGACY, IPSEC_CONF, renderer.render("ipsec.conf.ftl", model));
        bundle.secret(Group.LEGACY, IPSEC_SECRETS, renderer.render("ipsec.secrets.ftl", model).getBytes(StandardCharsets.UTF_8));
        bundle.text(Group.LEGACY, "etc/ipsec.d/cacerts/" + CA_FILE, ca);
        bundle.text(Group.LEGACY, "etc/ipsec.d/certs/" + SERVER_CERT_FILE, server);
        bundle.privateDirectory("etc/ipsec.d/private");
        bundle.secret(Group.LEGACY, "etc/ipsec.d/private/" + SERVER_KEY_FILE, key);
        bundle.optional(Group.LEGACY_CRL, "etc/ipsec.d/crls/" + CRL_FILE, crl);

        bundle.text(Group.SYSCTL, SYSCTL_CONF, renderer.render("99-vpn.conf.ftl", model));
        bundle.text(Group.NFTABLES, NFTABLES_RULES, renderer.render("ikev2kit.nft.ftl", model));
        bundle.text(Group.NFTABLES, NAT_UNIT, renderer.render("ikev2kit-nat.service.ftl", model));
        bundle.text(Group.IPTABLES, IPTABLES_RULES, renderer.render("ikev2kit.rules.ftl", model));
        bundle.optional(Group.IPTABLES, IP6TABLES_RULES,
                site.ipv6Pool().isPresent() ? renderer.render("ikev2kit.rules6.ftl", model) : null);
        bundle.text(Group.IPTABLES, IPTABLES_UNIT, renderer.render("ikev2kit-iptables.service.ftl", model));

        for (Group group : Group.values()) {
            model.put(group.modelKey, bundle.installList(group));
        }
        bundle.executable(INSTALL_SH, renderer.render("install.sh.ftl", model));
        return bundle.written();
    }

    /** The flat model every server template reads; decisions are made here, the templates only print. */
    static Map<String, Object> model(Site site, ServerMaterial material) {
        Map<String, Object> model = new LinkedHashMap<>();
        CryptoSuite suite = site.suite();
        model.put("host", site.host().value());
        model.put("displayName", site.displayName());
        model.put("connection", CONNECTION);
        model.put("serverIdentity", site.serverIdentity());
        // a bare name would make starter guess the identity type; '@' forces FQDN, an IP stays an IP
        model.put("leftId", site.host().isIpAddress() ? site.serverIdentity() : "@" + site.serverIdentity());
        model.put("caFile", CA_FILE);
        model.put("serverCertFile", SERVER_CERT_FILE);
        model.put("serverKeyFile", SERVER_KEY_FILE);
        model.put("hasCrl", material.crl().isPresent());
        model.put("crlUri", "file:///" + SWANCTL_CRL_DIR + CRL_FILE);
        model.put("revokedDevices", material.revokedDevices().stream()
                .map(d -> d.serial() + " " + d.identity()).toList());
        model.put("keyKind", KeyType.of(material.server().getPublicKey()).isRsa() ? "RSA" : "ECDSA");
        model.put("caDn", StrongswanDn.of(material.ca()).orElse(""));
        model.put("ikeProposals", String.join(",", suite.serverIkeProposals()));
        model.put("espProposals", String.join(",", suite.serverEspProposals()));
        model.put("trafficSelectors", String.join(",", site.trafficSelectors()));
        // the whole pools, for the firewall; the server hands out only their dynamic parts, the rest being
        // devices' fixed addresses
        model.put("ipv4Pool", site.ipv4Pool().map(Cidr::toString).orElseThrow());
        model.put("ipv6Pool", site.ipv6Pool().map(Cidr::toString).orElse(""));
        model.put("ipv4DynamicPool", site.ipv4Split().dynamic().toString());
        model.put("ipv6DynamicPool", site.ipv6Split().map(split -> split.dynamic().toString()).orElse(""));
        DeviceConnections connections = new DeviceConnections(site, material.ca(), material.networks(),
                material.currentDevices());
        model.put("genericIds", connections.generics().stream().map(DeviceConnections.Generic::model).toList());
        model.put("devices", connections.devices().stream().map(DeviceConnections.Device::model).toList());
        model.put("isolateClients", site.isolateClients());
        model.put("restrictedDevices", connections.firewallRules());
        model.put("pools", String.join(",", site.ipv6Pool().isPresent()
                ? List.of(CONNECTION + "-v4", CONNECTION + "-v6") : List.of(CONNECTION + "-v4")));
        model.put("dns", String.join(",", site.clientDns().stream().map(IpAddresses::format).toList()));
        model.put("nat66", site.masqueradesIpv6());
        model.put("dpdDelay", "30s");
        // fixed MSS: decrypted traffic's route MTU is the uplink's 1500, so "rt mtu" would not leave room for ESP
        model.put("mss4", 1360);
        model.put("mss6", 1340);
        model.put("mss4Above", 1361);
        model.put("mss6Above", 1341);
        String uplink = site.uplink().orElse(UPLINK_PLACEHOLDER);
        model.put("uplink", uplink);
        model.put("uplinkKnown", site.uplink().isPresent());
        // sysctl writes a VLAN interface eth0.100 as eth0/100, since '.' separates the key's parts
        model.put("uplinkSysctl", uplink.replace('.', '/'));
        model.put("uplinkPlaceholder", UPLINK_PLACEHOLDER);
        return model;
    }

    /** Which install.sh step installs a file; each becomes a list of "path:mode" in the model. */
    private enum Group {
        SWANCTL("swanctlFiles"), SWANCTL_CRL("swanctlCrlFiles"), LEGACY("legacyFiles"), LEGACY_CRL("legacyCrlFiles"),
        SYSCTL("sysctlFiles"), NFTABLES("nftablesFiles"), IPTABLES("iptablesFiles");

        private final String modelKey;

        Group(String modelKey) {
            this.modelKey = modelKey;
        }
    }

    /** Tracks what was written, and with which mode install.sh must install it. */
    private static final class Bundle {
        private final Path outDir;
        private final List<Path> written = new ArrayList<>();
        private final Map<Group, List<String>> install = new EnumMap<>(Group.class);

        Bundle(Path outDir) {
            this.outDir = outDir;
        }

        /** Parents readable by all, writable by the owner only: made so before any file goes in. */
        private Path shared(String path) {
            Path file = outDir.resolve(path);
            AtomicFiles.createDirectories(file.getParent(), true);
            return file;
        }

        void text(Group group, String path, String content) {
            AtomicFiles.writePublic(shared(path), content);
            added(group, path, "644");
        }

        void secret(Group group, String path, byte[] content) {
            AtomicFiles.writeSecret(shared(path), content);
            added(group, path, "600");
        }

        /** A directory only root may enter, as strongSwan's private/ directories are. */
        void privateDirectory(String path) {
            shared(path);
            AtomicFiles.createPrivateDirectory(outDir.resolve(path));
        }

        void executable(String path, String content) {
            AtomicFiles.writeExecutable(shared(path), content);
            written.add(outDir.resolve(path));
        }

        /** Writes the file, or removes one a previous run left behind when there is nothing to write now. */
        void optional(Group group, String path, String contentOrNull) {
            if (contentOrNull != null) {
                text(group, path, contentOrNull);
                return;
            }
            try {
                Files.deleteIfExists(outDir.resolve(path));
            } catch (IOException e) {
                throw new UserError("cannot remove the stale " + outDir.resolve(path) + " (" + e.getMessage()
                        + "): delete it by hand, then run the command again", e);
            }
        }

        private void added(Group group, String path, String mode) {
            written.add(outDir.resolve(path));
            install.computeIfAbsent(group, g -> new ArrayList<>()).add(path + ":" + mode);
        }

        List<String> installList(Group group) {
            return List.copyOf(install.getOrDefault(group, List.of()));
        }

        List<Path> written() {
            return List.copyOf(written);
        }
    }
}
