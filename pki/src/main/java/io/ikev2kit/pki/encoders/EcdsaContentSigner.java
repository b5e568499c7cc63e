package io.ikev2kit.pki.encoders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.operator.ContentSigner;

/** ECDSA for certificates and CRLs on BouncyCastle's fast curve code (see {@link EcCurve}); DER-encoded (r, s). */
public final class EcdsaContentSigner implements ContentSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EcCurve curve;
    private final ECPrivateKey key;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    public EcdsaContentSigner(EcCurve curve, ECPrivateKey key) {
        this.curve = curve;
        this.key = key;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return curve.signatureAlgorithm();
    }

    @Override
    public OutputStream getOutputStream() {
        return data;
    }

    @Override
    public byte[] getSignature() {
        try {
            byte[] hash = MessageDigest.getInstance(curve.digest()).digest(data.toByteArray());
            ECDSASigner signer = new ECDSASigner();
            signer.init(true, new ParametersWithRandom(curve.signingKey(key), RANDOM));
            BigInteger[] rs = signer.generateSignature(hash);
            return StandardDSAEncoding.INSTANCE.encode(curve.domain().getN(), rs[0], rs[1]);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign with ECDSA", e);
        }
    }
}
