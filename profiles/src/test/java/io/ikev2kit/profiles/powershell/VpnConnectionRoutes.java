package io.ikev2kit.profiles.powershell;

import java.util.Optional;

/**
 * What Add-VpnConnectionRoute accepts as -DestinationPrefix: an IPv4 or IPv6 prefix (Microsoft's cmdlet page), but
 * not the IPv6 default route. strongSwan's docs (interop/windowsClients, "IPv6"): the cmdlet "will not allow you
 * add default route 0::/0". A script that passes ::/0 stops there under $ErrorActionPreference = 'Stop'.
 */
public final class VpnConnectionRoutes {
    private VpnConnectionRoutes() {
    }

    /** Why the cmdlet refuses {@code prefix}, or empty when it takes it. */
    public static Optional<String> refusal(String prefix) {
        int slash = prefix.indexOf('/');
        if (slash < 0) {
            return Optional.of(prefix + " is not a prefix (ADDRESS/LENGTH)");
        }
        String address = prefix.substring(0, slash);
        int length;
        try {
            length = Integer.parseInt(prefix.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.of(prefix + " has no prefix length");
        }
        boolean ipv6 = address.contains(":");
        if (length < 0 || length > (ipv6 ? 128 : 32)) {
            return Optional.of(prefix + " has an impossible prefix length");
        }
        if (ipv6 && length == 0) {
            return Optional.of(prefix + " is the IPv6 default route, which Add-VpnConnectionRoute refuses");
        }
        return Optional.empty();
    }
}
