package io.ikev2kit.pki;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** The names a server certificate must carry so that every client accepts it. */
public record ServerIdentity(HostName host, List<InetAddress> addresses) {
    public ServerIdentity {
        addresses = List.copyOf(new LinkedHashSet<>(addresses));
    }

    /**
     * The host as a DNS name (unless it is an IP), then each address as an IP SAN; IPv4 addresses also as a
     * DNS-type name, since Windows (error 13801) and Apple match a server dialled by IP against DNS-type names.
     * An IPv6 literal is no valid dNSName (RFC 5280, 4.2.1.6: preferred name syntax), so IPv6 addresses are
     * iPAddress SANs only.
     */
    public GeneralNames subjectAltNames() {
        List<GeneralName> names = new ArrayList<>();
        LinkedHashSet<String> dnsNames = new LinkedHashSet<>();
        if (!host.isIpAddress()) {
            dnsNames.add(host.value());
        }
        List<InetAddress> ips = new ArrayList<>(addresses);
        if (host.isIpAddress()) {
            InetAddress hostIp = IpAddresses.parse(host.value());
            if (!ips.contains(hostIp)) {
                ips.add(0, hostIp);
            }
        }
        for (InetAddress ip : ips) {
            if (ip instanceof Inet4Address) {
                dnsNames.add(IpAddresses.format(ip));
            }
        }
        for (String dns : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (InetAddress ip : ips) {
            names.add(new GeneralName(GeneralName.iPAddress, IpAddresses.format(ip)));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }
}
