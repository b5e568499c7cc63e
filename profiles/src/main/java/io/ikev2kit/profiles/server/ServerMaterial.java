package io.ikev2kit.profiles.server;

import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.SerialHex;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.profiles.site.DeviceNetwork;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server needs from the CA store: the CA to trust, its own certificate and key, the CRL if any, the
 * revoked, unexpired device certificates (serial and IKE identity), whose live sessions install.sh ends, the
 * devices with a fixed address or a restriction, and each device's valid certificate (its platform says which identity
 * form the device sends; a site with a restricted device lists every device, see {@link DeviceConnections}).
 */
public record ServerMaterial(X509Certificate ca, X509Certificate server, PrivateKey serverKey, Optional<X509CRL> crl,
                             List<RevokedDevice> revokedDevices, List<DeviceNetwork> networks,
                             List<IndexEntry> currentDevices) {

    /** A revoked device certificate: its serial as the store writes it, and the identity its sessions carry. */
    public record RevokedDevice(String serial, String identity) {
        public RevokedDevice {
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(identity, "identity");
        }
    }

    public ServerMaterial {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(serverKey, "serverKey");
        Objects.requireNonNull(crl, "crl");
        revokedDevices = List.copyOf(revokedDevices);
        networks = List.copyOf(networks);
        currentDevices = List.copyOf(currentDevices);
    }

    public ServerMaterial(X509Certificate ca, X509Certificate server, PrivateKey serverKey, Optional<X509CRL> crl) {
        this(ca, server, serverKey, crl, List.of(), List.of(), List.of());
    }

    public static ServerMaterial from(SiteWorkspace workspace) {
        SiteStore store = workspace.store();
        Instant now = Instant.now();
        List<RevokedDevice> revoked = store.index().revoked().stream()
                .filter(e -> e.kind() == IndexEntry.Kind.DEVICE && e.notAfter().isAfter(now))
                .map(e -> new RevokedDevice(SerialHex.format(e.serial()),
                        new DeviceIdentity(new DeviceName(e.name()), workspace.site().host()).value()))
                .sorted(java.util.Comparator.comparing(RevokedDevice::serial)).toList();
        List<IndexEntry> current = store.index().currentDevices().stream().filter(e -> e.notAfter().isAfter(now)).toList();
        // a line of a device without a valid certificate gives nothing: that device cannot connect
        java.util.Set<String> valid = new java.util.HashSet<>();
        current.forEach(entry -> valid.add(entry.name()));
        List<DeviceNetwork> networks = workspace.deviceNetworks().all().stream()
                .filter(network -> valid.contains(network.name().value())).toList();
        return new ServerMaterial(store.caCertificate(), store.serverCertificate(), store.serverKey(), store.crl(), revoked,
                networks, current);
    }
}
