package io.ikev2kit.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/** One issued certificate as the store's index records it. */
public record IndexEntry(BigInteger serial, Kind kind, String name, Instant notAfter, Status status,
                         Optional<Instant> revokedAt, Optional<CertificateAuthority.Reason> reason, Optional<P12Format> p12) {

    public enum Kind { SERVER, DEVICE, SIGNER }

    public enum Status { VALID, REVOKED }

    public IndexEntry {
        if (status == Status.REVOKED && (revokedAt.isEmpty() || reason.isEmpty())) {
            throw new IllegalArgumentException("a revoked entry needs a time and a reason");
        }
    }

    public static IndexEntry issued(java.security.cert.X509Certificate certificate, Kind kind, String name,
                                    Optional<P12Format> p12) {
        return new IndexEntry(certificate.getSerialNumber(), kind, name, certificate.getNotAfter().toInstant(),
                Status.VALID, Optional.empty(), Optional.empty(), p12);
    }

    public IndexEntry revoke(Instant when, CertificateAuthority.Reason why) {
        return new IndexEntry(serial, kind, name, notAfter, Status.REVOKED, Optional.of(when), Optional.of(why), p12);
    }

    public boolean isRevoked() {
        return status == Status.REVOKED;
    }

    public String serialHex() {
        return SerialHex.format(serial);
    }
}
