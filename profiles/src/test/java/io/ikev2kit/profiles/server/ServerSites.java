package io.ikev2kit.profiles.server;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Sites for the server-bundle tests; the host and first address match the netns lab's server. */
final class ServerSites {
    static final String CA_PASSPHRASE = "ca-secret";
    static final String P12_PASSWORD = "p12-secret";

    private ServerSites() {
    }

    static Site site(String host, CryptoSuite suite, KeyType keyType, Optional<String> uplink, boolean nat66) {
        return new Site(new HostName(host), List.of(IpAddresses.parse("192.0.2.1"), IpAddresses.parse("2001:db8::1")),
                "Lab VPN", List.of(Cidr.parse("10.10.10.0/24"), Cidr.parse("fd00:10:10::/112")),
                List.of(IpAddresses.parse("198.51.100.53"), IpAddresses.parse("2001:db8:100::53")), List.of(),
                suite, keyType, 730, 730, false, uplink, nat66);
    }

    /** A workspace with the given devices, issued as modern p12s with {@link #P12_PASSWORD}. */
    static SiteWorkspace workspace(Path dir, Site site, String... devices) {
        SiteWorkspace workspace = SiteWorkspace.init(dir, site, new CaSubject("Lab VPN Root CA", "Lab", "DE"), 3650,
                Passphrase.of(CA_PASSPHRASE));
        if (devices.length > 0) {
            add(workspace, devices);
        }
        return workspace;
    }

    /** Issues the given devices, as {@link #workspace} does. */
    static void add(SiteWorkspace workspace, String... devices) {
        workspace.addDevices(java.util.Arrays.stream(devices)
                        .map(d -> new SiteWorkspace.DeviceRequest(new DeviceName(d), Optional.empty(), P12Format.MODERN))
                        .toList(),
                Passphrase.of(CA_PASSPHRASE), n -> Passphrase.of(P12_PASSWORD), SiteWorkspace.Progress.NONE);
    }
}
