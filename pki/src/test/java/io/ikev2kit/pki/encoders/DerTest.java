package io.ikev2kit.pki.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.Random;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Der writes what BouncyCastle's encoder writes for every form bulk issuance uses. */
class DerTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 200_000})
    void lengthsInShortAndLongForm(int length) throws Exception {
        byte[] content = new byte[length];
        new Random(length).nextBytes(content);
        byte[] expected = new DEROctetString(content).getEncoded(ASN1Encoding.DER);
        assertArrayEquals(expected, Der.octetString(content));
        Der.Element element = Der.Element.at(expected, 0);
        assertEquals(Der.OCTET_STRING, element.tag());
        assertArrayEquals(content, element.content(expected));
    }

    @Test
    void integersAreMinimalTwosComplement() throws Exception {
        Random random = new Random(1);
        BigInteger[] values = {BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(127), BigInteger.valueOf(128),
                BigInteger.valueOf(255), BigInteger.valueOf(2048), BigInteger.valueOf(-1), BigInteger.valueOf(-129),
                new BigInteger(127, random), new BigInteger(128, random), BigInteger.ONE.shiftLeft(127)};
        for (BigInteger value : values) {
            assertArrayEquals(new ASN1Integer(value).getEncoded(ASN1Encoding.DER), Der.integer(value), value.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T14:05:09Z", "2000-01-01T00:00:00Z", "2049-12-31T23:59:59Z",
            "2050-01-01T00:00:00Z", "2099-06-30T12:00:00Z", "2026-11-23T14:05:09.999Z"})
    void timesAreUtcTimeUntil2049AndGeneralizedTimeAfter(String text) throws Exception {
        Instant instant = Instant.parse(text);
        byte[] expected = new Time(Date.from(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .toASN1Primitive().getEncoded(ASN1Encoding.DER);
        assertArrayEquals(expected, Der.time(instant));
    }

    @Test
    void setsAreOrderedByEncodingAsBouncyCastleOrdersThem() throws Exception {
        byte[] a = Der.sequence(Der.octetString(new byte[40]));
        byte[] b = Der.sequence(Der.integer(5));
        byte[] c = Der.sequence(Der.octetString(new byte[200]));
        ASN1EncodableVector vector = new ASN1EncodableVector();
        for (byte[] element : new byte[][] {a, b, c}) {
            vector.add(ASN1Primitive.fromByteArray(element));
        }
        assertArrayEquals(new DERSet(vector).getEncoded(ASN1Encoding.DER), Der.setOf(c, a, b));
    }

    @Test
    void bmpStringsAreUtf16BigEndian() throws Exception {
        String name = "Jörg's iPhone@vpn.example.com";
        assertArrayEquals(new DERBMPString(name).getEncoded(ASN1Encoding.DER), Der.bmpString(name));
    }

    @Test
    void asciiRefusesWhatAnIa5OrPrintableStringMustNotCarry() {
        assertThrows(IllegalArgumentException.class, () -> Der.ia5String("jörg@vpn.example.com"));
        assertThrows(IllegalArgumentException.class, () -> Der.ia5String("a\nb"));
    }

    @Test
    void asciiKeepsExactlyThePrintableRange() {
        assertArrayEquals(new byte[] {0x20, 0x7e}, Der.ascii(" ~"));
        assertThrows(IllegalArgumentException.class, () -> Der.ascii("\u001f"));
        assertThrows(IllegalArgumentException.class, () -> Der.ascii("\u007f"));
    }

    @Test
    void truncatedInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Der.Element.at(new byte[] {0x04, 0x05, 1, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> Der.Element.at(new byte[] {0x04, (byte) 0x81, 0x05, 1, 2}, 0));
        assertEquals(new Der.Element(0x04, 2, 6), Der.Element.at(new byte[] {0x04, 0x04, 1, 2, 3, 4}, 0), "exactly to the end");
    }

    /** BER's indefinite length (0x80, content up to an end-of-contents marker) is not DER: X.690 10.1. */
    @Test
    void indefiniteLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Der.Element.at(new byte[] {0x30, (byte) 0x80, 0x02, 0x01, 0x05, 0, 0}, 0));
    }

    @Test
    void lengthsOfMoreThanThreeOctetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Der.Element.at(new byte[] {0x04, (byte) 0x84, 0, 0, 0, 1, 7}, 0));
        assertEquals(new Der.Element(0x04, 5, 6), Der.Element.at(new byte[] {0x04, (byte) 0x83, 0, 0, 1, 7}, 0));
        assertEquals(new Der.Element(0x04, 3, 4), Der.Element.at(new byte[] {0x04, (byte) 0x81, 1, 7}, 0));
    }
}
