package io.ikev2kit.profiles.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Three network namespaces wired as client -- server -- internet, for running real strongSwan against generated
 * configs. The internet host has no route back to the VPN pools, so only masqueraded traffic gets an answer.
 *
 * <pre>
 * client eth0 192.0.2.2/24 ---- 192.0.2.1/24 eth1 server eth0 198.51.100.1/24 ---- 198.51.100.2/24 eth0 internet
 *                                                          2001:db8:100::1/64 ---- 2001:db8:100::2/64
 * </pre>
 */
public final class NetnsLab implements AutoCloseable {

    public static final String CLIENT_ADDRESS = "192.0.2.2";
    public static final String SERVER_ADDRESS = "192.0.2.1";
    public static final String SERVER_UPLINK_ADDRESS = "198.51.100.1";
    public static final String SERVER_UPLINK_ADDRESS6 = "2001:db8:100::1";
    public static final String INTERNET_ADDRESS = "198.51.100.2";
    public static final String INTERNET_ADDRESS6 = "2001:db8:100::2";
    /** The server's interface towards the internet: what NAT rules must name as the outgoing interface. */
    public static final String SERVER_UPLINK = "eth0";
    /** The server's interface towards the client. */
    public static final String SERVER_DOWNLINK = "eth1";
    /** The second client, on a link of its own to the server (eth2 there). */
    public static final String CLIENT2_ADDRESS = "198.18.0.2";
    public static final String SERVER_ADDRESS_FOR_CLIENT2 = "198.18.0.1";
    /** The office network behind the server (eth3 there), which routes everything back through the server. */
    public static final String OFFICE_ADDRESS = "203.0.113.2";
    public static final String OFFICE_ADDRESS6 = "2001:db8:113::2";
    public static final String OFFICE_NETWORK = "203.0.113.0/24";
    public static final String OFFICE_NETWORK6 = "2001:db8:113::/64";

    /**
     * Namespaces are named {@code ikev2kit-lab-<random>-<side>}. Only a killed JVM (SIGKILL) leaves some behind;
     * {@code ip netns pids NAME} shows its charon, {@code ip netns delete NAME} removes the name.
     */
    static final String NAME_PREFIX = "ikev2kit-lab-";

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration NAT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<Side, Namespace> namespaces = new EnumMap<>(Side.class);
    private final Map<Side, Charon> charons = new EnumMap<>(Side.class);
    private final Path workDir;
    private final Thread shutdownHook = new Thread(this::closeQuietly, "netns-lab-teardown");
    private final AtomicBoolean closed = new AtomicBoolean();

