package io.ikev2kit.profiles;

import io.ikev2kit.pki.SiteStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/** What the server needs from the CA store: the CA to trust, its own certificate and key, and the CRL if any. */
public record ServerMaterial(X509Certificate ca, X509Certificate server, PrivateKey serverKey, Optional<X509CRL> crl) {

    public ServerMaterial {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(serverKey, "serverKey");
        Objects.requireNonNull(crl, "crl");
    }

    public static ServerMaterial from(SiteWorkspace workspace) {
        SiteStore store = workspace.store();
        return new ServerMaterial(store.caCertificate(), store.serverCertificate(), store.serverKey(), store.crl());
    }
}
