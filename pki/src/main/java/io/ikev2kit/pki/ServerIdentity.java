package io.ikev2kit.pki;

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
     * The host as a DNS name (or IP), then each address as an IP SAN and again as a DNS-type name:
     * Windows (error 13801) and Apple match a server dialled by IP against DNS-type names.
     */
    public GeneralNames subjectAltNames() {
        List<GeneralName> names = new ArrayList<>();
        LinkedHashSet<String> dnsNames = new LinkedHashSet<>();
        dnsNames.add(host.value());
        List<InetAddress> ips = new ArrayList<>(addresses);
        if (host.isIpAddress()) {
            InetAddress hostIp = IpAddresses.parse(host.value());
            if (!ips.contains(hostIp)) {
                ips.add(0, hostIp);
            }
        }
        for (InetAddress ip : ips) {
            dnsNames.add(IpAddresses.format(ip));
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
