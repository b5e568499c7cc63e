package io.ikev2kit.profiles;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Issued sites for the client builders' tests: both suites, ECDSA and RSA keys, full and split tunnel, with and
 * without an IPv6 pool, and a display name that needs quoting in every output format.
 */
public record ClientSites(String label, Path dir, Site site, Device device) {
    public static final String P12_PASSWORD = "p12-secret-Ünïcode";
    public static final String CA_PASSWORD = "ca-secret-do-not-leak";
    public static final String AWKWARD_NAME = "O'Brien’s \"VPN\" $env:USERNAME `n \\ ‘x’";

    public enum Shape {
        /** MODERN suite, ECDSA P-256, full tunnel, IPv4 and IPv6 pools. */
        ECDSA_MODERN_FULL_DUAL_STACK("Example VPN", KeyType.ECDSA_P256, CryptoSuite.MODERN, List.of()),
        /** COMPATIBLE suite, RSA, split tunnel to an IPv4 and an IPv6 network. */
        RSA_COMPATIBLE_SPLIT("Office", KeyType.RSA_3072, CryptoSuite.COMPATIBLE, List.of("10.20.0.0/16", "fd00:20::/48")),
        /** COMPATIBLE suite, ECDSA P-384, full tunnel without IPv6 pool, awkward name. */
        ECDSA_COMPATIBLE_FULL_IPV4(AWKWARD_NAME, KeyType.ECDSA_P384, CryptoSuite.COMPATIBLE, List.of()),
        /** MODERN suite, RSA, split tunnel to one IPv4 network. */
        RSA_MODERN_SPLIT("Lab", KeyType.RSA_3072, CryptoSuite.MODERN, List.of("192.168.50.0/24"));

        final String displayName;
        final KeyType keyType;
        final CryptoSuite suite;
        final List<String> routes;

        Shape(String displayName, KeyType keyType, CryptoSuite suite, List<String> routes) {
            this.displayName = displayName;
            this.keyType = keyType;
            this.suite = suite;
            this.routes = routes;
        }
    }

    public static ClientSites create(Path dir, Shape shape) {
        boolean dualStack = shape != Shape.ECDSA_COMPATIBLE_FULL_IPV4;
        List<Cidr> pools = dualStack ? List.of(Cidr.parse("10.10.10.0/24"), Cidr.parse("fd00:10:10::/112"))
                : List.of(Cidr.parse("10.10.10.0/24"));
        Site site = new Site(new HostName("vpn.example.com"),
                List.of(IpAddresses.parse("203.0.113.10"), IpAddresses.parse("2001:db8::10")),
                shape.displayName, pools, List.of(IpAddresses.parse("1.1.1.1")),
                shape.routes.stream().map(Cidr::parse).toList(), shape.suite, shape.keyType, 730, 730, false,
                Optional.empty(), false);
        SiteWorkspace ws = SiteWorkspace.init(dir, site, new CaSubject("Example VPN Root CA", "Example", "DE"), 3650,
                Passphrase.of(CA_PASSWORD));
        ws.addDevices(List.of(new SiteWorkspace.DeviceRequest(new DeviceName("alice"), Optional.empty(), P12Format.MODERN),
                        new SiteWorkspace.DeviceRequest(new DeviceName("bob-laptop"), Optional.empty(), P12Format.LEGACY)),
                Passphrase.of(CA_PASSWORD), n -> Passphrase.of(P12_PASSWORD), SiteWorkspace.Progress.NONE);
        return new ClientSites(shape.name(), dir, site, ws.device(new DeviceName("alice")));
    }

    /** A second device of the same site (legacy p12), for per-device differences. */
    public Device other() {
        return SiteWorkspace.open(dir).device(new DeviceName("bob-laptop"));
    }

    @Override
    public String toString() {
        return label;
    }
}
