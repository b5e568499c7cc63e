package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a user asks for a device's network ({@code device add/set --address/--fixed/--no-address/--allow/--allow-all}).
 *
 * @param address what happens to the fixed addresses
 * @param explicit with {@link Address#GIVEN}: at most one IPv4 and one IPv6 address
 * @param allowed the new allowed blocks (empty list: everything); empty optional: unchanged
 */
public record NetworkRequest(Address address, List<InetAddress> explicit, Optional<List<Cidr>> allowed) {
    public enum Address {
        /** Unchanged (for a new device: none). */
        KEEP,
        /** The addresses in {@code explicit}. */
        GIVEN,
        /** The lowest free address of each pool's fixed part, kept when the device already has one. */
        NEXT_FREE,
        /** None: the device gets a dynamic address again. */
        NONE
    }

    public static final NetworkRequest UNCHANGED = new NetworkRequest(Address.KEEP, List.of(), Optional.empty());

    public NetworkRequest {
        explicit = List.copyOf(explicit);
        allowed = allowed.map(List::copyOf);
        if ((address == Address.GIVEN) == explicit.isEmpty()) {
            throw new IllegalArgumentException("addresses go with GIVEN only");
        }
        if (explicit.stream().filter(a -> a instanceof Inet4Address).count() > 1
                || explicit.stream().filter(a -> a instanceof Inet6Address).count() > 1) {
            throw new UserError("give at most one IPv4 and one IPv6 address, e.g. --address 10.10.10.5,fd00:10:10::5");
        }
    }

    /** {@code A} or {@code A,A6}, as {@code --address} takes it. */
    public static List<InetAddress> parseAddresses(String text) {
        List<InetAddress> out = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                out.add(IpAddresses.parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new UserError("--address needs an address, e.g. 10.10.10.5 (or 10.10.10.5,fd00:10:10::5)");
        }
        return out;
    }

    /** Blocks as {@code --allow} takes them: each may itself be a comma-separated list. */
    public static List<Cidr> parseAllowed(List<String> texts) {
        List<Cidr> out = new ArrayList<>();
        for (String text : texts) {
            for (String part : text.split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    out.add(Cidr.parse(part));
                }
            }
        }
        return out;
    }

    public boolean changesNothing() {
        return address == Address.KEEP && allowed.isEmpty();
    }

    /**
     * The site's device networks after {@code requests}, every request checked before any is taken, in one pass:
     * given addresses must lie in the fixed part of their pool and be held by no other device (in the file or the
     * batch); next-free ones skip both. {@code fresh}: the devices are new, so an old line of the same name (left
     * by a crash between revoking and freeing) does not carry over.
     */
    public static DeviceNetworks applyAll(DeviceNetworks current, Map<DeviceName, NetworkRequest> requests, Site site,
                                          boolean fresh) {
        Map<InetAddress, DeviceName> batch = new HashMap<>();
        for (Map.Entry<DeviceName, NetworkRequest> e : requests.entrySet()) {
            for (InetAddress a : e.getValue().explicit()) {
                DeviceName twin = batch.putIfAbsent(a, e.getKey());
                if (twin != null) {
                    throw new UserError("devices '" + twin + "' and '" + e.getKey() + "' both ask for "
                            + IpAddresses.format(a) + ": give each device its own address");
                }
            }
        }
        Set<InetAddress> taken = new HashSet<>(batch.keySet());
        DeviceNetworks.Allocator v4 = null;
        DeviceNetworks.Allocator v6 = null;
        List<DeviceNetwork> changed = new ArrayList<>(requests.size());
        for (Map.Entry<DeviceName, NetworkRequest> e : requests.entrySet()) {
            NetworkRequest request = e.getValue();
            DeviceNetwork before = fresh ? DeviceNetwork.unrestricted(e.getKey()) : current.of(e.getKey());
            Optional<Inet4Address> ipv4 = before.ipv4();
            Optional<Inet6Address> ipv6 = before.ipv6();
            switch (request.address()) {
                case KEEP -> { }
                case NONE -> {
                    ipv4 = Optional.empty();
                    ipv6 = Optional.empty();
                }
                case GIVEN -> {
                    ipv4 = request.explicit().stream().filter(a -> a instanceof Inet4Address).map(a -> (Inet4Address) a)
                            .findFirst();
                    ipv6 = request.explicit().stream().filter(a -> a instanceof Inet6Address).map(a -> (Inet6Address) a)
                            .findFirst();
                }
                case NEXT_FREE -> {
                    if (ipv4.isEmpty()) {
                        v4 = v4 != null ? v4 : current.allocator(site.ipv4Split(), taken);
                        ipv4 = Optional.of((Inet4Address) v4.next());
                    }
                    if (ipv6.isEmpty() && site.ipv6Split().isPresent()) {
                        v6 = v6 != null ? v6 : current.allocator(site.ipv6Split().get(), taken);
                        ipv6 = Optional.of((Inet6Address) v6.next());
                    }
                }
            }
            DeviceNetwork after = new DeviceNetwork(e.getKey(), ipv4, ipv6, request.allowed().orElse(before.allowed()));
            current.checkAssignable(after, site);
            after.checkReach(site);
            changed.add(after);
        }
        return current.with(changed);
    }

    /** The device's addresses and networks as one line of output, e.g. "address 10.10.10.5, may reach 10.0.0.0/8". */
    public static String describe(DeviceNetwork network) {
        String address = network.hasFixedAddress() ? "fixed address " + String.join(", ", addresses(network))
                : "address from the pool";
        String reach = network.restricted() ? "may reach only " + String.join(", ",
                network.allowed().stream().map(Cidr::toString).toList()) : "may reach everything the VPN routes";
        return Visible.ascii(network.name().value()) + ": " + address + "; " + reach;
    }

    public static List<String> addresses(DeviceNetwork network) {
        List<String> out = new ArrayList<>(2);
        network.ipv4().ifPresent(a -> out.add(IpAddresses.format(a)));
        network.ipv6().ifPresent(a -> out.add(IpAddresses.format(a)));
        return out;
    }
}
