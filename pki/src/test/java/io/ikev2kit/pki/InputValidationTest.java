package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputValidationTest {
    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "a\\b", "", ".hidden", "-flag", "a..b", "al\u0456ce", "tab\there", "nl\nx",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "alice.", "con", "NUL", "aux.txt", "Com1",
            "lpt9.tar.gz", "prn.", "COM0"})
    void rejectsUnsafeDeviceNames(String name) {
        UserError error = assertThrows(UserError.class, () -> DeviceName.forNewDevice(name));
        assertTrue(error.getMessage().contains("device name"), error.getMessage());
        assertTrue(error.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "message stays printable ASCII");
    }

    @ParameterizedTest
    @ValueSource(strings = {"con", "CON", "Nul.txt", "aux.tar.gz", "com7", "LPT1.x"})
    void namesWindowsReservesAreRefusedWithTheRule(String name) {
        // Microsoft, "Naming Files, Paths, and Namespaces": CON, PRN, AUX, NUL, COM1-9, LPT1-9, also with an extension
        UserError error = assertThrows(UserError.class, () -> DeviceName.forNewDevice(name));
        assertTrue(error.getMessage().contains("reserved on Windows"), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"con", "Nul.txt", "com7", "alice."})
    void aNameIssuedBeforeTheWindowsRulesStillReads(String name) {
        // an index written before these rules may hold such a name: it must stay readable, revocable, exportable
        assertEquals(name, new DeviceName(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice-phone", "Bob_laptop.2", "x", "console", "com10", "lpt", "nully.txt", "con-1",
            "auxiliary", "a.con"})
    void acceptsOrdinaryDeviceNames(String name) {
        assertEquals(name, new DeviceName(name).value());
    }

    @Test
    void nameCheckAgreesWithItsRuleAsARegularExpression() {
        java.util.regex.Pattern rule = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
        java.util.regex.Pattern windowsReserved = java.util.regex.Pattern.compile(
                "(?i)(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?");
        char[] alphabet = {'a', 'Z', '0', '9', '.', '-', '_', '/', ' ', '\u0456', '@', '\t', '\u00e9', '`', '{', ':'};
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(""));
        for (int length = 1; length <= 4; length++) {
            for (String shorter : java.util.List.copyOf(names)) {
                if (shorter.length() == length - 1) {
                    for (char c : alphabet) {
                        names.add(shorter + c);
                    }
                }
            }
        }
        for (char c = 0; c < 0x80; c++) {
            names.add(String.valueOf(c));
            names.add("a" + c);
        }
        for (String device : new String[] {"con", "PRN", "aUx", "nul", "com0", "COM9", "lpt5", "Lpt0"}) {
            for (String tail : new String[] {"", ".", ".txt", ".a.b", "x", "1", "-", "_a", "..x"}) {
                names.add(device + tail);
                names.add("a" + device + tail);
            }
        }
        for (String name : names) {
            boolean stored = rule.matcher(name).matches() && !name.contains("..");
            assertEquals(stored, DeviceName.allowed(name), () -> "'" + name + "'");
            boolean usable = stored && !name.endsWith(".") && !windowsReserved.matcher(name).matches();
            assertEquals(usable, isUsableForNewDevice(name), () -> "new '" + name + "'");
        }
    }

    private static boolean isUsableForNewDevice(String name) {
        try {
            DeviceName.forNewDevice(name);
            return true;
        } catch (UserError e) {
            return false;
        }
    }

    @Test
    void aNameIsShownAsItIs() {
        assertEquals("alice-phone", new DeviceName("alice-phone").toString());
        assertEquals("vpn.example.com", new HostName("VPN.Example.COM.").toString());
    }

    @Test
    void namesAreEqualByValue() {
        assertEquals(new DeviceName("alice-phone"), new DeviceName("alice-phone"));
        assertEquals(new DeviceName("alice-phone").hashCode(), new DeviceName("alice-phone").hashCode());
        assertTrue(java.util.Set.of(new DeviceName("a"), new DeviceName("b")).contains(new DeviceName("b")));
        assertFalse(new DeviceName("alice").equals(new DeviceName("Alice")));
        assertFalse(new DeviceName("alice").equals("alice"));
    }

    @Test
    void aNewDevicesNameIsTheNameGiven() {
        assertEquals(new DeviceName("alice-phone"), DeviceName.forNewDevice("alice-phone"));
    }

    /** Windows (NTFS) and macOS (APFS) compare file names ignoring case, as String.equalsIgnoreCase does for ASCII. */
    @Test
    void namesCollideExactlyWhenTheyDifferOnlyInCase() {
        String[][] pairs = {{"Alice", "alice"}, {"BOB-laptop", "bob-LAPTOP"}, {"alice", "alicf"}, {"a1", "a2"}, {"x_y", "x.y"}};
        for (String[] pair : pairs) {
            assertEquals(pair[0].equalsIgnoreCase(pair[1]),
                    new DeviceName(pair[0]).caseFolded().equals(new DeviceName(pair[1]).caseFolded()), String.join(" / ", pair));
        }
    }

    @Test
    void namesSortAsTheirTextDoes() {
        java.util.List<String> names = java.util.List.of("bob", "Alice", "alice-2", "alice", "carol.9", "0-first");
        assertEquals(names.stream().sorted().toList(),
                names.stream().map(DeviceName::new).sorted().map(DeviceName::value).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vpn..example.com", "-vpn.example.com", "vpn_example.com", "vpn.example.123", "a b", "",
            "300.1.2.3"})
    void rejectsInvalidHostNames(String host) {
        assertThrows(UserError.class, () -> new HostName(host));
    }

    @Test
    void normalisesHostNamesAndIpLiterals() {
        assertEquals("vpn.example.com", new HostName("VPN.Example.COM.").value());
        assertEquals("2001:db8::10", new HostName("2001:DB8:0:0:0:0:0:10").value());
        assertTrue(new HostName("203.0.113.10").isIpAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.256", "example.com", "::g", "1.2.3.4/24", "01.2.3.4"})
    void rejectsInvalidIpAddressesWithoutDnsLookups(String text) {
        UserError error = assertThrows(UserError.class, () -> IpAddresses.parse(text));
        assertTrue(error.getMessage().contains("is not an IP address"), error.getMessage());
    }

    @Test
    void formatsIpv6Canonically() {
        assertEquals("2001:db8::1", IpAddresses.format(IpAddresses.parse("2001:0db8:0000:0000:0000:0000:0000:0001")));
        assertEquals("::", IpAddresses.format(IpAddresses.parse("::")));
        assertEquals("fd00:10:10::", IpAddresses.format(IpAddresses.parse("fd00:10:10:0:0:0:0:0")));
        assertEquals("1:0:1::", IpAddresses.format(IpAddresses.parse("1:0:1:0:0:0:0:0")));
    }

    @Test
    void keepsCommonNamesWithinTheX509Limit() {
        HostName host = new HostName("vpn.example.com");
        assertEquals(64, new DeviceIdentity(new DeviceName("a".repeat(48)), host).value().length());
        HostName longer = new HostName("vpn.department.example.com");
        UserError device = assertThrows(UserError.class, () -> new DeviceIdentity(new DeviceName("a".repeat(48)), longer));
        assertTrue(device.getMessage().contains("use a name of at most 37 characters"), device.getMessage());
        UserError hostError = assertThrows(UserError.class, () -> new HostName("a".repeat(60) + ".example.com"));
        assertTrue(hostError.getMessage().contains("longer than 64 characters"), hostError.getMessage());
    }

    /**
     * The host is the server certificate's CN, so it takes exactly the lengths openssl takes for a CN (RFC 5280
     * appendix A, ub-common-name 64; openssl's ASN1_mbstring_ncopy refuses "string too long, maxsize=64").
     */
    @ParameterizedTest
    @ValueSource(ints = {63, 64, 65})
    void takesAHostExactlyWhenOpensslTakesItAsACommonName(int length) {
        Tool.require("openssl");
        String name = "a".repeat(length - 34) + "." + "b".repeat(29) + ".com";
        assertEquals(length, name.length());
        boolean openssl = Tool.run("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-subj", "/CN=" + name, "-keyout", "/dev/null", "-out", "/dev/null").exitCode() == 0;
        boolean ours;
        try {
            ours = new HostName(name).value().equals(name);
        } catch (UserError e) {
            assertTrue(e.getMessage().contains("longer than 64 characters"), e.getMessage());
            ours = false;
        }
        assertEquals(length <= 64, openssl, "openssl's CN bound");
        assertEquals(openssl, ours, length + " characters");
    }

    /**
     * A DNS name has at most 253 characters in text (RFC 1035 2.3.4: 255 octets on the wire, a length octet per
     * label and the root's): one of 253 is a DNS name, too long for a CN; one of 254 is no DNS name at all.
     */
    @Test
    void aHostLongerThanADnsNameCanBeIsNotADnsName() {
        String dns = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(57)) + ".com";
        assertEquals(253, dns.length());
        UserError tooLongForACn = assertThrows(UserError.class, () -> new HostName(dns));
        assertTrue(tooLongForACn.getMessage().contains("longer than 64 characters"), tooLongForACn.getMessage());
        UserError noDnsName = assertThrows(UserError.class, () -> new HostName("e" + dns));
        assertTrue(noDnsName.getMessage().contains("is not a valid host name"), noDnsName.getMessage());
    }

    @Test
    void rejectsBadCountryCodes() {
        assertThrows(UserError.class, () -> new CaSubject("CA", "Org", "Germany"));
        assertEquals("DE", new CaSubject("CA", "Org", "de").country());
    }
}
