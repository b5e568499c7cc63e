package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CaToken;
import io.ikev2kit.pki.FreeText;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Everything the site file records: where the server is, what clients get, and which crypto they use.
 *
 * @param uplink the server's internet-facing interface for NAT; empty means detect it at install time
 * @param overridePrimary Apple's IPv4 OverridePrimary; for IKEv2 the traffic selectors decide what is tunnelled
 * @param nat66 whether the IPv6 pool is masqueraded; always true for a pool outside global unicast (a unique local
 *              pool, for instance), whose packets the internet could not answer otherwise
 * @param caToken the PKCS#11 token holding the CA key; empty when the key is the encrypted file pki/ca.key
 * @param fixedBlocks the part of each pool that devices' fixed addresses come from, at most one per pool; a pool
 *                    without one uses its lower half ({@link PoolSplit#lowerHalf})
 * @param isolateClients whether the server stops devices from reaching each other through the VPN
 */
public record Site(HostName host, List<InetAddress> addresses, String displayName, List<Cidr> pools,
                   List<InetAddress> dns, List<Cidr> routes, CryptoSuite suite, KeyType keyType,
                   int deviceDays, int serverDays, boolean overridePrimary, Optional<String> uplink, boolean nat66,
                   Optional<CaToken> caToken, List<Cidr> fixedBlocks, boolean isolateClients) {

    public static final int MAX_DAYS = 3650 * 3;
    /**
     * The longest VPN name: it also names the CA ("NAME Root CA") and the profile signer ("NAME Profile Signing"),
     * and a certificate's common name holds at most 64 characters (RFC 5280's ub-common-name).
     */
    public static final int MAX_NAME = CaSubject.MAX_VALUE - " Profile Signing".length();

    /** A site whose CA key is the encrypted file pki/ca.key. */
    public Site(HostName host, List<InetAddress> addresses, String displayName, List<Cidr> pools,
                List<InetAddress> dns, List<Cidr> routes, CryptoSuite suite, KeyType keyType,
                int deviceDays, int serverDays, boolean overridePrimary, Optional<String> uplink, boolean nat66) {
        this(host, addresses, displayName, pools, dns, routes, suite, keyType, deviceDays, serverDays, overridePrimary,
                uplink, nat66, Optional.empty());
    }

    /** A site whose fixed addresses come from the lower half of each pool and whose devices may reach each other. */
    public Site(HostName host, List<InetAddress> addresses, String displayName, List<Cidr> pools,
                List<InetAddress> dns, List<Cidr> routes, CryptoSuite suite, KeyType keyType,
                int deviceDays, int serverDays, boolean overridePrimary, Optional<String> uplink, boolean nat66,
                Optional<CaToken> caToken) {
        this(host, addresses, displayName, pools, dns, routes, suite, keyType, deviceDays, serverDays, overridePrimary,
                uplink, nat66, caToken, List.of(), false);
    }

    /** The same site with its CA key in {@code token}. */
    public Site withCaToken(CaToken token) {
        return new Site(host, addresses, displayName, pools, dns, routes, suite, keyType, deviceDays, serverDays,
                overridePrimary, uplink, nat66, Optional.of(token), fixedBlocks, isolateClients);
    }

    /** The same site with fixed addresses taken from {@code blocks} (empty: each pool's lower half). */
    public Site withFixedBlocks(List<Cidr> blocks) {
        return new Site(host, addresses, displayName, pools, dns, routes, suite, keyType, deviceDays, serverDays,
                overridePrimary, uplink, nat66, caToken, blocks, isolateClients);
    }

    /** The same site, its devices kept from reaching each other or not. */
    public Site withIsolateClients(boolean isolate) {
        return new Site(host, addresses, displayName, pools, dns, routes, suite, keyType, deviceDays, serverDays,
                overridePrimary, uplink, nat66, caToken, fixedBlocks, isolate);
    }

    public Site {
        addresses = List.copyOf(addresses);
        pools = List.copyOf(pools);
        dns = List.copyOf(dns);
        routes = List.copyOf(routes);
        fixedBlocks = List.copyOf(fixedBlocks);
        FreeText.check(displayName, "the VPN name (--name)", MAX_NAME);
        if (pools.stream().noneMatch(Cidr::isIpv4)) {
            throw new UserError("the site needs an IPv4 address pool for clients: add one, e.g. --pool 10.10.10.0/24");
        }
        if (pools.stream().filter(Cidr::isIpv4).count() > 1 || pools.stream().filter(p -> !p.isIpv4()).count() > 1) {
            throw new UserError("give at most one IPv4 and one IPv6 pool");
        }
        for (Cidr pool : pools) {
            int hostBits = (pool.isIpv4() ? 32 : 128) - pool.prefix();
            if (hostBits < 2) {
                throw new UserError("pool " + pool + " is too small for clients: use e.g. a /24 for IPv4 or a /112 for IPv6");
            }
        }
        checkLifetime(deviceDays, "device");
        checkLifetime(serverDays, "server");
        uplink.ifPresent(Site::checkInterface);
        checkFixedBlocks(pools, fixedBlocks);
        // hwdsl2/setup-ipsec-vpn masquerades its unique local pool too: nothing routes such addresses back
        nat66 = nat66 || pools.stream().anyMatch(p -> !p.isIpv4() && !p.isGlobalUnicast());
    }

    /** A certificate lifetime in days, checked the same way for the site's defaults and each request. */
    public static void checkLifetime(int days, String what) {
        if (days < 1 || days > MAX_DAYS) {
            throw new UserError("the " + what + " certificate lifetime must be 1 to " + MAX_DAYS + " days, not " + days);
        }
    }

    /**
     * Linux's rule for an interface name, dev_valid_name() in net/core/dev.c: not empty, shorter than IFNAMSIZ
     * (16 bytes with the terminating NUL), not "." or "..", and no '/', ':' or white space. Stricter here, since
     * the name goes into sysctl, nft and iptables lines: only ASCII letters, digits, '.', '-' and '_', and no
     * leading '-', which those tools would read as an option.
     */
    static boolean validInterfaceName(String name) {
        if (name.isEmpty() || name.length() > 15 || name.equals(".") || name.equals("..") || name.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static void checkInterface(String name) {
        if (!validInterfaceName(name)) {
            StringBuilder shown = new StringBuilder();
            name.codePoints().limit(40).forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
                    : String.format("\\u%04x", c)));
            throw new UserError("uplink '" + shown + (name.length() > 40 ? "...'" : "'") + " is not a Linux interface "
                    + "name: use 1 to 15 ASCII letters, digits, '.', '-' or '_', not starting with '-' and not '.' or "
                    + "'..' (e.g. eth0), or leave it empty to detect it at install time");
        }
    }

    private static void checkFixedBlocks(List<Cidr> pools, List<Cidr> blocks) {
        for (Cidr block : blocks) {
            Cidr pool = pools.stream().filter(p -> p.isIpv4() == block.isIpv4()).findFirst().orElseThrow(() ->
                    new UserError("fixed addresses " + block + " have no " + (block.isIpv4() ? "IPv4" : "IPv6")
                            + " pool to be part of: add the pool, or remove the block"));
            new PoolSplit(pool, block);
        }
        if (blocks.stream().filter(Cidr::isIpv4).count() > 1 || blocks.stream().filter(b -> !b.isIpv4()).count() > 1) {
            throw new UserError("give at most one block of fixed addresses per pool (one IPv4, one IPv6)");
        }
    }

    /** The IPv4 pool cut into its fixed part and the part the server hands out. */
    public PoolSplit ipv4Split() {
        return split(ipv4Pool().orElseThrow());
    }

    /** The IPv6 pool cut the same way; empty when clients get no IPv6 address ({@link #ipv6Pool()}). */
    public Optional<PoolSplit> ipv6Split() {
        return ipv6Pool().map(this::split);
    }

    private PoolSplit split(Cidr pool) {
        return fixedBlocks.stream().filter(b -> b.isIpv4() == pool.isIpv4()).findFirst()
                .map(block -> new PoolSplit(pool, block)).orElseGet(() -> PoolSplit.lowerHalf(pool));
    }

    public Optional<Cidr> ipv4Pool() {
        return pools.stream().filter(Cidr::isIpv4).findFirst();
    }

    /**
     * The IPv6 pool clients get: none when the server has no IPv6 address, since their IPv6 packets, DNS queries to
     * an IPv6 server included, would have nowhere to go from there.
     */
    public Optional<Cidr> ipv6Pool() {
        return serverHasIpv6() ? configuredIpv6Pool() : Optional.empty();
    }

    /** The IPv6 pool the site file names, whether or not clients get it. */
    public Optional<Cidr> configuredIpv6Pool() {
        return pools.stream().filter(p -> !p.isIpv4()).findFirst();
    }

    /** Whether the server has an IPv6 address: one of its addresses, or the host when that is an IPv6 literal. */
    public boolean serverHasIpv6() {
        return hasIpv6(host, addresses);
    }

    /** Whether a server at {@code host} with {@code addresses} has IPv6, as {@link #serverHasIpv6()} decides it. */
    public static boolean hasIpv6(HostName host, List<InetAddress> addresses) {
        return addresses.stream().anyMatch(a -> a instanceof Inet6Address)
                || (host.isIpAddress() && host.value().contains(":"));
    }

    /** The DNS servers clients are given: IPv6 ones only to clients that get an IPv6 address. */
    public List<InetAddress> clientDns() {
        return ipv6Pool().isPresent() ? dns : dns.stream().filter(a -> a instanceof Inet4Address).toList();
    }

    /** Whether the NAT rules masquerade the clients' IPv6 addresses. */
    public boolean masqueradesIpv6() {
        return nat66 && ipv6Pool().isPresent();
    }

    public boolean fullTunnel() {
        return routes.isEmpty();
    }

    /** What the server offers to route: everything, or only the site's --route blocks (split tunnel). */
    public List<String> trafficSelectors() {
        if (fullTunnel()) {
            return ipv6Pool().isPresent() ? List.of("0.0.0.0/0", "::/0") : List.of("0.0.0.0/0");
        }
        return routes.stream().map(Cidr::toString).toList();
    }

    /** The server's IKE identity, and the RemoteIdentifier every profile carries. */
    public String serverIdentity() {
        return host.value();
    }
}
