package io.ikev2kit.profiles;

import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.IndexEntry;
import io.ikev2kit.pki.SiteStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server needs from the CA store: the CA to trust, its own certificate and key, the CRL if any, and
 * the IKE identities of devices with a revoked, unexpired certificate, whose live sessions install.sh ends.
 */
public record ServerMaterial(X509Certificate ca, X509Certificate server, PrivateKey serverKey, Optional<X509CRL> crl,
                             List<String> revokedIdentities) {

    public ServerMaterial {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(serverKey, "serverKey");
        Objects.requireNonNull(crl, "crl");
        revokedIdentities = List.copyOf(revokedIdentities);
    }

    public ServerMaterial(X509Certificate ca, X509Certificate server, PrivateKey serverKey, Optional<X509CRL> crl) {
        this(ca, server, serverKey, crl, List.of());
    }

    public static ServerMaterial from(SiteWorkspace workspace) {
        SiteStore store = workspace.store();
        Instant now = Instant.now();
        List<String> revoked = store.index().revoked().stream()
                .filter(e -> e.kind() == IndexEntry.Kind.DEVICE && e.notAfter().isAfter(now))
                .map(e -> new DeviceIdentity(new DeviceName(e.name()), workspace.site().host()).value())
                .distinct().sorted().toList();
        return new ServerMaterial(store.caCertificate(), store.serverCertificate(), store.serverKey(), store.crl(), revoked);
    }
}
