package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.IpAddresses;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The addresses from {@code first} to {@code last}, both included, of one family. {@link #toString()} is the
 * {@code from-to} form a swanctl pool's {@code addrs} accepts (strongSwan, swanctl.opt: "an address range
 * (&lt;from&gt;-&lt;to&gt;)").
 */
public record AddressRange(InetAddress first, InetAddress last) {
    public AddressRange {
        if (first.getAddress().length != last.getAddress().length || number(first).compareTo(number(last)) > 0) {
            throw new IllegalArgumentException("not a range: " + first + "-" + last);
        }
    }

    public boolean isIpv4() {
        return first instanceof Inet4Address;
    }

    public boolean contains(InetAddress address) {
        if (address.getAddress().length != first.getAddress().length) {
            return false;
        }
        BigInteger n = number(address);
        return n.compareTo(number(first)) >= 0 && n.compareTo(number(last)) <= 0;
    }

    /** How many addresses the range holds. */
    public BigInteger size() {
        return number(last).subtract(number(first)).add(BigInteger.ONE);
    }

    @Override
    public String toString() {
        return IpAddresses.format(first) + "-" + IpAddresses.format(last);
    }

    /** The address as an unsigned number, for arithmetic on addresses. */
    static BigInteger number(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    /** The address of {@code value} in a family whose addresses are {@code length} bytes long. */
    static InetAddress address(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
