package io.ikev2kit.profiles.apple;

import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a profile the way Apple reads signed profiles: CMS SignedData with the XML encapsulated, the signing
 * certificate and its chain included so the device can build the path without fetching anything.
 */
public final class ProfileSigner {
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final String algorithm;

    /** @param chain the signing certificate first, then the certificates that issued it */
    public ProfileSigner(List<X509Certificate> chain, PrivateKey key) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signer needs its certificate");
        }
        this.chain = List.copyOf(chain);
        this.certificate = chain.get(0);
        this.algorithm = algorithm(certificate);
        this.key = jdkKey(key, certificate);
        if (this.key == null || !matches(certificate, this.key, algorithm)) {
            throw new UserError("the profile-signing key does not belong to certificate "
                    + certificate.getSubjectX500Principal().getName() + ": give the key and certificate of one pair");
        }
    }

    /**
     * A signer from a user's PEM file holding the signing certificate and, in any order, its chain. The certificate
     * whose public key matches {@code key} signs; {@code source} names the file in messages.
     */
    public static ProfileSigner fromPem(String certificatesPem, PrivateKey key, String source) {
        List<X509Certificate> certificates = readCertificates(certificatesPem, source);
        for (X509Certificate candidate : certificates) {
            PrivateKey converted = jdkKey(key, candidate);
            if (converted != null && matches(candidate, converted, algorithm(candidate))) {
                List<X509Certificate> chain = new ArrayList<>(certificates);
                chain.remove(candidate);
                chain.add(0, candidate);
                return new ProfileSigner(chain, key);
            }
        }
        throw new UserError("no certificate in " + source + " belongs to the profile-signing key: put the signing "
                + "certificate and its chain in the file");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    /** DER-encoded CMS SignedData (RFC 5652) with {@code content} encapsulated. */
    public byte[] sign(byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(algorithm).build(key), certificate));
            generator.addCertificates(new JcaCertStore(chain));
            return generator.generate(new CMSProcessableByteArray(content), true).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | GeneralSecurityException | CMSException | IOException e) {
            throw new IllegalStateException("cannot sign the profile", e);
        }
    }

    private static String algorithm(X509Certificate certificate) {
        try {
            return KeyType.of(certificate.getPublicKey()).signatureAlgorithm();
        } catch (IllegalArgumentException e) {
            throw new UserError("the profile-signing certificate has a " + certificate.getPublicKey().getAlgorithm()
                    + " key: use an RSA or ECDSA certificate");
        }
    }

    /**
     * The key as the JDK's own provider holds it: a key read through BouncyCastle says "ECDSA" where SunEC's
     * signatures want "EC". Null when the key is not of the certificate's algorithm.
     */
    private static PrivateKey jdkKey(PrivateKey key, X509Certificate certificate) {
        try {
            return KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static boolean matches(X509Certificate certificate, PrivateKey key, String algorithm) {
        byte[] probe = "ikev2kit key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another algorithm cannot belong to this certificate
        }
    }

    private static List<X509Certificate> readCertificates(String pem, String source) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            if (!certificates.isEmpty()) {
                return certificates;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // reported below
        }
        throw new UserError(source + " holds no readable PEM certificate: give the profile-signing certificate "
                + "and its chain as PEM");
    }
}
