package io.ikev2kit.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.store.CertificateIndex;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.store.SiteStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/** What "the store is consistent" means, checked with the JDK's own parsers. */
final class StoreCheck {
    private StoreCheck() {
    }

    /**
     * The index parses; every indexed certificate exists, parses, carries its serial and verifies against the CA;
     * every valid device's p12 (and a revoked one's, if kept) opens with its password and holds that certificate. Returns the device entries.
     */
    static List<IndexEntry> assertConsistent(Path site, char[] p12Password) throws Exception {
        SiteStore store = new SiteStore(site);
        CertificateIndex index = store.index();
        X509Certificate ca = store.caCertificate();
        for (IndexEntry entry : index.entries()) {
            assertTrue(Files.isRegularFile(store.issuedFile(entry.serial())), "indexed certificate file for " + entry.name());
            X509Certificate certificate = store.issuedCertificate(entry.serial());
            assertEquals(entry.serial(), certificate.getSerialNumber());
            certificate.verify(ca.getPublicKey());
            // a certificate revoked by recovery may have died before its p12 was written: it is never exported
            if (entry.kind() == IndexEntry.Kind.DEVICE && (!entry.isRevoked() || Files.exists(store.p12File(entry.serial())))) {
                KeyStore p12 = KeyStore.getInstance("PKCS12");
                p12.load(new ByteArrayInputStream(Files.readAllBytes(store.p12File(entry.serial()))), p12Password);
                String alias = p12.aliases().nextElement();
                assertEquals(certificate, p12.getCertificate(alias), "the p12 of " + entry.name() + " holds its certificate");
            }
        }
        return index.devices();
    }
}
