package io.ikev2kit.pki.store;

import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.P12Files;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.SerialHex;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One issued certificate as the store's index records it. {@code p12} lists a device's p12 forms, the standalone
 * one first (see {@link P12Files}); it is empty for the server and the profile signer, whose platform is ANY.
 */
public record IndexEntry(BigInteger serial, Kind kind, String name, Instant notAfter, Status status,
                         Optional<Instant> revokedAt, Optional<CertificateAuthority.Reason> reason, List<P12Format> p12,
                         Platform platform) {

    public enum Kind { SERVER, DEVICE, SIGNER }

    public enum Status { VALID, REVOKED }

    public IndexEntry {
        if (status == Status.REVOKED && (revokedAt.isEmpty() || reason.isEmpty())) {
            throw new IllegalArgumentException("a revoked entry needs a time and a reason");
        }
        p12 = List.copyOf(p12);
    }

    /** The server's or the profile signer's certificate. */
    public static IndexEntry issued(java.security.cert.X509Certificate certificate, Kind kind, String name) {
        return new IndexEntry(certificate.getSerialNumber(), kind, name, certificate.getNotAfter().toInstant(),
                Status.VALID, Optional.empty(), Optional.empty(), List.of(), Platform.ANY);
    }

    public static IndexEntry issuedDevice(java.security.cert.X509Certificate certificate, String name, List<P12Format> p12,
                                          Platform platform) {
        return new IndexEntry(certificate.getSerialNumber(), Kind.DEVICE, name, certificate.getNotAfter().toInstant(),
                Status.VALID, Optional.empty(), Optional.empty(), p12, platform);
    }

    public IndexEntry revoke(Instant when, CertificateAuthority.Reason why) {
        return new IndexEntry(serial, kind, name, notAfter, Status.REVOKED, Optional.of(when), Optional.of(why), p12, platform);
    }

    public boolean isRevoked() {
        return status == Status.REVOKED;
    }

    public String serialHex() {
        return SerialHex.format(serial);
    }
}
