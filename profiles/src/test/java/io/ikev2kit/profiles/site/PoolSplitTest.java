package io.ikev2kit.profiles.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.UserError;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * A pool's fixed part and the range the server hands out. The dynamic part is a swanctl pool's {@code addrs} in its
 * {@code from-to} form (strongSwan swanctl.opt, pools.&lt;name&gt;.addrs); the pool's first and last addresses are no
 * client's, as strongSwan's subnet pools skip them (src/libcharon/attributes/mem_pool.c, mem_pool_create).
 */
class PoolSplitTest {
    @Test
    void theDefaultGivesTheLowerHalfToFixedAddressesAndTheUpperHalfToOthers() {
        PoolSplit split = PoolSplit.lowerHalf(Cidr.parse("10.10.10.0/24"));
        assertEquals("10.10.10.1-10.10.10.127", split.fixed().toString());
        assertEquals("10.10.10.128-10.10.10.254", split.dynamic().toString());
        PoolSplit v6 = PoolSplit.lowerHalf(Cidr.parse("fd00:10:10::/112"));
        assertEquals("fd00:10:10::1-fd00:10:10::7fff", v6.fixed().toString());
        assertEquals("fd00:10:10::8000-fd00:10:10::fffe", v6.dynamic().toString());
    }

    @Test
    void aFixedBlockAtTheEndLeavesTheStartToOthers() {
        PoolSplit split = new PoolSplit(Cidr.parse("10.10.10.0/24"), Cidr.parse("10.10.10.192/26"));
        assertEquals("10.10.10.192-10.10.10.254", split.fixed().toString());
        assertEquals("10.10.10.1-10.10.10.191", split.dynamic().toString());
    }

    @Test
    void theFixedAndDynamicPartsNeverShareAnAddress() {
        PoolSplit split = PoolSplit.lowerHalf(Cidr.parse("10.10.10.0/24"));
        for (int i = 0; i < 256; i++) {
            var a = IpAddresses.parse("10.10.10." + i);
            assertFalse(split.fixed().contains(a) && split.dynamic().contains(a), "both hold " + i);
            assertEquals(i != 0 && i != 255, split.fixed().contains(a) || split.dynamic().contains(a), "address " + i);
        }
    }

    @Test
    void networkAndBroadcastAddressesAreNotFixedAddresses() {
        PoolSplit split = new PoolSplit(Cidr.parse("10.10.10.0/24"), Cidr.parse("10.10.10.128/25"));
        assertFalse(split.allowsFixed(IpAddresses.parse("10.10.10.255")));
        assertTrue(split.allowsFixed(IpAddresses.parse("10.10.10.254")));
        assertFalse(PoolSplit.lowerHalf(Cidr.parse("10.10.10.0/24")).allowsFixed(IpAddresses.parse("10.10.10.0")));
    }

    @Test
    void aHugeRemainderIsCutToWhatOneStrongswanPoolServes() {
        // mem_pool.c: POOL_LIMIT is 31 host bits; a range whose ends differ above the last 32 bits is refused
        PoolSplit split = PoolSplit.lowerHalf(Cidr.parse("fd00::/64"));
        assertEquals(BigInteger.ONE.shiftLeft(31), split.dynamic().size());
        assertEquals("fd00::8000:0:0:0-fd00::8000:0:7fff:ffff", split.dynamic().toString());
    }

    @Test
    void aBlockInTheMiddleOrOutsideOrTooSmallIsRefused() {
        Cidr pool = Cidr.parse("10.10.10.0/24");
        assertTrue(assertThrows(UserError.class, () -> new PoolSplit(pool, Cidr.parse("10.10.10.64/26")))
                .getMessage().contains("must start or end the pool"));
        assertTrue(assertThrows(UserError.class, () -> new PoolSplit(pool, Cidr.parse("10.10.11.0/25")))
                .getMessage().contains("must be a part of the pool"));
        assertTrue(assertThrows(UserError.class, () -> new PoolSplit(pool, pool))
                .getMessage().contains("must be a part of the pool"));
        assertTrue(assertThrows(UserError.class, () -> new PoolSplit(pool, Cidr.parse("10.10.10.0/32")))
                .getMessage().contains("first or last address"));
    }
}
