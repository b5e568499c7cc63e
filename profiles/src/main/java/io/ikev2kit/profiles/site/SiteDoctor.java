package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.CaToken;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.store.CertificateIndex;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Pkcs11Token;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.pki.TokenSigner;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.server.ServerBundleStamp;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks a site for the mistakes that make clients fail, before a user meets them on a device. */
public final class SiteDoctor {
    static final Duration SOON = Duration.ofDays(30);
    static final Duration CA_SOON = Duration.ofDays(180);

    private final SiteWorkspace workspace;
    private final Instant now;

    public SiteDoctor(SiteWorkspace workspace, Instant now) {
        this.workspace = workspace;
        this.now = now;
    }

    public List<Finding> examine(Optional<Path> bundle) {
        return examine(bundle, Optional.empty());
    }

    /** As above; on a token site {@code tokenPin} lets the check reach the CA key in the token. */
    public List<Finding> examine(Optional<Path> bundle, Optional<Passphrase> tokenPin) {
        List<Finding> findings = new ArrayList<>();
        Site site = workspace.site();
        SiteStore store = workspace.store();
        X509Certificate ca = store.caCertificate();
        X509Certificate server = store.serverCertificate();
        checkServerNames(site, server, findings);
        checkServerUsages(server, findings);
        expiry(ca, "the CA certificate", CA_SOON, "every device and the server stop connecting when it ends",
                "start a new site with 'ikev2kit init' before then and re-issue devices", findings);
        expiry(server, "the server certificate", SOON, "every client refuses the server when it ends "
                + "(Windows 13801, iOS 'could not validate the server certificate')",
                "ikev2kit server renew, then ikev2kit server --out DIR and install.sh on the server", findings);
        if (!server.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            findings.add(Finding.error("the server certificate was not issued by this site's CA",
                    "clients only trust this CA, so they all refuse the server", "ikev2kit server renew"));
        }
        site.caToken().ifPresent(token -> checkToken(token, tokenPin, ca, findings));
        CertificateIndex index = store.index();
        checkDevices(index, findings);
        checkPools(site, findings);
        checkDeviceNetworks(site, index, findings);
        checkCrl(store, index, findings);
        checkUnaccounted(store, index, findings);
        bundle.ifPresent(dir -> checkBundle(dir, findings));
        return findings;
    }

    /** The token is reachable and its key is the CA certificate's: it signs a challenge the certificate verifies. */
    private static void checkToken(CaToken token, Optional<Passphrase> pin, X509Certificate ca, List<Finding> findings) {
        if (pin.isEmpty()) {
            findings.add(Finding.warning("the token holding the CA key was not checked",
                    "reaching the key needs the token's PIN", "set IKEV2KIT_CA_PIN or pass --ca-pin-file FILE"));
            return;
        }
        String fix = "plug in the token the site was made with, or correct ca-key and pkcs11-module in site.conf";
        try {
            Optional<TokenSigner> key = Pkcs11Token.open(token, pin.get()).key(KeyType.of(ca.getPublicKey()));
            if (key.isEmpty()) {
                findings.add(Finding.error("token '" + token.uri().token() + "' holds no key '" + token.uri().object() + "'",
                        "nothing can be signed: no device can be added, renewed or revoked", fix));
            } else if (!key.get().matches(ca.getPublicKey())) {
                findings.add(Finding.error("the " + token.describe() + " is not the key of the CA certificate",
                        "what it signs would not verify against the CA devices trust", fix));
            }
        } catch (UserError e) {
            findings.add(Finding.error("the CA key's token cannot be used: " + e.getMessage(),
                    "nothing can be signed: no device can be added, renewed or revoked", fix));
        }
    }

