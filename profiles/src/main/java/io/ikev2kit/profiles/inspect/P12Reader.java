package io.ikev2kit.profiles.inspect;

import io.ikev2kit.pki.UserError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.pkcs.PKCS12PfxPdu;

/** Reads a p12's algorithms without its password, and says which clients can import it. */
final class P12Reader {
    private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.of(
            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, "PBE-SHA1-3DES",
            PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC, "PBE-SHA1-RC2-40",
            NISTObjectIdentifiers.id_aes256_CBC, "AES-256-CBC",
            NISTObjectIdentifiers.id_aes128_CBC, "AES-128-CBC",
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha256, "SHA-256");

    private P12Reader() {
    }

    static List<String> explain(byte[] content) {
        PKCS12PfxPdu pdu;
        try {
            pdu = new PKCS12PfxPdu(content);
        } catch (Exception e) {
            throw new UserError("not a readable PKCS#12 file");
        }
        Set<String> bagAlgorithms = new LinkedHashSet<>();
        for (ContentInfo info : pdu.getContentInfos()) {
            if (info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
                bagAlgorithms.add(name(EncryptedData.getInstance(info.getContent()).getEncryptionAlgorithm()));
            } else if (info.getContentType().equals(PKCSObjectIdentifiers.data)) {
                ASN1Sequence bags = ASN1Sequence.getInstance(ASN1OctetString.getInstance(info.getContent()).getOctets());
                for (int i = 0; i < bags.size(); i++) {
                    SafeBag bag = SafeBag.getInstance(bags.getObjectAt(i));
                    if (bag.getBagId().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                        bagAlgorithms.add(name(EncryptedPrivateKeyInfo.getInstance(bag.getBagValue()).getEncryptionAlgorithm()));
                    }
                }
            }
        }
        // a p12 without a MAC has no password integrity check: ikev2kit never writes one, and clients may refuse it
        String mac = pdu.hasMac() ? name(pdu.getMacAlgorithmID()) : "none";
        boolean legacy = mac.equals("SHA-1") || bagAlgorithms.stream().anyMatch(a -> a.startsWith("PBE-SHA1"));
        List<String> lines = new ArrayList<>();
        lines.add("PKCS#12 (" + (legacy ? "legacy" : "modern") + ")");
        lines.add("  encryption:   " + (bagAlgorithms.isEmpty() ? "none" : String.join(", ", bagAlgorithms)));
        lines.add(pdu.hasMac() ? "  MAC:          HMAC-" + mac
                : "  WARNING:      no MAC: nothing proves the file is unchanged; ikev2kit never writes such a p12");
        lines.add("  imports on:   " + (legacy
                ? "every iOS, macOS, Windows and Android release (3DES/SHA-1: weak, use only for old devices)"
                : "iOS 18+, macOS 15+, Windows 10 1709+/Server 2019+, Android; older Apple and Windows need --legacy-p12"));
        return lines;
    }

    private static String name(AlgorithmIdentifier algorithm) {
        if (algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)) {
            PBES2Parameters parameters = PBES2Parameters.getInstance(algorithm.getParameters());
            return "PBES2/PBKDF2 " + NAMES.getOrDefault(parameters.getEncryptionScheme().getAlgorithm(),
                    parameters.getEncryptionScheme().getAlgorithm().getId());
        }
        return NAMES.getOrDefault(algorithm.getAlgorithm(), algorithm.getAlgorithm().getId());
    }
}
