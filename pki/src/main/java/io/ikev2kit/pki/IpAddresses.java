package io.ikev2kit.pki;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses IP address literals without ever touching DNS. */
public final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    public static boolean isLiteral(String text) {
        return text != null && (IPV4.matcher(text).matches() || isIpv6(text));
    }

    public static InetAddress parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!isLiteral(trimmed)) {
            throw new UserError(Visible.quote(text) + " is not an IP address: give an IPv4 address like 203.0.113.10 "
                    + "or an IPv6 address like 2001:db8::10");
        }
        try {
            return InetAddress.getByName(trimmed);
        } catch (UnknownHostException e) {
            throw new UserError(Visible.quote(text) + " is not an IP address: give an IPv4 or IPv6 address", e);
        }
    }

    /** The canonical text form (compressed IPv6, no scope), as it appears in configs and certificates. */
    public static String format(InetAddress address) {
        if (address instanceof Inet6Address) {
            return compressIpv6(address.getAddress());
        }
        return address.getHostAddress();
    }

    private static boolean isIpv6(String text) {
        if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** RFC 5952 form: lower case, the longest run of two or more zero groups replaced by "::". */
    private static String compressIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
