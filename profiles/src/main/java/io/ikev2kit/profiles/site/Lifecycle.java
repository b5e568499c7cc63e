package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.CertificateAuthority.Reason;
import io.ikev2kit.pki.CertificateAuthority.Revocation;
import io.ikev2kit.pki.store.CertificateIndex;
import io.ikev2kit.pki.DeviceIssuer;
import io.ikev2kit.pki.DeviceIssuer.IssuedDevice;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.ServerIdentity;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.apple.ProfileSigner;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What happens to certificates after issuance: revocation with a fresh CRL, renewal of a device or of the
 * server. Each operation holds the store's lock and writes the index last.
 */
public final class Lifecycle {
    /** How long a CRL stays current; 'ikev2kit crl' or any revocation signs a new one. */
    public static final Duration CRL_VALIDITY = Duration.ofDays(90);

    private final SiteWorkspace workspace;
    private final SiteStore store;

    public Lifecycle(SiteWorkspace workspace) {
        this.workspace = workspace;
        this.store = workspace.store();
    }

    /** Revokes the device's current certificate (and any older ones still valid) and signs a new CRL. */
    public IndexEntry revoke(DeviceName name, Reason reason, Passphrase caPassphrase) {
        return revoke(List.of(name), reason, caPassphrase).get(0);
    }

    /**
     * Revokes each device's certificates that are still valid, in one pass over the index, and signs one new CRL
     * for all of them. Returns each device's current entry, revoked, in the order of {@code names}. Every name
     * is checked before anything changes.
     */
    public List<IndexEntry> revoke(List<DeviceName> names, Reason reason, Passphrase caPassphrase) {
        try (SiteStore.Lock lock = store.lock()) {
            CertificateIndex index = store.index();
            Map<String, IndexEntry> current = new HashMap<>();
            for (IndexEntry entry : index.currentDevices()) {
                current.put(entry.name(), entry);
            }
            Set<String> wanted = new HashSet<>();
            for (DeviceName name : names) {
                if (!current.containsKey(name.value())) {
                    throw new UserError("no valid certificate for device '" + name
                            + "': see 'ikev2kit device list' (it may already be revoked); nothing was revoked");
                }
                wanted.add(name.value());
            }
            CertificateAuthority ca = store.unlock(caPassphrase);
            index = IssuanceRecovery.settle(store, ca, index);
            Instant now = Instant.now();
            Map<BigInteger, IndexEntry> revoked = new LinkedHashMap<>();
            for (IndexEntry entry : index.devices()) {
                if (wanted.contains(entry.name()) && !entry.isRevoked()) {
                    revoked.put(entry.serial(), entry.revoke(now, reason));
                }
            }
            index = index.withAll(List.copyOf(revoked.values()));
            writeCrl(store, ca, index, now);
            store.appendIndex(List.copyOf(revoked.values()));
            freeNetworks(names);
            Set<IndexEntry> result = new LinkedHashSet<>(); // a name given twice is reported once
            for (DeviceName name : names) {
                result.add(revoked.get(current.get(name.value()).serial()));
            }
            return List.copyOf(result);
        }
    }

    /**
     * A revoked device's fixed address goes back to the site and its allowed networks are forgotten, so a device
     * added later under the same name starts unrestricted; renewal keeps both, since the name stays.
     */
    private void freeNetworks(List<DeviceName> names) {
        DeviceNetworks networks = workspace.deviceNetworks();
        if (names.stream().anyMatch(name -> !networks.of(name).isDefault())) {
            networks.without(names).write(workspace.dir());
        }
    }

    /**
     * A new key, certificate and both p12 forms for the same identity. The old certificate stays valid until it
     * expires. The device keeps its platform and standalone p12 form unless {@code platform} or {@code standalone}
     * change them; a device issued with one p12 form gets both.
     */
    public IssuedDevice renewDevice(DeviceName name, Optional<Integer> days, Passphrase caPassphrase, Passphrase p12Password) {
        return renewDevice(name, days, Optional.empty(), Optional.empty(), caPassphrase, p12Password);
    }

