package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.InputFiles;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code device-networks.tsv}: every device's {@link DeviceNetwork} that is not the default, one a line, as
 * {@code NAME <TAB> IPv4 <TAB> IPv6 <TAB> ALLOWED} (allowed blocks comma-separated; an empty field: none). A device
 * without a line has no fixed address and may reach everything. Kept apart from the certificate index so that
 * renewing a device keeps its address and the index's format stays the CA's own; revoking a device removes its line,
 * freeing the address. Read once per command into maps, so every lookup is constant time at any site size.
 */
public final class DeviceNetworks {
    public static final String NAME = "device-networks.tsv";
    /** About 200 bytes a device for a million devices: a larger file is not this file. */
    static final int MAX_BYTES = 1 << 28;
    private static final String HEADER = "# ikev2kit device networks: NAME\tIPv4\tIPv6\tALLOWED (comma-separated; "
            + "empty: everything). Edit with 'ikev2kit device set'.\n";

    private final Map<String, DeviceNetwork> byName;
    private final Map<InetAddress, DeviceName> byAddress;

    private DeviceNetworks(Map<String, DeviceNetwork> byName) {
        this.byName = byName;
        this.byAddress = new HashMap<>();
        for (DeviceNetwork network : byName.values()) {
            network.ipv4().ifPresent(a -> byAddress.putIfAbsent(a, network.name()));
            network.ipv6().ifPresent(a -> byAddress.putIfAbsent(a, network.name()));
        }
    }

    public static DeviceNetworks empty() {
        return new DeviceNetworks(new LinkedHashMap<>());
    }

    public static Path path(Path siteDir) {
        return siteDir.resolve(NAME);
    }

    /** The site's file; none yet means no device has a fixed address or a restriction. */
    public static DeviceNetworks read(Path siteDir) {
        Path file = path(siteDir);
        if (!InputFiles.exists(file)) {
            return empty();
        }
        return parse(InputFiles.readText(file, MAX_BYTES, "the device networks file"), file.toString());
    }

