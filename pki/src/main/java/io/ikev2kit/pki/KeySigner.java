package io.ikev2kit.pki;

import io.ikev2kit.pki.encoders.EcCurve;
import io.ikev2kit.pki.encoders.EcdsaContentSigner;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The CA key in memory: ECDSA on BouncyCastle's fast curve code ({@link EcdsaContentSigner}), RSA via JCA. */
public record KeySigner(KeyType type, PrivateKey key) implements CaSigner {
    @Override
    public ContentSigner contentSigner() {
        if (!type.isRsa() && key instanceof ECPrivateKey ec) {
            return new EcdsaContentSigner(EcCurve.of(type), ec);
        }
        try {
            return new JcaContentSignerBuilder(type.signatureAlgorithm()).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with a " + type.cliName() + " key", e);
        }
    }

    @Override
    public String toString() {
        return "KeySigner[" + type.cliName() + "]"; // never the key
    }
}
