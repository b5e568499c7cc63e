package io.ikev2kit.pki;

import io.ikev2kit.pki.encoders.Der;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018): how the CA key and the bags of a modern p12 are
 * encrypted. One place writes and reads its AlgorithmIdentifier, with BouncyCastle's ASN.1 classes (a hand-written
 * encoder saved about 40 ms of CPU in a 1000-device run, 0.5 %: docs/performance.md). The CA key states the key
 * length (32 bytes), as BouncyCastle wrote it before; p12 bags leave it out, as openssl does.
 */
public record Pbes2(byte[] salt, int iterations, boolean statesKeyLength, byte[] iv) {
    static final int KEY_BYTES = 32;
    private static final AlgorithmIdentifier PRF =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);

    public byte[] algorithmIdentifier() {
        PBKDF2Params kdf = statesKeyLength ? new PBKDF2Params(salt, iterations, KEY_BYTES, PRF)
                : new PBKDF2Params(salt, iterations, PRF);
        AlgorithmIdentifier scheme = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, new PBES2Parameters(
                new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
                new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv))));
        try {
            return scheme.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the PBES2 parameters", e);
        }
    }

    /**
     * The AlgorithmIdentifier at {@code offset}; a RuntimeException for any other scheme or a malformed one. Read
     * strictly: only what {@link #algorithmIdentifier} writes for some salt, count and IV is accepted, byte for byte,
     * so no other PRF, cipher, key or IV length, extra element or non-DER encoding gets as far as decrypting.
     */
    static Pbes2 read(byte[] der, int offset) {
        Der.Element element = Der.Element.at(der, offset);
        byte[] encoded = Arrays.copyOfRange(der, offset, element.end());
        AlgorithmIdentifier algorithm;
        try {
            algorithm = AlgorithmIdentifier.getInstance(ASN1Primitive.fromByteArray(encoded));
        } catch (IOException e) {
            throw new IllegalArgumentException("not DER", e);
        }
        if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
            throw new IllegalArgumentException("not PBES2");
        }
        PBES2Parameters parameters = PBES2Parameters.getInstance(algorithm.getParameters());
        if (!PKCSObjectIdentifiers.id_PBKDF2.equals(parameters.getKeyDerivationFunc().getAlgorithm())) {
            throw new IllegalArgumentException("not PBKDF2");
        }
        PBKDF2Params kdf = PBKDF2Params.getInstance(parameters.getKeyDerivationFunc().getParameters());
        Pbes2 read = new Pbes2(kdf.getSalt(), kdf.getIterationCount().intValueExact(), kdf.getKeyLength() != null,
                ASN1OctetString.getInstance(parameters.getEncryptionScheme().getParameters()).getOctets());
        if (read.iv.length != 16 || !Arrays.equals(read.algorithmIdentifier(), encoded)) {
            throw new IllegalArgumentException("unexpected algorithm or structure");
        }
        return read;
    }
}
