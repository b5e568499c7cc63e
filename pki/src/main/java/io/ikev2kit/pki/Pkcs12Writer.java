package io.ikev2kit.pki;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;

/**
 * Packs a device's key, certificate and the CA into a password-protected PKCS#12, in the layout
 * {@code openssl pkcs12 -export} produces: certificates in an encrypted bag, the key in a shrouded key bag.
 * The 2048 KDF and MAC iterations are openssl's defaults, which every client in KNOWLEDGE.md imports.
 */
public final class Pkcs12Writer {
    public static final int ITERATIONS = 2048;

    private Pkcs12Writer() {
    }

    public static byte[] write(DeviceCredentials credentials, String friendlyName, P12Format format, Passphrase password) {
        char[] chars = password.chars();
        try {
            OutputEncryptor[] encryptors = encryptors(format, chars);
            PKCS12SafeBagBuilder certBag = new JcaPKCS12SafeBagBuilder(credentials.certificate());
            // openssl's convention: the SHA-1 of the certificate ties the key bag to its certificate bag
            byte[] localKeyId = java.util.HexFormat.of().parseHex(Certificates.sha1Thumbprint(credentials.certificate()));
            certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId,
                    new org.bouncycastle.asn1.DEROctetString(localKeyId));
            PKCS12SafeBagBuilder caBag = new JcaPKCS12SafeBagBuilder(credentials.ca());
            caBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName,
                    new DERBMPString(Certificates.commonName(credentials.ca())));
            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(credentials.key(), encryptors[0]);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId,
                    new org.bouncycastle.asn1.DEROctetString(localKeyId));

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptors[1], new PKCS12SafeBag[] {certBag.build(), caBag.build()});
            pfx.addData(keyBag.build());
            return pfx.build(mac(format), chars).getEncoded(ASN1Encoding.DER);
        } catch (IOException | PKCSException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the PKCS#12 file", e);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    /** The key bag's and the certificate bag's encryptors. */
    private static OutputEncryptor[] encryptors(P12Format format, char[] password) throws OperatorCreationException {
        if (format == P12Format.LEGACY) {
            OutputEncryptor legacy = new BcPKCS12PBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                    CBCBlockCipher.newInstance(new DESedeEngine())).setIterationCount(ITERATIONS).build(password);
            return new OutputEncryptor[] {legacy, legacy};
        }
        return Pbes2Encryptor.derive(password, ITERATIONS, 2);
    }

    private static PKCS12MacCalculatorBuilder mac(P12Format format) {
        if (format == P12Format.LEGACY) {
            return new BcPKCS12MacCalculatorBuilder(new SHA1Digest(),
                    new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE)).setIterationCount(ITERATIONS);
        }
        return new Pkcs12MacSha256(ITERATIONS);
    }

    /** Used by tests and by 'inspect': which form a p12 file is, without needing its password. */
    public static P12Format detect(byte[] p12) {
        try {
            org.bouncycastle.pkcs.PKCS12PfxPdu pdu = new org.bouncycastle.pkcs.PKCS12PfxPdu(p12);
            return pdu.getMacAlgorithmID().getAlgorithm().equals(OIWObjectIdentifiers.idSHA1)
                    ? P12Format.LEGACY : P12Format.MODERN;
        } catch (IOException | RuntimeException e) {
            throw new UserError("not a PKCS#12 file: export it again with 'ikev2kit device export NAME --format p12'");
        }
    }
}
