package io.ikev2kit.pki;

import io.ikev2kit.pki.encoders.EcCurve;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The key algorithms a site may use for its CA, server and devices. */
public enum KeyType {
    ECDSA_P256("ecdsa-p256", "SHA256withECDSA"),
    ECDSA_P384("ecdsa-p384", "SHA384withECDSA"),
    RSA_3072("rsa-3072", "SHA256withRSA"),
    RSA_4096("rsa-4096", "SHA256withRSA");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String cliName;
    private final String signatureAlgorithm;

    KeyType(String cliName, String signatureAlgorithm) {
        this.cliName = cliName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String cliName() {
        return cliName;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public boolean isRsa() {
        return this == RSA_3072 || this == RSA_4096;
    }

    public static KeyType parse(String text) {
        for (KeyType type : values()) {
            if (type.cliName.equalsIgnoreCase(text.trim())) {
                return type;
            }
        }
        throw new UserError("unknown key type '" + text + "': use one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(KeyType::cliName).collect(Collectors.joining(", "));
    }

    /** The type of an existing key, so certificates read from disk report what they hold. */
    public static KeyType of(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 256 ? ECDSA_P384 : ECDSA_P256;
        }
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() > 3072 ? RSA_4096 : RSA_3072;
        }
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    }

    public KeyPair generate() {
        if (!isRsa()) {
            return EcCurve.of(this).generate();
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(this == RSA_3072 ? 3072 : 4096, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + cliName + " key", e);
        }
    }
}
