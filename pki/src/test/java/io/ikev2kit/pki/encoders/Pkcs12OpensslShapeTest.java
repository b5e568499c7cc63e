package io.ikev2kit.pki.encoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceCredentials;
import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test: our p12 against the installed openssl's from the same key, certificate, friendly name and
 * password, compared element by element through the whole ASN.1 tree, the encrypted bags decrypted and compared
 * too. Apple (iOS 17 and earlier, macOS 14 and earlier) and Android 12/13's KeyChain refuse p12 files that
 * openssl would not have written (trailofbits/algo PR #14718 and issue #14558; hwdsl2/setup-ipsec-vpn #1626 and
 * #1580; chris2511/xca PR #389 for Android); so ours is openssl's in every element, salt lengths included.
 * Which elements are random (salts, IVs, ciphertext, MAC) is not hard-coded: openssl is run twice, and exactly
 * the elements where its two outputs differ are compared by tag and length only. The shape is OpenSSL 3.0's
 * (3.0.x on Debian 12; 3.0.22 when this was written): 8-byte salts, 2048 iterations everywhere.
 */
class Pkcs12OpensslShapeTest {
    private static final CaSubject SUBJECT = new CaSubject("Example VPN Root CA", "Example", "DE");
    private static final String PASSWORD = "correct horse battery";
    private static final String FRIENDLY_NAME = "alice@vpn.example.com";

    @TempDir
    Path dir;

    static Stream<Arguments> shapes() {
        List<Arguments> all = new ArrayList<>();
        for (KeyType keyType : List.of(KeyType.ECDSA_P256, KeyType.RSA_3072)) {
            for (P12Format format : P12Format.values()) {
                for (boolean withCa : List.of(true, false)) {
                    all.add(Arguments.of(keyType, format, withCa));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} withCa={2}")
    @MethodSource("shapes")
    void sameAsn1ShapeAsOpenssl(KeyType keyType, P12Format format, boolean withCa) throws Exception {
        Tool.require("openssl");
        CertificateAuthority ca = CertificateAuthority.create(SUBJECT, keyType, 3650);
        KeyPair pair = keyType.generate();
        X509Certificate certificate = ca.issueDevice(SUBJECT, new DeviceIdentity(new DeviceName("alice"),
                new HostName("vpn.example.com")), pair.getPublic(), 365);
        DeviceCredentials credentials = new DeviceCredentials(pair.getPrivate(), certificate, ca.certificate());

        List<String> opensslA = dump(openssl(credentials, format, withCa, "a"));
        List<String> opensslB = dump(openssl(credentials, format, withCa, "b"));
        List<String> ours = dump(Pkcs12Writer.write(credentials, FRIENDLY_NAME, format, Passphrase.of(PASSWORD), withCa));

        assertEquals(opensslA.size(), opensslB.size(), "openssl's two runs have one shape");
        assertTrue(opensslA.stream().anyMatch(line -> line.contains("decrypted")), "the bags were decrypted");
        int random = 0;
        StringBuilder differences = new StringBuilder();
        for (int i = 0; i < Math.max(opensslA.size(), ours.size()); i++) {
            String expected = i < opensslA.size() ? opensslA.get(i) : "(nothing)";
            String actual = i < ours.size() ? ours.get(i) : "(nothing)";
            if (i < opensslA.size() && !expected.equals(opensslB.get(i))) {
                random++;
                expected = withoutValue(expected);
                actual = withoutValue(actual);
            }
            if (!expected.equals(actual)) {
                differences.append("element ").append(i).append(": openssl ").append(expected)
                        .append("\n             ours    ").append(actual).append('\n');
            }
        }
        assertEquals("", differences.toString(), "our p12 differs from openssl's");
        // salts, IVs, ciphertexts, MAC value: the test compared them by length only, and nothing else
        assertTrue(random >= 6, "random elements found: " + random);
    }

    private byte[] openssl(DeviceCredentials credentials, P12Format format, boolean withCa, String run) throws Exception {
        Path key = dir.resolve("key.pem");
        AtomicFiles.writeSecret(key, Pem.encode(credentials.key()).getBytes(StandardCharsets.US_ASCII));
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, Pem.encode(credentials.certificate()));
        Path caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, Pem.encode(credentials.ca()));
        Path out = dir.resolve(run + ".p12");
        List<String> command = new ArrayList<>(List.of("openssl", "pkcs12", "-export", "-inkey", key.toString(),
                "-in", cert.toString(), "-name", FRIENDLY_NAME, "-out", out.toString(),
                "-passout", "file:" + Tool.secretFile(dir, PASSWORD)));
        if (withCa) {
            command.addAll(List.of("-certfile", caFile.toString()));
        }
        if (format == P12Format.LEGACY) {
            command.addAll(List.of("-legacy", "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES"));
        }
        Tool.run(null, command).expectSuccess();
        return Files.readAllBytes(out);
    }

    private static String withoutValue(String line) {
        int value = line.indexOf(" value=");
        return value < 0 ? line : line.substring(0, value) + " value=<random>";
    }

    /**
     * One line per element, pre-order: depth, tag, length and, for primitives, the value. An OCTET STRING (or
     * [0] IMPLICIT content) that follows a password-based encryption AlgorithmIdentifier is decrypted with the
     * password and its plaintext dumped beneath it; one that holds DER is dumped as the tree it holds.
     */
    static List<String> dump(byte[] der) throws Exception {
        List<String> lines = new ArrayList<>();
        walk(der, 0, der.length, 0, lines);
        return lines;
    }

    private static void walk(byte[] der, int start, int end, int depth, List<String> lines) throws Exception {
        byte[] previous = null;
        int offset = start;
        while (offset < end) {
            Tlv tlv = Tlv.at(der, offset, end);
            String indent = "  ".repeat(depth);
            String head = indent + String.format("%02x len=%d", tlv.tag, tlv.length);
            boolean constructed = (tlv.tag & 0x20) != 0;
            byte[] content = java.util.Arrays.copyOfRange(der, tlv.contentStart, tlv.end);
            if (constructed) {
                lines.add(head);
                walk(der, tlv.contentStart, tlv.end, depth + 1, lines);
            } else if ((tlv.tag == 0x04 || tlv.tag == 0x80) && previous != null && isPbe(previous)) {
                lines.add(head + " value=" + HexFormat.of().formatHex(content));
                lines.add(indent + "  decrypted:");
                byte[] plain = decrypt(previous, content);
                walk(plain, 0, plain.length, depth + 2, lines);
            } else if (tlv.tag == 0x04 && isDer(content)) {
                lines.add(head + " holds:");
                walk(content, 0, content.length, depth + 1, lines);
            } else {
                lines.add(head + " value=" + HexFormat.of().formatHex(content));
            }
            previous = java.util.Arrays.copyOfRange(der, offset, tlv.end);
            offset = tlv.end;
        }
    }

    private static boolean isPbe(byte[] element) {
        try {
            ASN1ObjectIdentifier oid = AlgorithmIdentifier.getInstance(element).getAlgorithm();
            return oid.equals(PKCSObjectIdentifiers.id_PBES2) || oid.equals(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] decrypt(byte[] algorithm, byte[] ciphertext) throws Exception {
        var provider = new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(new BouncyCastleProvider())
                .build(PASSWORD.toCharArray());
        try (var in = provider.get(AlgorithmIdentifier.getInstance(algorithm))
                .getInputStream(new java.io.ByteArrayInputStream(ciphertext))) {
            return in.readAllBytes();
        }
    }

    /**
     * Whether the bytes are whole DER elements all the way down, i.e. an encapsulated structure (a certificate, a
     * key, the authenticated safe). Short strings are never descended into: an 8-byte salt or a 32-byte MAC could
     * parse by chance, and openssl's two runs would then disagree on the shape.
     */
    private static boolean isDer(byte[] bytes) {
        return bytes.length >= 64 && (bytes[0] & 0x20) != 0 && wellFormed(bytes, 0, bytes.length);
    }

    private static boolean wellFormed(byte[] der, int start, int end) {
        try {
            int offset = start;
            while (offset < end) {
                Tlv tlv = Tlv.at(der, offset, end);
                if ((tlv.tag & 0x20) != 0 && !wellFormed(der, tlv.contentStart, tlv.end)) {
                    return false;
                }
                offset = tlv.end;
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A tag-length-value header, definite lengths only (openssl writes DER). */
    private record Tlv(int tag, int length, int contentStart, int end) {
        static Tlv at(byte[] der, int offset, int limit) {
            if (offset + 2 > limit) {
                throw new IllegalArgumentException("truncated at " + offset);
            }
            int tag = der[offset] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("multi-byte tag");
            }
            int first = der[offset + 1] & 0xff;
            int length;
            int contentStart;
            if (first < 0x80) {
                length = first;
                contentStart = offset + 2;
            } else {
                int count = first & 0x7f;
                if (count == 0 || count > 3 || offset + 2 + count > limit) {
                    throw new IllegalArgumentException("bad length at " + offset);
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (der[offset + 2 + i] & 0xff);
                }
                contentStart = offset + 2 + count;
            }
            if (contentStart + length > limit) {
                throw new IllegalArgumentException("element overruns at " + offset);
            }
            return new Tlv(tag, length, contentStart, contentStart + length);
        }
    }
}
