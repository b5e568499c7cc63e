package io.ikev2kit.pki;

import io.ikev2kit.pki.encoders.EcCurve;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * The CA key inside a PKCS#11 token, used through SunPKCS11: the token computes every signature and the key
 * never leaves it. A token signs one request at a time, so signatures are serialised here; everything else a
 * command does (device keys, encoding, p12s) stays parallel.
 */
public final class TokenSigner implements CaSigner {
    private final Provider provider;
    private final PrivateKey key;
    private final PublicKey publicKey;
    private final KeyType type;
    private final AlgorithmIdentifier algorithm;

    TokenSigner(Provider provider, PrivateKey key, PublicKey publicKey, KeyType type) {
        this.provider = provider;
        this.key = key;
        this.publicKey = publicKey;
        this.type = type;
        // the same identifier the file-key path writes, so certificates differ only in their signature
        this.algorithm = type.isRsa() ? new DefaultSignatureAlgorithmIdentifierFinder().find(type.signatureAlgorithm())
                : EcCurve.of(type).signatureAlgorithm();
    }

    PrivateKey key() {
        return key;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public KeyType type() {
        return type;
    }

    /** Whether the token's key is the one {@code certified} vouches for: it signs a random challenge, checked in software. */
    public boolean matches(PublicKey certified) {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        byte[] signature = sign(challenge);
        try {
            Signature verifier = Signature.getInstance(type.signatureAlgorithm());
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public ContentSigner contentSigner() {
        return new ContentSigner() {
            private final ByteArrayOutputStream data = new ByteArrayOutputStream();

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public byte[] getSignature() {
                return sign(data.toByteArray());
            }
        };
    }

    private synchronized byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(type.signatureAlgorithm(), provider);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UserError("the token stopped signing (" + Pkcs11Token.rootMessage(e)
                    + "): check that it is plugged in and run the command again");
        }
    }

    @Override
    public String toString() {
        return "TokenSigner[" + type.cliName() + "]";
    }
}
