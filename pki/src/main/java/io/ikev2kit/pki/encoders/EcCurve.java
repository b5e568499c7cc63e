package io.ikev2kit.pki.encoders;

import io.ikev2kit.pki.KeyType;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * P-256 and P-384 keys made with BouncyCastle's curve arithmetic and handed out as ordinary JDK keys. JDK 17's
 * own EC code takes about 1.4 ms per key and 2.2 ms per signature; BouncyCastle's fixed-point tables do both
 * in well under half a millisecond, which is most of the difference in bulk issuance. Same curves, same
 * randomness source, same encodings.
 */
public enum EcCurve {
    P256("secp256r1", "SHA256withECDSA", "SHA-256"),
    P384("secp384r1", "SHA384withECDSA", "SHA-384");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String signatureAlgorithm;
    private final String digest;
    private volatile Holder holder;

    EcCurve(String name, String signatureAlgorithm, String digest) {
        this.name = name;
        this.signatureAlgorithm = signatureAlgorithm;
        this.digest = digest;
    }

    public static EcCurve of(KeyType type) {
        return type == KeyType.ECDSA_P384 ? P384 : P256;
    }

    public KeyPair generate() {
        Holder h = holder();
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(h.domain, RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        BigInteger d = ((ECPrivateKeyParameters) pair.getPrivate()).getD();
        org.bouncycastle.math.ec.ECPoint q = ((ECPublicKeyParameters) pair.getPublic()).getQ().normalize();
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            return new KeyPair(
                    factory.generatePublic(new ECPublicKeySpec(new ECPoint(q.getAffineXCoord().toBigInteger(),
                            q.getAffineYCoord().toBigInteger()), h.jdk)),
                    factory.generatePrivate(new ECPrivateKeySpec(d, h.jdk)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot convert a " + name + " key", e);
        }
    }

    /** The JDK key as BouncyCastle signing parameters. */
    ECPrivateKeyParameters signingKey(ECPrivateKey key) {
        return new ECPrivateKeyParameters(key.getS(), holder().domain);
    }

    ECDomainParameters domain() {
        return holder().domain;
    }

    public AlgorithmIdentifier signatureAlgorithm() {
        return holder().signature;
    }

    String digest() {
        return digest;
    }

    private Holder holder() {
        Holder h = holder;
        if (h == null) {
            h = new Holder(this);
            holder = h;
        }
        return h;
    }

    /** Curve tables are built on first use: 'init' and 'list' never pay for them. */
    private static final class Holder {
        final ECDomainParameters domain;
        final ECParameterSpec jdk;
        final AlgorithmIdentifier signature;

        Holder(EcCurve curve) {
            this.domain = new ECDomainParameters(CustomNamedCurves.getByName(curve.name));
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(curve.name));
                this.jdk = parameters.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK does not know " + curve.name, e);
            }
            this.signature = new DefaultSignatureAlgorithmIdentifierFinder().find(curve.signatureAlgorithm);
        }
    }
}
