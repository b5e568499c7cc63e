package io.ikev2kit.profiles.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.Fixtures;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.util.List;
import org.junit.jupiter.api.Test;

/** site.conf's fixed-addresses and isolate-clients: written, read back, and checked like every other setting. */
class SiteNetworkSettingsTest {
    private static final Site SITE = Fixtures.site(CryptoSuite.MODERN, KeyType.ECDSA_P256);

    @Test
    void bothSettingsRoundTrip() {
        Site changed = SITE.withFixedBlocks(List.of(Cidr.parse("10.10.10.192/26"), Cidr.parse("fd00:10:10::/113")))
                .withIsolateClients(true);
        String text = SiteFile.format(changed);
        assertTrue(text.contains("\nfixed-addresses = 10.10.10.192/26, fd00:10:10::/113\n"), text);
        assertTrue(text.contains("\nisolate-clients = true\n"), text);
        Site read = SiteFile.parse(text, "site.conf");
        assertEquals(changed, read);
        assertEquals("10.10.10.1-10.10.10.191", read.ipv4Split().dynamic().toString());
        assertEquals("fd00:10:10::1-fd00:10:10::7fff", read.ipv6Split().orElseThrow().fixed().toString());
    }

    @Test
    void aSiteFileWithoutTheSettingsGetsTheDefaults() {
        String old = SiteFile.format(SITE).replaceAll("(?m)^(fixed-addresses|isolate-clients) = .*\n", "");
        Site read = SiteFile.parse(old, "site.conf");
        assertFalse(read.isolateClients());
        assertEquals("10.10.10.1-10.10.10.127", read.ipv4Split().fixed().toString());
        assertEquals("10.10.10.128-10.10.10.254", read.ipv4Split().dynamic().toString());
    }

    @Test
    void hostileOrWrongValuesAreRefusedWithOneLine() {
        String base = SiteFile.format(SITE);
        for (String[] bad : new String[][] {
                {"isolate-clients = maybe", "site.conf line", "isolate-clients", "true or false"},
                {"isolate-clients = \"\u001b[31mx\"", "site.conf line", "\\u001b"},
                {"fixed-addresses = 10.10.10.64/26", "site.conf", "must start or end the pool"},
                {"fixed-addresses = 10.10.20.0/25", "site.conf", "must be a part of the pool"},
                {"fixed-addresses = 10.10.10.0/25, 10.10.10.128/25", "site.conf", "at most one block"},
                {"fixed-addresses = fd00:99::/113", "site.conf", "must be a part of the pool"},
                {"fixed-addresses = 10.10.10.0", "site.conf line", "ADDRESS/PREFIX"}}) {
            String key = bad[0].substring(0, bad[0].indexOf(' '));
            String text = base.replaceAll("(?m)^" + key + " = .*$", java.util.regex.Matcher.quoteReplacement(bad[0]));
            UserError e = assertThrows(UserError.class, () -> SiteFile.parse(text, "site.conf"), bad[0]);
            for (int i = 1; i < bad.length; i++) {
                assertTrue(e.getMessage().contains(bad[i]), bad[0] + " -> " + e.getMessage());
            }
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u001b"), e.getMessage());
        }
    }

    @Test
    void aFixedBlockForAPoolTheSiteLacksIsRefused() {
        Site v4only = new Site(SITE.host(), List.of(), "X", List.of(Cidr.parse("10.10.10.0/24")), List.of(), List.of(),
                CryptoSuite.MODERN, KeyType.ECDSA_P256, 730, 730, false, java.util.Optional.empty(), false);
        UserError e = assertThrows(UserError.class, () -> v4only.withFixedBlocks(List.of(Cidr.parse("fd00::/113"))));
        assertTrue(e.getMessage().contains("no IPv6 pool"), e.getMessage());
    }
}