    /**
     * Strict about form (four fields, valid names, addresses and blocks, a name once); whether addresses fit the
     * site and each other is {@link #problems}' and {@link #checkAssignable}'s to say, so doctor can list them all.
     */
    public static DeviceNetworks parse(String text, String source) {
        Map<String, DeviceNetwork> byName = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] fields = line.split("\t", -1);
            if (fields.length != 4) {
                throw new UserError(where + ": expected NAME, IPv4, IPv6 and ALLOWED separated by tabs, found "
                        + Visible.quote(line.length() > 80 ? line.substring(0, 80) + "..." : line));
            }
            DeviceNetwork network;
            try {
                network = new DeviceNetwork(new DeviceName(fields[0]), ipv4(fields[1]), ipv6(fields[2]),
                        blocks(fields[3]));
            } catch (UserError e) {
                throw new UserError(where + ": " + e.getMessage());
            }
            if (byName.putIfAbsent(network.name().value(), network) != null) {
                throw new UserError(where + ": device '" + network.name() + "' is listed twice: keep one line");
            }
        }
        return new DeviceNetworks(byName);
    }

    /** Owner-only like site.conf: it decides which device gets which address and what it may reach. */
    public void write(Path siteDir) {
        AtomicFiles.writeSecret(path(siteDir), format().getBytes(StandardCharsets.UTF_8));
    }

    public String format() {
        StringBuilder out = new StringBuilder(HEADER.length() + byName.size() * 64).append(HEADER);
        for (DeviceNetwork network : byName.values()) {
            out.append(network.name()).append('\t')
                    .append(network.ipv4().map(IpAddresses::format).orElse("")).append('\t')
                    .append(network.ipv6().map(IpAddresses::format).orElse("")).append('\t')
                    .append(String.join(",", network.allowed().stream().map(Cidr::toString).toList())).append('\n');
        }
        return out.toString();
    }

    /** Every recorded device, in the file's order: the devices with a fixed address or a restriction. */
    public List<DeviceNetwork> all() {
        return List.copyOf(byName.values());
    }

    /** The device's network; {@link DeviceNetwork#unrestricted} when it has no line. */
    public DeviceNetwork of(DeviceName name) {
        DeviceNetwork network = byName.get(name.value());
        return network != null ? network : DeviceNetwork.unrestricted(name);
    }

    /** The device holding {@code address} as its fixed address. */
    public Optional<DeviceName> holder(InetAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** This file with {@code changed} recorded (or dropped, when it is the default), in one pass. */
    public DeviceNetworks with(Collection<DeviceNetwork> changed) {
        Map<String, DeviceNetwork> next = new LinkedHashMap<>(byName);
        for (DeviceNetwork network : changed) {
            if (network.isDefault()) {
                next.remove(network.name().value());
            } else {
                next.put(network.name().value(), network);
            }
        }
        return new DeviceNetworks(next);
    }

    public DeviceNetworks with(DeviceNetwork changed) {
        return with(List.of(changed));
    }

    /** This file without the devices' lines: revoking them frees their addresses. */
    public DeviceNetworks without(Collection<DeviceName> names) {
        Map<String, DeviceNetwork> next = new LinkedHashMap<>(byName);
        names.forEach(n -> next.remove(n.value()));
        return new DeviceNetworks(next);
    }

    /**
     * Throws unless {@code network} may be recorded: its addresses in the fixed part of their pools and held by no
     * other device.
     */
    public void checkAssignable(DeviceNetwork network, Site site) {
        network.checkIn(site);
        for (InetAddress address : addresses(network)) {
            DeviceName holder = byAddress.get(address);
            if (holder != null && !holder.equals(network.name())) {
                PoolSplit split = address instanceof Inet4Address ? site.ipv4Split() : site.ipv6Split().orElseThrow();
                throw new UserError("device '" + network.name() + "': " + IpAddresses.format(address) + " is already "
                        + "held by device '" + holder + "': choose another fixed address in " + split.fixed()
                        + ", or --fixed for the next free one");
            }
        }
    }

    /**
     * What is wrong with the file for this site, one line each: an address outside the fixed part of its pool, an
     * address two devices hold, a line for a device with no valid certificate ({@code current}: the names that have).
     */
    public List<String> problems(Site site, Set<String> current) {
        List<String> out = new ArrayList<>();
        Map<InetAddress, DeviceName> seen = new HashMap<>();
        for (DeviceNetwork network : byName.values()) {
            if (!current.contains(network.name().value())) {
                out.add("device '" + network.name() + "' has a line in " + NAME + " but no valid certificate");
            }
            try {
                network.checkIn(site);
            } catch (UserError e) {
                out.add(e.getMessage());
            }
            for (InetAddress address : addresses(network)) {
                DeviceName first = seen.putIfAbsent(address, network.name());
                if (first != null) {
                    out.add("devices '" + first + "' and '" + network.name() + "' both have the fixed address "
                            + IpAddresses.format(address));
                }
            }
        }
        return out;
    }

    /** Hands out the free fixed addresses of a pool in order, each once; a whole batch costs one pass over the pool. */
    public Allocator allocator(PoolSplit split) {
        return new Allocator(split, Set.of());
    }

    /** As above, also skipping {@code alsoTaken} (addresses a batch gives explicitly). */
    public Allocator allocator(PoolSplit split, Set<InetAddress> alsoTaken) {
        return new Allocator(split, alsoTaken);
    }

    /** The next free fixed address, lowest first; see {@link #allocator}. */
    public final class Allocator {
        private final PoolSplit split;
        private BigInteger next;
        private final BigInteger last;
        private final int length;
        private final Set<InetAddress> alsoTaken;

        private Allocator(PoolSplit split, Set<InetAddress> alsoTaken) {
            this.split = split;
            this.alsoTaken = alsoTaken;
            this.next = AddressRange.number(split.fixed().first());
            this.last = AddressRange.number(split.fixed().last());
            this.length = split.pool().network().getAddress().length;
        }

        public InetAddress next() {
            while (next.compareTo(last) <= 0) {
                InetAddress candidate = AddressRange.address(next, length);
                next = next.add(BigInteger.ONE);
                if (!byAddress.containsKey(candidate) && !alsoTaken.contains(candidate)) {
                    return candidate;
                }
            }
            throw new UserError("no free fixed address left in " + split.fixed() + ": free one with 'ikev2kit device set "
                    + "NAME --no-address', or make the fixed part larger (site.conf's fixed-addresses)");
        }
    }

    private static List<InetAddress> addresses(DeviceNetwork network) {
        List<InetAddress> out = new ArrayList<>(2);
        network.ipv4().ifPresent(out::add);
        network.ipv6().ifPresent(out::add);
        return out;
    }

    private static Optional<Inet4Address> ipv4(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (IpAddresses.parse(text) instanceof Inet4Address a) {
            return Optional.of(a);
        }
        throw new UserError(Visible.quote(text) + " in the IPv4 field is not an IPv4 address");
    }

    private static Optional<Inet6Address> ipv6(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (IpAddresses.parse(text) instanceof Inet6Address a) {
            return Optional.of(a);
        }
        throw new UserError(Visible.quote(text) + " in the IPv6 field is not an IPv6 address");
    }

    private static List<Cidr> blocks(String text) {
        List<Cidr> out = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                out.add(Cidr.parse(item.strip()));
            }
        }
        return out;
    }
}