    public IssuedDevice renewDevice(DeviceName name, Optional<Integer> days, Optional<Platform> platform,
                                    Optional<P12Format> standalone, Passphrase caPassphrase, Passphrase p12Password) {
        days.ifPresent(d -> Site.checkLifetime(d, "device"));
        try (SiteStore.Lock lock = store.lock()) {
            CertificateIndex index = store.index();
            IndexEntry current = index.current(name).orElseThrow(() -> new UserError("no valid certificate for device '"
                    + name + "' to renew: add it again with 'ikev2kit device add " + name + "'"));
            CertificateAuthority ca = store.unlock(caPassphrase);
            index = IssuanceRecovery.settle(store, ca, index);
            Site site = workspace.site();
            Platform newPlatform = platform.orElse(current.platform());
            P12Format form = standalone.orElse(platform.isPresent() || current.p12().isEmpty()
                    ? newPlatform.standaloneP12() : current.p12().get(0));
            KeyPair key = site.keyType().generate();
            return IssuanceRecovery.journaled(store, serials -> {
                IssuedDevice device = new DeviceIssuer(ca, site.host(), site.keyType()).issue(name,
                        days.orElse(site.deviceDays()), form, p12Password, key, serials.reserve(1).get(0));
                store.writeDeviceFiles(device.certificate(), device.p12());
                store.appendIndex(List.of(IndexEntry.issuedDevice(device.certificate(), name.value(),
                        device.p12().forms(), newPlatform)));
                return device;
            });
        }
    }

    /** Signs a fresh CRL listing every revoked certificate. */
    public X509CRL signCrl(Passphrase caPassphrase) {
        try (SiteStore.Lock lock = store.lock()) {
            CertificateAuthority ca = store.unlock(caPassphrase);
            return writeCrl(store, ca, IssuanceRecovery.settle(store, ca, store.index()), Instant.now());
        }
    }

    /** A new server key and certificate for the site's current host and addresses. */
    public X509Certificate renewServer(Passphrase caPassphrase) {
        try (SiteStore.Lock lock = store.lock()) {
            CertificateAuthority ca = store.unlock(caPassphrase);
            IssuanceRecovery.settle(store, ca);
            Site site = workspace.site();
            KeyPair key = site.keyType().generate();
            return IssuanceRecovery.journaled(store, serials -> {
                X509Certificate server = ca.issueServer(CaSubject.of(ca.certificate()), new ServerIdentity(site.host(),
                        site.addresses()), key.getPublic(), site.serverDays(), serials.reserve(1).get(0));
                store.replaceServer(server, key.getPrivate());
                store.appendIndex(List.of(IndexEntry.issued(server, IndexEntry.Kind.SERVER, site.host().value())));
                return server;
            });
        }
    }

    /**
     * The site's profile signer: issued by the CA on first use and kept in the store, so every signed profile
     * shows the same signer. Needs the CA passphrase only the first time.
     */
    public ProfileSigner profileSigner(Supplier<Passphrase> caPassphrase) {
        try (SiteStore.Lock lock = store.lock()) {
            var stored = store.signer();
            if (stored.isPresent()) {
                return new ProfileSigner(List.of(stored.get().getKey(), store.caCertificate()), stored.get().getValue());
            }
            CertificateAuthority ca = store.unlock(caPassphrase.get());
            IssuanceRecovery.settle(store, ca);
            var completed = store.signer(); // an interrupted run's signer, completed by the settling
            if (completed.isPresent()) {
                return new ProfileSigner(List.of(completed.get().getKey(), ca.certificate()), completed.get().getValue());
            }
            Site site = workspace.site();
            KeyPair key = site.keyType().generate();
            X509Certificate signer = IssuanceRecovery.journaled(store, serials -> {
                X509Certificate signed = ca.issueProfileSigner(CaSubject.of(ca.certificate()), site.displayName()
                        + " Profile Signing", key.getPublic(), site.serverDays(), serials.reserve(1).get(0));
                store.writeSigner(signed, key.getPrivate());
                store.appendIndex(List.of(IndexEntry.issued(signed, IndexEntry.Kind.SIGNER,
                        site.displayName() + " Profile Signing")));
                return signed;
            });
            return new ProfileSigner(List.of(signer, ca.certificate()), key.getPrivate());
        }
    }

    /** Signs and writes a CRL listing every certificate the index has revoked. */
    static X509CRL writeCrl(SiteStore store, CertificateAuthority ca, CertificateIndex index, Instant now) {
        BigInteger number = store.crl().map(Lifecycle::crlNumber).orElse(BigInteger.ZERO).add(BigInteger.ONE);
        X509CRL crl = ca.signCrl(index.revoked().stream()
                        .map(e -> new Revocation(e.serial(), e.revokedAt().orElseThrow(), e.reason().orElseThrow()))
                        .toList(),
                number, now, now.plus(CRL_VALIDITY));
        store.writeCrl(crl);
        return crl;
    }

    public static BigInteger crlNumber(X509CRL crl) {
        byte[] extension = crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.cRLNumber.getId());
        if (extension == null) {
            return BigInteger.ZERO;
        }
        return org.bouncycastle.asn1.ASN1Integer.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets()).getValue();
    }
}