    private void checkServerNames(Site site, X509Certificate server, List<Finding> findings) {
        Set<String> dns = new HashSet<>();
        Set<InetAddress> ips = new HashSet<>();
        try {
            Collection<List<?>> names = server.getSubjectAlternativeNames();
            for (List<?> name : names == null ? List.<List<?>>of() : names) {
                int type = (Integer) name.get(0);
                if (type == 2) {
                    dns.add(((String) name.get(1)).toLowerCase(java.util.Locale.ROOT));
                } else if (type == 7) {
                    ips.add(IpAddresses.parse((String) name.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            findings.add(Finding.error("the server certificate's names cannot be read", "clients cannot match the server",
                    "ikev2kit server renew"));
            return;
        }
        if (site.host().isIpAddress() ? !ips.contains(IpAddresses.parse(site.host().value()))
                : !dns.contains(site.host().value())) {
            findings.add(Finding.error("the server certificate has no " + (site.host().isIpAddress() ? "IP address " : "DNS name ")
                            + site.host(),
                    "Windows fails with 13801 and Apple refuses the server: they match the host they dial against the names",
                    "ikev2kit server renew, then re-install the server bundle"));
        }
        for (InetAddress address : site.addresses()) {
            String text = IpAddresses.format(address);
            // IPv4 also as a DNS-type name for Windows; an IPv6 literal is no valid dNSName (RFC 5280, 4.2.1.6)
            boolean ipv4 = address instanceof java.net.Inet4Address;
            if (!ips.contains(address) || (ipv4 && !dns.contains(text))) {
                findings.add(Finding.error("the server certificate does not name " + text
                                + (ipv4 ? " as both IP and DNS name" : " as an IP address"),
                        "a client dialling " + text + " fails (Windows 13801) because it compares addresses with "
                                + (ipv4 ? "DNS-type names" : "IP names"),
                        "ikev2kit server renew (it uses the addresses in site.conf), then re-install the server bundle"));
            } else if (!ipv4 && dns.contains(text)) {
                findings.add(Finding.warning("the server certificate names " + text + " as a DNS name",
                        "an IPv6 literal is no valid DNS name (RFC 5280), and a strict client may refuse the certificate",
                        "ikev2kit server renew, then re-install the server bundle"));
            }
        }
    }

    private void expiry(X509Certificate certificate, String what, Duration warnAhead, String consequence, String fix,
                        List<Finding> findings) {
        Instant end = certificate.getNotAfter().toInstant();
        if (end.isBefore(now)) {
            findings.add(Finding.error(what + " expired on " + day(end), consequence, fix));
        } else if (end.isBefore(now.plus(warnAhead))) {
            findings.add(Finding.warning(what + " ends on " + day(end), consequence, fix));
        }
    }

    private static void checkServerUsages(X509Certificate server, List<Finding> findings) {
        List<String> usages;
        try {
            usages = Optional.ofNullable(server.getExtendedKeyUsage()).orElse(List.of());
        } catch (CertificateParsingException e) {
            usages = List.of();
        }
        if (!usages.contains("1.3.6.1.5.5.7.3.1")) {
            findings.add(Finding.error("the server certificate lacks the serverAuth usage",
                    "macOS and iOS refuse a server certificate without it", "ikev2kit server renew"));
        }
        if (!usages.contains(CertificateAuthority.IKE_INTERMEDIATE.getId())) {
            findings.add(Finding.warning("the server certificate lacks the ikeIntermediate usage",
                    "older macOS and Windows releases look for it", "ikev2kit server renew"));
        }
    }

    /** Each device's current certificate, from one read of the index (it was re-read once per device). */
    private void checkDevices(CertificateIndex index, List<Finding> findings) {
        for (IndexEntry entry : index.currentDevices()) {
            if (entry.notAfter().isBefore(now)) {
                findings.add(Finding.warning("device " + entry.name() + "'s certificate expired on " + day(entry.notAfter()),
                        "the device can no longer connect", "ikev2kit device renew " + entry.name()
                                + ", then export and install its profile again"));
            } else if (entry.notAfter().isBefore(now.plus(SOON))) {
                findings.add(Finding.warning("device " + entry.name() + "'s certificate ends on " + day(entry.notAfter()),
                        "the device stops connecting then", "ikev2kit device renew " + entry.name()
                                + ", then export and install its profile again"));
            }
        }
    }

    private static void checkPools(Site site, List<Finding> findings) {
        if (site.dns().isEmpty()) {
            findings.add(Finding.warning("no DNS server is pushed to clients",
                    "with a full tunnel, iOS and Windows keep their local resolver, which is often unreachable "
                            + "through the tunnel: names stop resolving while connected",
                    "add 'dns = 1.1.1.1' (or your resolver) to site.conf, then re-export the server bundle"));
        }
        for (Cidr pool : site.pools()) {
            for (InetAddress address : site.addresses()) {
                if (pool.overlaps(Cidr.host(address))) {
                    findings.add(Finding.error("pool " + pool + " contains the server's address " + IpAddresses.format(address),
                            "clients would be handed the server's own address and lose the tunnel",
                            "choose a private pool, e.g. pools = 10.10.10.0/24, in site.conf"));
                }
            }
            for (Cidr route : site.routes()) {
                if (route.isIpv4() == pool.isIpv4() && route.prefix() >= pool.prefix() && route.overlaps(pool)) {
                    findings.add(Finding.warning("route " + route + " lies inside the client pool " + pool,
                            "traffic to it would loop back to clients", "remove the route or change the pool in site.conf"));
                }
            }
        }
    }

    /** device-networks.tsv as a hand edit may leave it: each problem one finding. */
    private void checkDeviceNetworks(Site site, CertificateIndex index, List<Finding> findings) {
        DeviceNetworks networks;
        try {
            networks = workspace.deviceNetworks();
        } catch (UserError e) {
            findings.add(Finding.error(e.getMessage(), "no device's fixed address or allowed networks can be read, so "
                    + "no server bundle can be made", "correct the line, or set the device again with 'ikev2kit device set'"));
            return;
        }
        Set<String> current = new HashSet<>();
        index.currentDevices().forEach(entry -> current.add(entry.name()));
        for (String problem : networks.problems(site, current)) {
            findings.add(Finding.error(problem, "the server would hand a device an address it must not have, or keep "
                    + "an address for no device", "ikev2kit device set NAME --fixed (or --no-address), or remove the "
                    + "device's line from " + DeviceNetworks.NAME));
        }
    }

    private void checkCrl(SiteStore store, CertificateIndex index, List<Finding> findings) {
        Optional<X509CRL> crl = store.crl();
        boolean anyRevoked = !index.revoked().isEmpty();
        if (crl.isEmpty()) {
            if (anyRevoked) {
                findings.add(Finding.error("devices are revoked but there is no CRL",
                        "the server still lets revoked devices in", "ikev2kit crl, then install.sh --crl-only on the server"));
            }
            return;
        }
        Instant next = crl.get().getNextUpdate().toInstant();
        if (next.isBefore(now)) {
            findings.add(Finding.error("the CRL expired on " + day(next),
                    "strongSwan treats a stale CRL as unreliable", "ikev2kit crl, then install.sh --crl-only on the server"));
        } else if (next.isBefore(now.plus(Duration.ofDays(14)))) {
            findings.add(Finding.warning("the CRL expires on " + day(next), "a stale CRL is treated as unreliable",
                    "ikev2kit crl, then install.sh --crl-only on the server"));
        }
    }

    /** Certificates and p12s the index does not name: valid, yet invisible to device list and revoke. */
    private static void checkUnaccounted(SiteStore store, CertificateIndex index, List<Finding> findings) {
        List<String> unaccounted = IssuanceRecovery.unaccounted(store, index);
        if (unaccounted.isEmpty()) {
            return;
        }
        String shown = String.join(", ", unaccounted.subList(0, Math.min(5, unaccounted.size())))
                + (unaccounted.size() > 5 ? " and " + (unaccounted.size() - 5) + " more" : "");
        findings.add(Finding.error(unaccounted.size() + " certificate or p12 file(s) or journal serial(s) that the index does not name: " + shown,
                "a certificate the site does not list cannot be revoked, and whoever holds it can connect until it expires",
                "ikev2kit crl revokes those signed by an interrupted run (then install.sh --crl-only on the server); "
                        + "any other file was not made by this site's commands: compare with a backup"));
    }

    private void checkBundle(Path bundle, List<Finding> findings) {
        Path stamp = bundle.resolve(ServerBundleStamp.FILE);
        if (!Files.exists(stamp)) {
            findings.add(Finding.warning("no server bundle in " + bundle, "the server may run an outdated configuration",
                    "ikev2kit server --out " + bundle));
            return;
        }
        if (!ServerBundleStamp.of(workspace).equals(ServerBundleStamp.read(stamp))) {
            findings.add(Finding.warning("the server bundle in " + bundle + " is older than the site",
                    "the server does not know the site's current settings, certificate or CRL",
                    "ikev2kit server --out " + bundle + ", then run install.sh on the server"));
        }
    }

    private static String day(Instant instant) {
        return instant.toString().substring(0, 10);
    }
}
