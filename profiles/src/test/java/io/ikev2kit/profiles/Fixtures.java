package io.ikev2kit.profiles;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Sites and devices for tests, built through the same code paths as the commands. */
public final class Fixtures {
    public static final String CA_PASSPHRASE = "ca-secret-passphrase";
    public static final String P12_PASSWORD = "p12-secret";

    private Fixtures() {
    }

    public static Site site(CryptoSuite suite, KeyType keyType) {
        return new Site(new HostName("vpn.example.com"),
                List.of(IpAddresses.parse("203.0.113.10"), IpAddresses.parse("2001:db8::10")), "Example VPN",
                List.of(Cidr.parse("10.10.10.0/24"), Cidr.parse("fd00:10:10::/112")),
                List.of(IpAddresses.parse("1.1.1.1")), List.of(), suite, keyType, 730, 730, false, Optional.empty(), false);
    }

    public static SiteWorkspace workspace(Path dir, Site site, String... devices) {
        SiteWorkspace workspace = SiteWorkspace.init(dir, site, new CaSubject("Example VPN Root CA", "Example", "DE"),
                3650, Passphrase.of(CA_PASSPHRASE));
        if (devices.length > 0) {
            workspace.addDevices(List.of(devices).stream()
                            .map(d -> new SiteWorkspace.DeviceRequest(new DeviceName(d), Optional.empty(), P12Format.MODERN))
                            .toList(),
                    Passphrase.of(CA_PASSPHRASE), n -> Passphrase.of(P12_PASSWORD), SiteWorkspace.Progress.NONE);
        }
        return workspace;
    }
}
