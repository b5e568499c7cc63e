package io.ikev2kit.pki;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name clients dial: a DNS name, or an IP address literal for sites without one. It is the server's
 * IKE identity and the certificate's common name.
 */
public record HostName(String value) {
    /** RFC 5280's upper bound for a common name; the host is the server certificate's CN. */
    public static final int MAX_COMMON_NAME = 64;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public HostName {
        if (value == null || value.isBlank()) {
            throw new UserError("the host name is empty: give the name clients connect to, e.g. --host vpn.example.com");
        }
        value = value.trim();
        if (IpAddresses.isLiteral(value)) {
            value = IpAddresses.format(IpAddresses.parse(value));
        } else {
            value = value.toLowerCase(Locale.ROOT);
            if (value.endsWith(".")) {
                value = value.substring(0, value.length() - 1);
            }
            if (!isDnsName(value)) {
                throw new UserError("'" + value + "' is not a valid host name: use a DNS name like vpn.example.com "
                        + "(letters, digits and '-', labels separated by dots) or an IP address");
            }
            if (value.length() > MAX_COMMON_NAME) {
                throw new UserError("host name '" + value + "' is longer than " + MAX_COMMON_NAME + " characters, the "
                        + "limit for a certificate's common name: use a shorter name (e.g. a CNAME) for the VPN");
            }
        }
    }

    public boolean isIpAddress() {
        return IpAddresses.isLiteral(value);
    }

    private static boolean isDnsName(String name) {
        if (name.length() > 253 || name.isEmpty()) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // an all-numeric last label would read as a malformed IPv4 address
        return !labels[labels.length - 1].matches("\\d+");
    }

    @Override
    public String toString() {
        return value;
    }
}
