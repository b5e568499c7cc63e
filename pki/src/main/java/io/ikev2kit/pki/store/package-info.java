/**
 * The files of a site's pki/: {@code SiteStore} (the CA's certificate and key, issued certificates, p12s,
 * the CRL, the lock and the serial journal), the append-only {@code CertificateIndex} of everything the CA
 * signed, and {@code AtomicFiles}, through which every file of a site is written whole and owner-only.
 */
package io.ikev2kit.pki.store;
