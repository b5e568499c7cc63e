package io.ikev2kit.profiles.inspect;

import io.ikev2kit.pki.Certificates;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.site.Lifecycle;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains an artifact in plain words: certificates, CRLs, p12 files, Apple profiles and Android profiles.
 * Each kind has its own reader; this class only tells them apart.
 */
public final class Inspector {
    private static final Map<String, String> EKU_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth", "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.8.2.2", "ikeIntermediate", "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.3", "codeSigning");

    private final Optional<X509Certificate> siteCa;

    public Inspector(Optional<X509Certificate> siteCa) {
        this.siteCa = siteCa;
    }

    /**
     * The explanation, one line per fact. The file is untrusted: whatever its content, the answer is the
     * explanation or one {@link UserError}; the caller prints each line through {@link io.ikev2kit.pki.Visible}.
     */
    public List<String> explain(String fileName, byte[] content) {
        try {
            return explainUnchecked(fileName, content);
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserError(io.ikev2kit.pki.Visible.quote(fileName) + " is damaged or not what its name says ("
                    + io.ikev2kit.pki.Visible.quote(String.valueOf(e.getMessage())) + "): check that it is the file ikev2kit wrote");
        }
    }

    private List<String> explainUnchecked(String fileName, byte[] content) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (lower.endsWith(".mobileconfig")) {
            return AppleProfileReader.explain(content);
        }
        if (lower.endsWith(".sswan")) {
            return AndroidProfileReader.explain(content);
        }
        if (lower.endsWith(".p12") || lower.endsWith(".pfx")) {
            return P12Reader.explain(content);
        }
        if (text.contains("BEGIN X509 CRL") || lower.endsWith(".crl")) {
            return crl(content);
        }
        if (text.contains("BEGIN CERTIFICATE") || lower.endsWith(".pem") || lower.endsWith(".crt") || lower.endsWith(".der")) {
            return certificate(content);
        }
        throw new UserError(fileName + " is not a kind of file ikev2kit explains: give a certificate (.pem/.crt), "
                + "a CRL, a .p12, a .mobileconfig or a .sswan");
    }

    List<String> certificate(byte[] content) {
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(content));
        } catch (Exception e) {
            throw new UserError("not a readable certificate: check that the file is PEM or DER");
        }
        List<String> lines = new ArrayList<>();
        lines.add("certificate");
        lines.add("  subject:      " + cert.getSubjectX500Principal().getName());
        lines.add("  issuer:       " + cert.getIssuerX500Principal().getName());
        lines.add("  serial:       " + Certificates.serialHex(cert));
        lines.add("  valid:        " + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant()
                + (cert.getNotAfter().toInstant().isBefore(java.time.Instant.now()) ? "  (EXPIRED)" : ""));
        lines.add("  key:          " + describeKey(cert));
        lines.add("  CA:           " + (cert.getBasicConstraints() >= 0 ? "yes" : "no"));
        lines.add("  names:        " + String.join(", ", subjectAltNames(cert)));
        lines.add("  usages:       " + String.join(", ", extendedKeyUsages(cert)));
        siteCa.ifPresent(ca -> lines.add("  site CA:      " + (issuedBy(cert, ca) ? "issued by this site's CA"
                : "NOT issued by this site's CA (" + Certificates.commonName(ca) + ")")));
        lines.add("  sha256:       " + Certificates.sha256Fingerprint(cert));
        return lines;
    }

    List<String> crl(byte[] content) {
        X509CRL crl;
        try {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(content));
        } catch (Exception e) {
            throw new UserError("not a readable CRL: check that the file is PEM or DER");
        }
        List<String> lines = new ArrayList<>();
        lines.add("certificate revocation list");
        lines.add("  issuer:       " + crl.getIssuerX500Principal().getName());
        lines.add("  number:       " + Lifecycle.crlNumber(crl));
        lines.add("  this update:  " + crl.getThisUpdate().toInstant());
        lines.add("  next update:  " + crl.getNextUpdate().toInstant()
                + (crl.getNextUpdate().toInstant().isBefore(java.time.Instant.now()) ? "  (STALE: sign a new one with 'ikev2kit crl')" : ""));
        var revoked = crl.getRevokedCertificates();
        lines.add("  revoked:      " + (revoked == null ? 0 : revoked.size()));
        if (revoked != null) {
            for (X509CRLEntry entry : revoked) {
                lines.add("    " + io.ikev2kit.pki.SerialHex.format(entry.getSerialNumber()) + "  "
                        + entry.getRevocationDate().toInstant() + "  "
                        + Optional.ofNullable(entry.getRevocationReason()).map(Enum::name).orElse("UNSPECIFIED"));
            }
        }
        siteCa.ifPresent(ca -> {
            try {
                crl.verify(ca.getPublicKey());
                lines.add("  site CA:      signed by this site's CA");
            } catch (Exception e) {
                lines.add("  site CA:      NOT signed by this site's CA");
            }
        });
        return lines;
    }

    static String describeKey(X509Certificate cert) {
        try {
            return switch (KeyType.of(cert.getPublicKey())) {
                case ECDSA_P256 -> "ECDSA P-256 (Apple CertificateType ECDSA256)";
                case ECDSA_P384 -> "ECDSA P-384 (Apple CertificateType ECDSA384)";
                case RSA_3072, RSA_4096 -> "RSA " + ((java.security.interfaces.RSAPublicKey) cert.getPublicKey())
                        .getModulus().bitLength() + " (Apple CertificateType RSA)";
            };
        } catch (IllegalArgumentException e) {
            return cert.getPublicKey().getAlgorithm();
        }
    }

    static List<String> subjectAltNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = cert.getSubjectAlternativeNames();
            for (List<?> name : all == null ? List.<List<?>>of() : all) {
                String kind = switch ((Integer) name.get(0)) {
                    case 1 -> "email";
                    case 2 -> "DNS";
                    case 7 -> "IP";
                    default -> "other";
                };
                names.add(kind + ":" + name.get(1));
            }
        } catch (Exception e) {
            names.add("(unreadable)");
        }
        return names.isEmpty() ? List.of("(none)") : names;
    }

    static List<String> extendedKeyUsages(X509Certificate cert) {
        try {
            List<String> oids = cert.getExtendedKeyUsage();
            return oids == null ? List.of("(any)") : oids.stream().map(o -> EKU_NAMES.getOrDefault(o, o)).toList();
        } catch (Exception e) {
            return List.of("(unreadable)");
        }
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate ca) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
