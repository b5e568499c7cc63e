package io.ikev2kit.profiles.apple;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sites for the Apple tests, each made once per test class run: alice holds a modern p12, bob a legacy one.
 * The p12 password holds XML's special characters, so escaping is exercised wherever it is written.
 */
final class AppleFixtures {
    static final String P12_PASSWORD = "p12 s3cret&<Zq8>\"'";
    static final Passphrase CA_PASSWORD = Passphrase.of("ca-secret");
    static final DeviceName ALICE = new DeviceName("alice");
    static final DeviceName BOB = new DeviceName("bob");

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path root;
    private final Map<Site, SiteWorkspace> workspaces = new ConcurrentHashMap<>();

    AppleFixtures(Path root) {
        this.root = root;
    }

    static Site site(CryptoSuite suite, KeyType keyType, List<Cidr> routes, boolean overridePrimary) {
        return new Site(new HostName("vpn.example.com"),
                List.of(IpAddresses.parse("203.0.113.10"), IpAddresses.parse("2001:db8::10")), "Example VPN",
                List.of(Cidr.parse("10.10.10.0/24"), Cidr.parse("fd00:10:10::/112")),
                List.of(IpAddresses.parse("1.1.1.1")), routes, suite, keyType, 730, 730, overridePrimary,
                Optional.empty(), false);
    }

    static Site defaultSite() {
        return site(CryptoSuite.MODERN, KeyType.ECDSA_P256, List.of(), false);
    }

    SiteWorkspace workspace(Site site) {
        return workspaces.computeIfAbsent(site, s -> {
            SiteWorkspace ws = SiteWorkspace.init(root.resolve("site" + COUNTER.incrementAndGet()), s,
                    new CaSubject("Example VPN Root CA", "Example", "DE"), 3650, CA_PASSWORD);
            ws.addDevices(List.of(new SiteWorkspace.DeviceRequest(ALICE, Optional.empty(), P12Format.MODERN),
                            new SiteWorkspace.DeviceRequest(BOB, Optional.empty(), P12Format.LEGACY)),
                    CA_PASSWORD, n -> Passphrase.of(P12_PASSWORD), SiteWorkspace.Progress.NONE);
            return ws;
        });
    }

    Device device(Site site, DeviceName name) {
        return workspace(site).device(name);
    }
}
