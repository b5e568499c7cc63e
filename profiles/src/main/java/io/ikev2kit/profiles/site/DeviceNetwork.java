package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.UserError;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What the VPN gives one device beyond its certificate: the addresses it always gets, and the networks it may
 * reach through the tunnel.
 *
 * @param ipv4 the device's fixed IPv4 address; empty: one from the pool's dynamic part
 * @param ipv6 the device's fixed IPv6 address; empty: one from the IPv6 pool's dynamic part, if the site has one
 * @param allowed the blocks the device may reach, in the order given, without repeats; empty: everything the site
 *                routes
 */
public record DeviceNetwork(DeviceName name, Optional<Inet4Address> ipv4, Optional<Inet6Address> ipv6,
                            List<Cidr> allowed) {
    public DeviceNetwork {
        allowed = List.copyOf(new LinkedHashSet<>(allowed));
    }

    /** A device with no fixed address that may reach everything: what a device not in the file has. */
    public static DeviceNetwork unrestricted(DeviceName name) {
        return new DeviceNetwork(name, Optional.empty(), Optional.empty(), List.of());
    }

    /** Whether the device may reach only some networks. */
    public boolean restricted() {
        return !allowed.isEmpty();
    }

    public boolean hasFixedAddress() {
        return ipv4.isPresent() || ipv6.isPresent();
    }

    /** Whether the device has nothing to record: no fixed address and no restriction. */
    public boolean isDefault() {
        return !hasFixedAddress() && !restricted();
    }

    public DeviceNetwork withAddresses(Optional<Inet4Address> newIpv4, Optional<Inet6Address> newIpv6) {
        return new DeviceNetwork(name, newIpv4, newIpv6, allowed);
    }

    public DeviceNetwork withAllowed(List<Cidr> newAllowed) {
        return new DeviceNetwork(name, ipv4, ipv6, newAllowed);
    }

    /**
     * The blocks this device's tunnel carries: what it may reach and the site routes. Everything when unrestricted
     * ({@link Site#trafficSelectors()}); otherwise the allowed blocks cut to the site's routes on a split-tunnel
     * site (the more specific of two overlapping blocks is their intersection), without IPv6 blocks when clients get
     * no IPv6 address. The server narrows its traffic selectors to these, and the client profiles route them.
     */
    public List<Cidr> reach(Site site) {
        if (!restricted()) {
            return site.trafficSelectors().stream().map(Cidr::parse).toList();
        }
        LinkedHashSet<Cidr> out = new LinkedHashSet<>();
        for (Cidr block : allowed) {
            if (!block.isIpv4() && site.ipv6Pool().isEmpty()) {
                continue;
            }
            if (site.fullTunnel()) {
                out.add(block);
                continue;
            }
            for (Cidr route : site.routes()) {
                if (route.overlaps(block)) {
                    out.add(route.prefix() >= block.prefix() ? route : block);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Throws when the device may reach nothing this site routes: a restriction that can only be a mistake. */
    public void checkReach(Site site) {
        if (restricted() && reach(site).isEmpty()) {
            throw new UserError("device '" + name + "': none of the allowed networks ("
                    + String.join(", ", allowed.stream().map(Cidr::toString).toList()) + ") is one the VPN carries ("
                    + (site.fullTunnel() ? "this site gives clients no IPv6 address" : "site.conf's routes: "
                    + String.join(", ", site.routes().stream().map(Cidr::toString).toList())) + "): allow a network "
                    + "the VPN carries, or --allow-all");
        }
    }

    /**
     * Throws unless each fixed address lies in the fixed part of its pool, so the server's dynamic pool never hands
     * it out; an IPv6 address needs a site whose clients get IPv6.
     */
    public void checkIn(Site site) {
        ipv4.ifPresent(a -> {
            PoolSplit split = site.ipv4Split();
            if (!split.allowsFixed(a)) {
                throw new UserError(outside(a, split));
            }
        });
        ipv6.ifPresent(a -> {
            PoolSplit split = site.ipv6Split().orElseThrow(() -> new UserError("device '" + name + "' cannot have "
                    + "the IPv6 address " + IpAddresses.format(a) + ": this site gives clients no IPv6 address (it needs "
                    + "an IPv6 pool and an IPv6 server address in site.conf)"));
            if (!split.allowsFixed(a)) {
                throw new UserError(outside(a, split));
            }
        });
    }

    private String outside(java.net.InetAddress address, PoolSplit split) {
        String shown = IpAddresses.format(address);
        String where = split.pool().overlaps(Cidr.host(address))
                ? (split.fixed().contains(address) ? "" : split.dynamic().contains(address)
                        ? " is in the part of the pool the server hands out to other devices"
                        : address instanceof Inet4Address ? " is the pool's network or broadcast address, which no "
                        + "client gets" : " is the pool's first or last address, which no client gets")
                : " is outside the pool " + split.pool();
        return "device '" + name + "': " + shown + where + ": choose a fixed address in " + split.fixed()
                + " (site.conf's fixed-addresses), or --fixed for the next free one";
    }
}
