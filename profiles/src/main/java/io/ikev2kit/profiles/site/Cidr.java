package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as 10.10.10.0/24 or fd00::/112, normalised so the host bits are zero. */
public record Cidr(InetAddress network, int prefix) {
    public Cidr {
        int max = network instanceof Inet4Address ? 32 : 128;
        if (prefix < 0 || prefix > max) {
            throw new UserError("prefix /" + prefix + " is out of range for " + IpAddresses.format(network)
                    + ": use 0 to " + max);
        }
        network = masked(network, prefix);
    }

    public static Cidr parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            throw new UserError(Visible.quote(text) + " is not an address block: write it as ADDRESS/PREFIX, e.g. 10.10.10.0/24");
        }
        InetAddress address = IpAddresses.parse(trimmed.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new UserError(Visible.quote(text) + " has no valid prefix length: write it as ADDRESS/PREFIX, e.g. 10.10.10.0/24");
        }
        return new Cidr(address, prefix);
    }

    /** The block holding just this address. */
    public static Cidr host(InetAddress address) {
        return new Cidr(address, address instanceof Inet4Address ? 32 : 128);
    }

    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    public boolean overlaps(Cidr other) {
        if (isIpv4() != other.isIpv4()) {
            return false;
        }
        int shorter = Math.min(prefix, other.prefix);
        return masked(network, shorter).equals(masked(other.network, shorter));
    }

    /**
     * Whether the block lies in IPv6 global unicast space, 2000::/3 (IANA IPv6 address space): addresses the
     * internet routes back to, unlike a unique local (fc00::/7) or any other block.
     */
    public boolean isGlobalUnicast() {
        return !isIpv4() && prefix >= 3 && (network.getAddress()[0] & 0xe0) == 0x20;
    }

    /** The n-th address of the block, e.g. the first usable host (n = 1). */
    public InetAddress address(long n) {
        return AddressRange.address(AddressRange.number(network).add(BigInteger.valueOf(n)), network.getAddress().length);
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return IpAddresses.format(network) + "/" + prefix;
    }
}
