package io.ikev2kit.pki.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ikev2kit.pki.Tool;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our PBKDF2 and PKCS#12 KDF against OpenSSL's ('openssl kdf') at the 64-byte block boundaries, where an
 * off-by-one hides: HMAC hashes a key longer than its 64-byte block and pads a shorter one (RFC 2104), and the
 * PKCS#12 KDF repeats salt and password to whole 64-byte blocks (RFC 7292 B.2), its password being the
 * BMPString with two zero bytes at the end, so 31 characters fill exactly one block.
 */
class KdfBoundaryTest {
    private static final byte[] SALT = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @BeforeAll
    static void openssl() {
        Tool.require("openssl");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 55, 63, 64, 65, 127, 128, 129})
    void pbkdf2MatchesOpensslAroundTheHmacBlock(int bytes) {
        String passphrase = passphrase(bytes);
        assertEquals(bytes, passphrase.getBytes(StandardCharsets.UTF_8).length);
        for (int iterations : new int[] {1, 3}) {
            byte[] ours = Pbkdf2Sha256.derive(passphrase.toCharArray(), SALT, iterations);
            assertArrayEquals(openssl("PBKDF2", "SHA256", 32, hex(passphrase.getBytes(StandardCharsets.UTF_8)), iterations, null),
                    ours, bytes + " bytes, " + iterations + " iterations");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 30, 31, 32, 62, 63, 64, 95})
    void pkcs12KdfMatchesOpensslAroundTheBlock(int characters) {
        char[] password = new char[characters];
        for (int i = 0; i < characters; i++) {
            password[i] = i == 0 ? '\u00e9' : (char) ('a' + i % 26);
        }
        String bmp = hex(PBEParametersGenerator.PKCS12PasswordToBytes(password));
        assertEquals(2 * characters + 2, bmp.length() / 2, "BMPString with its two zero bytes");
        assertArrayEquals(openssl("PKCS12KDF", "SHA256", 32, bmp, 3, "3"), Pkcs12Kdf.sha256MacKey(password, SALT, 3),
                characters + " characters: SHA-256 MAC key");
        assertArrayEquals(openssl("PKCS12KDF", "SHA1", 20, bmp, 3, "3"), Pkcs12Kdf.sha1MacKey(password, SALT, 3),
                characters + " characters: SHA-1 MAC key");
        ParametersWithIV tripleDes = Pkcs12Kdf.sha1TripleDesKey(password, SALT, 3);
        assertArrayEquals(openssl("PKCS12KDF", "SHA1", 24, bmp, 3, "1"), ((KeyParameter) tripleDes.getParameters()).getKey(),
                characters + " characters: 3DES key");
        assertArrayEquals(openssl("PKCS12KDF", "SHA1", 8, bmp, 3, "2"), tripleDes.getIV(), characters + " characters: IV");
    }

    /**
     * The salt is repeated to whole 64-byte blocks too (RFC 7292 B.2 step 2), and between output blocks every
     * 64-byte block of salt and password is increased (step 6C): salts around one and two blocks, with outputs
     * of one block (SHA-256 MAC key), two (3DES key from SHA-1) and four (100 bytes from SHA-256), as openssl
     * derives them. ikev2kit's own p12 salts have 8 bytes; a p12 written elsewhere may have any.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 8, 63, 64, 65, 127, 128, 129})
    void pkcs12KdfMatchesOpensslForSaltsAroundTheBlock(int bytes) {
        byte[] salt = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            salt[i] = (byte) (0x80 + 7 * i);
        }
        char[] password = "p\u00e4ssword-12".toCharArray();
        String bmp = hex(PBEParametersGenerator.PKCS12PasswordToBytes(password));
        assertArrayEquals(openssl("PKCS12KDF", "SHA256", 32, bmp, salt, 2, "3"), Pkcs12Kdf.sha256MacKey(password, salt, 2),
                bytes + "-byte salt: SHA-256 MAC key");
        assertArrayEquals(openssl("PKCS12KDF", "SHA1", 24, bmp, salt, 2, "1"),
                ((KeyParameter) Pkcs12Kdf.sha1TripleDesKey(password, salt, 2).getParameters()).getKey(),
                bytes + "-byte salt: 3DES key");
        assertArrayEquals(openssl("PKCS12KDF", "SHA256", 100, bmp, salt, 1, "1"),
                Pkcs12Kdf.derive("SHA-256", password, salt, 1, 1, 100), bytes + "-byte salt: four SHA-256 blocks");
    }

    /** ASCII with a two-byte character where it fits, so UTF-8 and UTF-16 lengths both matter. */
    private static String passphrase(int bytes) {
        StringBuilder text = new StringBuilder();
        if (bytes >= 2) {
            text.append('\u00e9');
        }
        while (text.toString().getBytes(StandardCharsets.UTF_8).length < bytes) {
            text.append((char) ('a' + text.length() % 26));
        }
        return text.toString();
    }

    private static byte[] openssl(String kdf, String digest, int length, String hexPassword, int iterations, String id) {
        return openssl(kdf, digest, length, hexPassword, SALT, iterations, id);
    }

    private static byte[] openssl(String kdf, String digest, int length, String hexPassword, byte[] salt, int iterations,
                                  String id) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl", "kdf", "-keylen",
                String.valueOf(length), "-kdfopt", "digest:" + digest, "-kdfopt", "hexpass:" + hexPassword, "-kdfopt",
                "hexsalt:" + hex(salt), "-kdfopt", "iter:" + iterations));
        if (id != null) {
            command.addAll(java.util.List.of("-kdfopt", "id:" + id));
        }
        command.add(kdf);
        String out = Tool.run(command.toArray(String[]::new)).expectSuccess().output().strip();
        return HexFormat.of().parseHex(out.replace(":", "").toLowerCase(java.util.Locale.ROOT));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
