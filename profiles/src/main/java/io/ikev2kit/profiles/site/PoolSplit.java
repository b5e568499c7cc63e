package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.UserError;
import java.math.BigInteger;
import java.net.InetAddress;

/**
 * A client address pool cut in two: {@code fixedBlock}, where devices' fixed addresses lie, and the rest, which
 * the server hands out to every other device, so it never hands out an address a device holds.
 * <p>
 * The pool's first and last addresses are never a client's: strongSwan's own subnet pools skip both
 * (src/libcharon/attributes/mem_pool.c, mem_pool_create: "skip the first address", "skip the last address
 * (broadcast) of the subnet"), and for IPv4 they are the network and broadcast addresses.
 *
 * @param fixedBlock a block inside the pool that starts or ends it, so the rest is one range
 */
public record PoolSplit(Cidr pool, Cidr fixedBlock) {
    /**
     * The most addresses the dynamic range offers: strongSwan serves at most 2^31 from a subnet pool (mem_pool.c,
     * POOL_LIMIT) and refuses a range whose ends differ outside the last 32 bits ("IP address range too large").
     */
    static final BigInteger MAX_DYNAMIC = BigInteger.ONE.shiftLeft(31);

    public PoolSplit {
        if (pool.isIpv4() != fixedBlock.isIpv4() || fixedBlock.prefix() <= pool.prefix() || !pool.overlaps(fixedBlock)) {
            throw new UserError("fixed addresses " + fixedBlock + " must be a part of the pool " + pool
                    + ", e.g. its lower half " + lowerHalfBlock(pool));
        }
        boolean starts = fixedBlock.network().equals(pool.network());
        boolean ends = blockLast(fixedBlock).equals(blockLast(pool));
        if (!starts && !ends) {
            throw new UserError("fixed addresses " + fixedBlock + " must start or end the pool " + pool
                    + ", so the addresses the server hands out stay one range: e.g. " + lowerHalfBlock(pool));
        }
        if (usable(pool, fixedBlock) == null) {
            throw new UserError("fixed addresses " + fixedBlock + " hold only the pool's first or last address, which "
                    + "no client gets: use a larger block, e.g. " + lowerHalfBlock(pool));
        }
    }

    /** The default: the lower half of the pool for fixed addresses, the upper half for the others. */
    public static PoolSplit lowerHalf(Cidr pool) {
        return new PoolSplit(pool, lowerHalfBlock(pool));
    }

    private static Cidr lowerHalfBlock(Cidr pool) {
        return new Cidr(pool.network(), Math.min(pool.prefix() + 1, pool.isIpv4() ? 32 : 128));
    }

    /** The addresses a device may be given as its fixed address. */
    public AddressRange fixed() {
        return usable(pool, fixedBlock);
    }

    /**
     * The addresses the server hands out to devices without a fixed one: the rest of the pool, in the
     * {@code from-to} form a swanctl pool's {@code addrs} takes, cut at {@link #MAX_DYNAMIC} addresses.
     */
    public AddressRange dynamic() {
        int length = pool.network().getAddress().length;
        BigInteger poolFirst = AddressRange.number(pool.network()).add(BigInteger.ONE);
        BigInteger poolLast = AddressRange.number(blockLast(pool)).subtract(BigInteger.ONE);
        boolean fixedFirst = fixedBlock.network().equals(pool.network());
        BigInteger first = fixedFirst ? AddressRange.number(blockLast(fixedBlock)).add(BigInteger.ONE) : poolFirst;
        BigInteger last = fixedFirst ? poolLast : AddressRange.number(fixedBlock.network()).subtract(BigInteger.ONE);
        BigInteger cap = first.add(MAX_DYNAMIC).subtract(BigInteger.ONE);
        BigInteger endOf32 = first.or(BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE));
        last = last.min(cap).min(endOf32);
        return new AddressRange(AddressRange.address(first, length), AddressRange.address(last, length));
    }

    /** Whether the address may be a device's fixed address in this pool. */
    public boolean allowsFixed(InetAddress address) {
        return fixed().contains(address);
    }

    /** The block's addresses without the pool's first and last; null when nothing is left. */
    private static AddressRange usable(Cidr pool, Cidr block) {
        int length = pool.network().getAddress().length;
        BigInteger first = AddressRange.number(block.network()).max(AddressRange.number(pool.network()).add(BigInteger.ONE));
        BigInteger last = AddressRange.number(blockLast(block)).min(AddressRange.number(blockLast(pool)).subtract(BigInteger.ONE));
        return first.compareTo(last) > 0 ? null
                : new AddressRange(AddressRange.address(first, length), AddressRange.address(last, length));
    }

    static InetAddress blockLast(Cidr block) {
        int bits = block.network().getAddress().length * 8;
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - block.prefix()).subtract(BigInteger.ONE);
        return AddressRange.address(AddressRange.number(block.network()).or(hostMask), block.network().getAddress().length);
    }
}
