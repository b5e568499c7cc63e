package io.ikev2kit.profiles.server;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.DeviceNetwork;
import io.ikev2kit.profiles.site.Site;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Which strongSwan connections admit which devices, chosen by measurement and by strongSwan's identity matching
 * (docs/fixed-addresses.md).
 * <p>
 * A device with a fixed address or a restriction gets a connection of its own for the identity form its profile
 * sends: the subject DN (Windows) or the e-mail address NAME@HOST (Apple, Android), both when its platform is not
 * known. It names the identity exactly and hands out the device's one-address pools; an exact match beats the
 * generic connections' typed wildcards (strongSwan, backend_manager.c get_peer_match: ID_MATCH_PERFECT over
 * ID_MATCH_ONE_WILDCARD). One form, not both, because swanctl's parsing grows with the square of the number of
 * connections (docs/fixed-addresses.md: 10,000 devices load in 26-37 s with one, 76 s with two).
 * <p>
 * A device can still present a wildcard identity its certificate proves ("*@HOST", or its DN with CN=*: x509_cert.c
 * has_subject matches the certificate's names against the wildcard), which equals a generic connection's and
 * lands in it. That is harmless for a fixed address, but it would lift a restriction: so a site with a restricted
 * device has no generic connection at all, and every valid device gets its own pair. A wildcard identity then
 * matches no connection exactly, and strongSwan's constraint check refuses it in each (auth_cfg.c complies).
 */
final class DeviceConnections {
    /** What the template prints for one device; every value is already in swanctl's syntax. */
    record Device(String name, String connection, List<Map<String, String>> ids, String pools, String sourceIps,
                  String localTs, String fixed, String allowed, List<Map<String, String>> ownPools) {
        /** As the template reads it (FreeMarker sees only public types' members). */
        Map<String, Object> model() {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", name);
            model.put("connection", connection);
            model.put("ids", ids);
            model.put("pools", pools);
            model.put("sourceIps", sourceIps);
            model.put("localTs", localTs);
            model.put("fixed", fixed);
            model.put("allowed", allowed);
            model.put("ownPools", ownPools);
            return model;
        }
    }

    /** A generic connection: its name and the wildcard identity it admits. */
    record Generic(String name, String id) {
        Map<String, Object> model() {
            return Map.of("name", name, "id", id);
        }
    }

    private final Site site;
    private final CaSubject subject;
    private final List<DeviceNetwork> networks;
    private final Map<String, Platform> platforms = new LinkedHashMap<>();

    /**
     * @param networks the devices with a fixed address or a restriction
     * @param current each device's valid certificate, for its platform and for a site whose restrictions forbid
     *                generic connections
     */
    DeviceConnections(Site site, X509Certificate ca, List<DeviceNetwork> networks, List<IndexEntry> current) {
        this.site = site;
        this.subject = CaSubject.of(ca);
        this.networks = List.copyOf(networks);
        current.forEach(entry -> platforms.put(entry.name(), entry.platform()));
        checkAddresses(site, this.networks);
    }

    /**
     * A hand-edited device-networks.tsv could give an address outside the pool's fixed part (the dynamic pool would
     * hand it out too) or give one address to two devices: either is refused before anything is written.
     */
    private static void checkAddresses(Site site, List<DeviceNetwork> networks) {
        Map<InetAddress, DeviceName> holders = new java.util.HashMap<>();
        for (DeviceNetwork network : networks) {
            network.checkIn(site);
            List<InetAddress> addresses = new ArrayList<>(2);
            network.ipv4().ifPresent(addresses::add);
            network.ipv6().ifPresent(addresses::add);
            for (InetAddress address : addresses) {
                DeviceName first = holders.putIfAbsent(address, network.name());
                if (first != null) {
                    throw new io.ikev2kit.pki.UserError("devices '" + first + "' and '" + network.name()
                            + "' both have the fixed address " + IpAddresses.format(address)
                            + ": give one of them another with 'device set NAME --address' or --fixed");
                }
            }
        }
    }

    /** Whether some device may reach only some networks, so no connection admits every device of the CA. */
    boolean strict() {
        return networks.stream().anyMatch(DeviceNetwork::restricted);
    }

    List<Generic> generics() {
        if (strict()) {
            return List.of();
        }
        return List.of(new Generic(ServerBundle.CONNECTION, dn(subject.name("*"), true)),
                new Generic(ServerBundle.CONNECTION + "-email", quoted("*@" + site.host().value())));
    }

    /** The devices with connections of their own, in the file's order, then the rest in the index's order. */
    List<Device> devices() {
        Map<String, DeviceNetwork> own = new LinkedHashMap<>();
        networks.forEach(n -> own.put(n.name().value(), n));
        if (strict()) {
            platforms.keySet().forEach(name -> own.putIfAbsent(name, DeviceNetwork.unrestricted(new DeviceName(name))));
        }
        List<Device> devices = new ArrayList<>(own.size());
        int ordinal = 0;
        for (DeviceNetwork network : own.values()) {
            devices.add(device(network, ServerBundle.CONNECTION + "-" + ++ordinal));
        }
        return devices;
    }

    /**
     * The firewall's view of each restricted device with a fixed address: the kernel already drops what its traffic
     * selectors do not cover, and these rules hold the same line should a selector ever be wider (name, ipv4, ipv6,
     * allowed4, allowed6; an empty allowed list drops everything of that family from the address).
     */
    List<Map<String, Object>> firewallRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (DeviceNetwork network : networks) {
            if (!network.restricted() || !network.hasFixedAddress()) {
                continue;
            }
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("name", network.name().value());
            rule.put("ipv4", network.ipv4().map(IpAddresses::format).orElse(""));
            rule.put("ipv6", network.ipv6().map(IpAddresses::format).orElse(""));
            List<Cidr> reach = network.reach(site);
            rule.put("allowed4", reach.stream().filter(Cidr::isIpv4).map(Cidr::toString).toList());
            rule.put("allowed6", reach.stream().filter(c -> !c.isIpv4()).map(Cidr::toString).toList());
            rules.add(rule);
        }
        return rules;
    }

    private Device device(DeviceNetwork network, String connection) {
        String identity = new DeviceIdentity(network.name(), site.host()).value();
        List<Map<String, String>> ownPools = new ArrayList<>(2);
        List<String> pools = new ArrayList<>(2);
        // ipsec.conf names addresses, not pools: starter shares a pool among the conns naming the same range
        List<String> sourceIps = new ArrayList<>(2);
        if (network.ipv4().isPresent()) {
            String dns = String.join(",", site.clientDns().stream().map(IpAddresses::format).toList());
            ownPools.add(pool(connection + "-v4", network.ipv4().get(), dns));
            pools.add(connection + "-v4");
            sourceIps.add(IpAddresses.format(network.ipv4().get()));
        } else {
            pools.add(ServerBundle.CONNECTION + "-v4");
            sourceIps.add(site.ipv4Split().dynamic().toString());
        }
        if (site.ipv6Pool().isPresent()) {
            if (network.ipv6().isPresent()) {
                ownPools.add(pool(connection + "-v6", network.ipv6().get(), ""));
                pools.add(connection + "-v6");
                sourceIps.add(IpAddresses.format(network.ipv6().get()));
            } else {
                pools.add(ServerBundle.CONNECTION + "-v6");
                sourceIps.add(site.ipv6Split().orElseThrow().dynamic().toString());
            }
        }
        List<String> fixed = new ArrayList<>(2);
        network.ipv4().ifPresent(a -> fixed.add(IpAddresses.format(a)));
        network.ipv6().ifPresent(a -> fixed.add(IpAddresses.format(a)));
        // what the device may reach, cut to the site's routes: the same blocks its client profiles route
        String allowed = String.join(",", network.reach(site).stream().map(Cidr::toString).toList());
        Platform platform = platforms.getOrDefault(network.name().value(), Platform.ANY);
        List<Map<String, String>> ids = new ArrayList<>(2);
        if (platform == Platform.WINDOWS || platform == Platform.ANY) {
            // Windows identifies itself by its certificate's subject DN (strongSwan docs, interop/windowsClients)
            ids.add(Map.of("connection", connection + "-dn", "id", dn(subject.name(identity), false)));
        }
        if (platform != Platform.WINDOWS) {
            // the Apple and Android profiles send NAME@HOST, which strongSwan reads as an e-mail identity
            ids.add(Map.of("connection", connection + "-email", "id", quoted(identity)));
        }
        return new Device(network.name().value(), connection, ids, String.join(",", pools), String.join(",", sourceIps), network.restricted() ? allowed : String.join(",", site.trafficSelectors()),
                String.join(", ", fixed), network.restricted() ? allowed : "", ownPools);
    }

    /**
     * What the server bundle holds of the devices (their connections, pools and firewall rules) in one stable text,
     * so a bundle stamp can tell when a device change (a new device in a restricted site, an address, a restriction)
     * needs the bundle written again.
     */
    String canonicalText() {
        return canonical(generics().stream().map(Generic::model).toList()) + "\n"
                + canonical(devices().stream().map(Device::model).toList()) + "\n" + canonical(firewallRules());
    }

    // map order is not stable across runs (Map.of), so maps are printed sorted by key
    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DeviceConnections::canonical).toList().toString();
        }
        return String.valueOf(value);
    }

    private static Map<String, String> pool(String name, InetAddress address, String dns) {
        Map<String, String> pool = new LinkedHashMap<>();
        pool.put("name", name);
        // a pool of one address: only this device's connections hand it out
        pool.put("address", IpAddresses.format(address));
        pool.put("dns", dns);
        return pool;
    }

    /**
     * A DN identity as swanctl reads it: strongSwan's text form when the values allow it (the CN "*" being
     * a wildcard only where {@code wildcard} asks for one), else the DER as {@code asn1dn:#hex}, which strongSwan
     * compares exactly (identification.c, identification_create_from_string).
     */
    static String dn(X500Name name, boolean wildcard) {
        Optional<String> text = StrongswanDn.of(name, wildcard);
        return text.map(DeviceConnections::quoted).orElseGet(() -> {
            try {
                return "asn1dn:#" + HexFormat.of().formatHex(name.getEncoded());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