    private NetnsLab(Path workDir) {
        this.workDir = workDir;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Skips the calling test when the lab cannot run on this machine, but fails it when the environment variable CI
     * is "true": on CI a missing lab is a broken pipeline, not a reason to go green. {@code extraCommands} are
     * further tools the calling test needs, such as {@code pki} or {@code openssl}.
     */
    public static void requireOrSkip(String... extraCommands) {
        Optional<String> reason = unavailableReason().or(() -> LabProbe.missingTools(List.of(extraCommands)));
        if (reason.isEmpty()) {
            return;
        }
        String message = "the strongSwan network-namespace lab cannot run here: " + reason.get();
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
    }

    /** Why the lab cannot run here, or empty when it can. */
    public static Optional<String> unavailableReason() {
        return LabProbe.reason();
    }

    /** Creates and wires the three namespaces; close it (try-with-resources) to tear everything down. */
    public static NetnsLab start() {
        NetnsLab lab = new NetnsLab(createWorkDir());
        try {
            lab.wire(HexFormat.of().formatHex(randomBytes()));
            return lab;
        } catch (RuntimeException e) {
            lab.closeQuietly(e);
            throw e;
        }
    }

    /**
     * Starts charon in the namespace of {@code side} and loads {@code swanctlDir/swanctl.conf} with swanctl, which
     * resolves x509/, x509ca/, private/, pkcs12/ and x509crl/ relative to that directory.
     */
    public Charon startCharon(Side side, Path swanctlDir) {
        if (side == Side.INTERNET || side == Side.OFFICE) {
            throw new IllegalArgumentException("the " + side + " namespace runs no VPN endpoint");
        }
        if (charons.containsKey(side)) {
            throw new IllegalStateException(side + " already runs a charon");
        }
        Path dir = createDir(workDir.resolve(side.name().toLowerCase(Locale.ROOT)));
        Charon charon = Charon.start(side, namespace(side), dir, swanctlDir);
        charons.put(side, charon);
        return charon;
    }

    /** Loads a NAT rules file into the server's namespace, with nft or iptables-restore; throws if it is refused. */
    public void applyNat(Path file, NatKind kind) {
        Shell.Result result = switch (kind) {
            case NFTABLES -> namespace(Side.SERVER).exec(NAT_TIMEOUT, null, Shell.require("nft"), "-f", file.toString());
            case IPTABLES -> namespace(Side.SERVER).exec(NAT_TIMEOUT, file, Shell.require("iptables-restore"));
        };
        result.orThrow();
    }

    /** Loads an IPv6 rules file (ip6tables-restore format) into the server's namespace; throws if it is refused. */
    public void applyIp6tables(Path file) {
        namespace(Side.SERVER).exec(NAT_TIMEOUT, file, Shell.require("ip6tables-restore")).orThrow();
    }

    /**
     * Drops IPv4 fragments arriving at the client and at the server, as many NATs and firewalls on the way do (RFC 7383,
     * section 1): an IKE message larger than the path MTU then only gets through as IKE fragments. The rule sits
     * before conntrack's reassembly (priority -400).
     */
    public void dropIpFragments() {
        for (Side side : List.of(Side.CLIENT, Side.SERVER)) {
            namespace(side).exec(NAT_TIMEOUT, null, Shell.require("nft"),
                    "add table ip lab-fragments; add chain ip lab-fragments in { type filter hook prerouting priority -450; }; "
                            + "add rule ip lab-fragments in ip frag-off & 0x3fff != 0 counter drop").orThrow();
        }
    }

    /** Whether {@code address} answers a ping sent from {@code from}; gives up after about two seconds. */
    public boolean ping(Side from, String address) {
        return namespace(from).exec(PING_TIMEOUT, null, Shell.require("ping"),
                "-n", "-q", "-c", "2", "-i", "0.2", "-W", "2", address).ok();
    }

    /** Runs a command in a namespace, e.g. {@code ip addr} for a failure message. */
    public String exec(Side side, String... command) {
        return namespace(side).exec(PING_TIMEOUT, null, command).output();
    }

    public String namespaceName(Side side) {
        return namespace(side).name();
    }

    /** Stops the charons, deletes the namespaces and the work directory; safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<RuntimeException> failures = new ArrayList<>();
        charons.values().forEach(charon -> attempt(failures, charon::stop));
        namespaces.values().forEach(namespace -> attempt(failures, namespace::delete));
        attempt(failures, () -> deleteRecursively(workDir));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // we are the shutdown hook, or the JVM is already on its way out
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("lab teardown was incomplete");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** Adds a second client namespace wired to the server: {@link #CLIENT2_ADDRESS}. */
    public void addSecondClient() {
        Namespace client2 = add(Side.CLIENT2);
        Namespace server = namespace(Side.SERVER);
        client2.ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth2", "netns", server.name());
        address(client2, "eth0", CLIENT2_ADDRESS + "/24");
        address(server, "eth2", SERVER_ADDRESS_FOR_CLIENT2 + "/24");
    }

    /**
     * Adds the office namespace behind the server: {@link #OFFICE_ADDRESS} and {@link #OFFICE_ADDRESS6}, with a
     * default route back through the server, so pool addresses get answers without NAT.
     */
    public void addOffice() {
        Namespace office = add(Side.OFFICE);
        Namespace server = namespace(Side.SERVER);
        office.ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth3", "netns", server.name());
        address(office, "eth0", OFFICE_ADDRESS + "/24");
        address(office, "eth0", OFFICE_ADDRESS6 + "/64");
        address(server, "eth3", "203.0.113.1/24");
        address(server, "eth3", "2001:db8:113::1/64");
        office.ip("route", "add", "default", "via", "203.0.113.1");
        office.ip("-6", "route", "add", "default", "via", "2001:db8:113::1");
    }

    private Namespace add(Side side) {
        if (namespaces.containsKey(side) || closed.get()) {
            throw new IllegalStateException(side + " is already wired, or the lab is closed");
        }
        String suffix = namespace(Side.SERVER).name().replaceFirst("-server$", "");
        Namespace namespace = Namespace.create(suffix + "-" + side.name().toLowerCase(Locale.ROOT));
        namespaces.put(side, namespace);
        return namespace;
    }

    private void wire(String suffix) {
        for (Side side : Side.BASIC) {
            namespaces.put(side, Namespace.create(NAME_PREFIX + suffix + "-" + side.name().toLowerCase(Locale.ROOT)));
        }
        Namespace client = namespace(Side.CLIENT);
        Namespace server = namespace(Side.SERVER);
        Namespace internet = namespace(Side.INTERNET);
        // created inside the namespaces, so the short names cannot clash with the host's interfaces
        client.ip("link", "add", "eth0", "type", "veth", "peer", "name", SERVER_DOWNLINK, "netns", server.name());
        server.ip("link", "add", SERVER_UPLINK, "type", "veth", "peer", "name", "eth0", "netns", internet.name());
        address(client, "eth0", CLIENT_ADDRESS + "/24");
        address(server, SERVER_DOWNLINK, SERVER_ADDRESS + "/24");
        address(server, SERVER_UPLINK, SERVER_UPLINK_ADDRESS + "/24");
        address(server, SERVER_UPLINK, SERVER_UPLINK_ADDRESS6 + "/64");
        address(internet, "eth0", INTERNET_ADDRESS + "/24");
        address(internet, "eth0", INTERNET_ADDRESS6 + "/64");
        server.exec(NAT_TIMEOUT, null, Shell.require("sysctl"), "-q", "-w",
                "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1").orThrow();
    }

    private static void address(Namespace namespace, String device, String cidr) {
        if (cidr.contains(":")) {
            // nodad: a tentative address would make the first pings of a test fail for a second or two
            namespace.ip("-6", "addr", "add", cidr, "dev", device, "nodad");
        } else {
            namespace.ip("addr", "add", cidr, "dev", device);
        }
        namespace.ip("link", "set", device, "up");
    }

    private Namespace namespace(Side side) {
        Namespace namespace = namespaces.get(side);
        if (namespace == null || closed.get()) {
            throw new IllegalStateException("the lab is not running");
        }
        return namespace;
    }

    private void closeQuietly() {
        closeQuietly(null);
    }

    private void closeQuietly(RuntimeException cause) {
        try {
            close();
        } catch (RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                System.err.println("netns lab: " + e.getMessage());
            }
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static Path createWorkDir() {
        try {
            Path dir = Files.createTempDirectory(NAME_PREFIX);
            // unix socket paths are limited to 108 bytes
            if (dir.resolve("client/charon.vici").toString().length() > 100) {
                throw new IllegalStateException("temp dir " + dir + " is too long for a unix socket path;"
                        + " point java.io.tmpdir at a shorter directory");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
