package io.ikev2kit.pki;

import io.ikev2kit.pki.encoders.DeviceCertificateTemplate;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/** The site's root CA: it signs the server certificate, every device certificate and the CRL. */
public final class CertificateAuthority {
    /** The IKE intermediate EKU (RFC 4945 / 1.3.6.1.5.5.8.2.2) that macOS and older Windows look for. */
    public static final ASN1ObjectIdentifier IKE_INTERMEDIATE = new ASN1ObjectIdentifier("1.3.6.1.5.5.8.2.2");
    /** Backdating absorbs clock skew between the admin's machine and the devices. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final CaSigner signer;
    private final KeyType keyType;
    private final X500Name name;
    /** Computed once: the extension utilities' digest is not thread-safe, and devices are issued in parallel. */
    private final AuthorityKeyIdentifier authorityKeyId;

    public CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this(certificate, new KeySigner(KeyType.of(certificate.getPublicKey()), key));
    }

    public CertificateAuthority(X509Certificate certificate, CaSigner signer) {
        this.certificate = certificate;
        this.signer = signer;
        this.keyType = KeyType.of(certificate.getPublicKey());
        this.name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        try {
            this.authorityKeyId = extensionUtils().createAuthorityKeyIdentifier(certificate);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot read the CA certificate", e);
        }
    }

    public static CertificateAuthority create(CaSubject subject, KeyType keyType, int days) {
        KeyPair pair = keyType.generate();
        return create(subject, days, pair.getPublic(), new KeySigner(keyType, pair.getPrivate()));
    }

    /** A self-signed CA for a key held elsewhere: {@code signer} signs with the private half of {@code publicKey}. */
    public static CertificateAuthority create(CaSubject subject, int days, PublicKey publicKey, CaSigner signer) {
        X500Name name = subject.caName();
        JcaX509ExtensionUtils utils = extensionUtils();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, randomSerial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(days, ChronoUnit.DAYS)), name, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(publicKey));
            X509Certificate cert = convert(builder.build(signer.contentSigner()));
            return new CertificateAuthority(cert, signer);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the CA certificate", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The key in memory or the token that signs for this CA. */
    public CaSigner signer() {
        return signer;
    }

    public KeyType keyType() {
        return keyType;
    }

    public String commonName() {
        return Certificates.commonName(certificate);
    }

    public X509Certificate issueServer(CaSubject subject, ServerIdentity identity, PublicKey publicKey, int days) {
        return issueServer(subject, identity, publicKey, days, randomSerial());
    }

    /** As above, with a serial chosen (and recorded) beforehand: see {@code store.SiteStore.reserveSerials}. */
    public X509Certificate issueServer(CaSubject subject, ServerIdentity identity, PublicKey publicKey, int days,
                                       BigInteger serial) {
        int usage = KeyUsage.digitalSignature | (KeyType.of(publicKey).isRsa() ? KeyUsage.keyEncipherment : 0);
        try {
            X509v3CertificateBuilder builder = builder(subject.name(identity.host().value()), publicKey, days, serial)
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.getInstance(IKE_INTERMEDIATE)}))
                    .addExtension(Extension.subjectAlternativeName, false, identity.subjectAltNames());
            return sign(builder);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the server certificate", e);
        }
    }

    public X509Certificate issueDevice(CaSubject subject, DeviceIdentity identity, PublicKey publicKey, int days) {
        return issueDevice(deviceTemplate(subject), identity, publicKey, days);
    }

    /** What every device certificate under this CA and subject shares, encoded once for a batch. */
    public DeviceCertificateTemplate deviceTemplate(CaSubject subject) {
        try {
            return new DeviceCertificateTemplate(signer.contentSigner().getAlgorithmIdentifier().getEncoded(),
                    name.getEncoded(), subject, authorityKeyId.getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode the CA's name", e);
        }
    }

    /** A device certificate from the template: see {@link DeviceCertificateTemplate} for its content. */
    public X509Certificate issueDevice(DeviceCertificateTemplate template, DeviceIdentity identity, PublicKey publicKey, int days) {
        return issueDevice(template, identity, publicKey, days, randomSerial());
    }

    /** As above, with a serial chosen (and recorded) beforehand: see {@code store.SiteStore.reserveSerials}. */
    public X509Certificate issueDevice(DeviceCertificateTemplate template, DeviceIdentity identity, PublicKey publicKey, int days,
                                BigInteger serial) {
        Instant now = Instant.now();
        byte[] tbs = template.tbs(serial, now.minus(BACKDATE), notAfter(now, days), identity, publicKey);
        ContentSigner content = signer.contentSigner();
        try {
            content.getOutputStream().write(tbs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Pem.certificate(template.certificate(tbs, content.getSignature()));
    }

    /**
     * A certificate for signing configuration profiles (CMS SignedData). Apple names no EKU for this; S/MIME's
     * emailProtection is what CMS verifiers such as {@code openssl cms -verify} check for by default.
     */
    public X509Certificate issueProfileSigner(CaSubject subject, String commonName, PublicKey publicKey, int days) {
        return issueProfileSigner(subject, commonName, publicKey, days, randomSerial());
    }

    /** As above, with a serial chosen (and recorded) beforehand: see {@code store.SiteStore.reserveSerials}. */
    public X509Certificate issueProfileSigner(CaSubject subject, String commonName, PublicKey publicKey, int days,
                                              BigInteger serial) {
        try {
            X509v3CertificateBuilder builder = builder(subject.name(commonName), publicKey, days, serial)
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            return sign(builder);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the profile-signing certificate", e);
        }
    }

    /** A v2 CRL with a CRL number and a reason code per entry. */
    public X509CRL signCrl(List<Revocation> revoked, BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Revocation entry : revoked) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason().code());
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
            X509CRLHolder holder = builder.build(signer.contentSigner());
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (CertIOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the CRL", e);
        }
    }

    private X509v3CertificateBuilder builder(X500Name subject, PublicKey publicKey, int days, BigInteger serial)
            throws CertIOException {
        Instant now = Instant.now();
        // fresh extension utilities per certificate: their SHA-1 calculator is not safe to share between threads
        return new JcaX509v3CertificateBuilder(name, serial, Date.from(now.minus(BACKDATE)),
                Date.from(notAfter(now, days)), subject, publicKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectKeyIdentifier, false, extensionUtils().createSubjectKeyIdentifier(publicKey))
                .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
    }

    /** A certificate cannot outlive the CA that vouches for it. */
    private Instant notAfter(Instant now, int days) {
        Instant notAfter = now.plus(days, ChronoUnit.DAYS);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        return notAfter.isAfter(caNotAfter) ? caNotAfter : notAfter;
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) {
        return convert(builder.build(signer.contentSigner()));
    }


    private static X509Certificate convert(org.bouncycastle.cert.X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    /** 127 random bits, positive and unique with overwhelming probability (RFC 5280 allows up to 20 octets). */
    public static BigInteger randomSerial() {
        BigInteger serial;
        do {
            serial = new BigInteger(127, RANDOM);
        } while (serial.bitLength() < 64);
        return serial;
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is unavailable", e);
        }
    }

    /** RFC 5280 reasons by the names users type; certificateHold is left out: a revocation here is final. */
    public enum Reason {
        UNSPECIFIED("unspecified", CRLReason.unspecified),
        KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
        AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
        SUPERSEDED("superseded", CRLReason.superseded),
        CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
        PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn);

        private final String label;
        private final int code;

        Reason(String label, int code) {
            this.label = label;
            this.code = code;
        }

        public String label() {
            return label;
        }

        public int code() {
            return code;
        }

        public static Reason parse(String text) {
            for (Reason reason : values()) {
                if (reason.label.equalsIgnoreCase(text)) {
                    return reason;
                }
            }
            throw new UserError("unknown revocation reason '" + text + "': use one of "
                    + java.util.Arrays.stream(values()).map(Reason::label).toList());
        }
    }

    /** One revoked certificate as the CRL lists it. */
    public record Revocation(BigInteger serial, Instant revokedAt, Reason reason) {
    }
}
