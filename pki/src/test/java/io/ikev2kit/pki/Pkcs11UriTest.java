package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7512 URIs as --ca-key takes them: what is read, what is refused with one line, and the canonical form. */
class Pkcs11UriTest {
    @Test
    void readsTokenAndObjectLabels() {
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=ikev2kit-ca;object=ca");
        assertEquals("ikev2kit-ca", uri.token());
        assertEquals("ca", uri.object());
        assertEquals(Optional.empty(), uri.serial());
    }

    @Test
    void percentDecodesUtf8AsRfc7512Section23Says() {
        // RFC 7512's own example: "pkcs11:token=Name%20with%20a%20space", and a UTF-8 label
        Pkcs11Uri uri = Pkcs11Uri.parse("PKCS11:token=Name%20with%20a%20space;object=J%C3%B6rg;type=private;serial=42");
        assertEquals("Name with a space", uri.token());
        assertEquals("Jörg", uri.object());
        assertEquals(Optional.of("42"), uri.serial());
    }

    @Test
    void readsABinaryIdAsItsOctets() {
        // RFC 7512's example "pkcs11:object=my-certificate;type=cert;id=%03%0B" and a non-UTF-8 octet
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=t;object=ca;id=%03%0b%ff");
        assertEquals(new Pkcs11Uri.KeyId(new byte[] {0x03, 0x0b, (byte) 0xff}), uri.id().orElseThrow());
    }

    @Test
    void canonicalFormReadsBackToTheSameUri() {
        Pkcs11Uri uri = new Pkcs11Uri("my token;x", "ca/key%", Optional.of("0a1b"), Optional.of("SoftHSM project"),
                Optional.empty(), Optional.of(new Pkcs11Uri.KeyId(new byte[] {0x01, (byte) 0xff})));
        String text = uri.toString();
        assertEquals("pkcs11:token=my%20token%3Bx;serial=0a1b;manufacturer=SoftHSM%20project;object=ca%2Fkey%25;"
                + "id=%01%FF;type=private", text);
        assertEquals(uri, Pkcs11Uri.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pkcs11:token=t;object=ca?pin-value=1234|must not carry the PIN",
            "pkcs11:token=t;object=ca?pin-source=file:/etc/pin|must not carry the PIN",
            "pkcs11:token=t;object=ca?module-path=/usr/lib/x.so|pass --pkcs11-module",
            "pkcs11:token=t;object=ca;id=|id must be 1 to 64 bytes",
            "pkcs11:token=t;object=ca;slot-id=3|attribute 'slot-id' is not supported",
            "pkcs11:token=t;object=ca;type=cert|the CA key is type=private",
            "pkcs11:token=t|needs token=LABEL and object=LABEL",
            "pkcs11:object=ca|needs token=LABEL and object=LABEL",
            "pkcs11:token=t;token=u;object=ca|gives 'token' twice",
            "pkcs11:token=t;object=c%4|bad percent escape",
            "pkcs11:token=t;object=c%zz|bad percent escape",
            "pkcs11:token=t;object=%ff|not UTF-8",
            "pkcs11:token=t;object=a b|percent-encode it",
            "pkcs11:token=t;object=ca%0aevil|control character",
            "pkcs11:token=;object=ca|token is empty",
            "pkcs11:token=0123456789012345678901234567890123;object=ca|longer than 32 bytes",
            "pkcs11:token=t;object|malformed attribute",
            "file:/etc/ca.key|takes a PKCS#11 URI",
    })
    void refusesWithOneLineSayingWhy(String text, String reason) {
        UserError e = assertThrows(UserError.class, () -> Pkcs11Uri.parse(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs11:token=t;object=ca?pin-value=s3cret-PIN", "pkcs11:token=t;object=x%0as3cret-PIN"})
    void neverEchoesAPinOrControlCharacters(String text) {
        UserError e = assertThrows(UserError.class, () -> Pkcs11Uri.parse(text));
        assertFalse(e.getMessage().contains("s3cret-PIN"), e.getMessage());
    }
}
