package io.ikev2kit.pki.encoders;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The few DER encodings that device certificates and p12 files are made of, written straight into byte arrays.
 * Bulk issuance builds both from mostly precomputed parts; BouncyCastle's object model would parse and
 * re-encode every structure on the way, which costs more than the cryptography on a fresh JVM. Everything else
 * is still encoded by BouncyCastle, and tests hold these encodings to its output.
 */
public final class Der {
    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int UTF8_STRING = 0x0c;
    static final int PRINTABLE_STRING = 0x13;
    static final int IA5_STRING = 0x16;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int BMP_STRING = 0x1e;
    public static final int SEQUENCE = 0x30;
    public static final int SET = 0x31;
    static final byte[] TRUE = {BOOLEAN, 1, (byte) 0xff};

    /** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
    private static final Instant UTC_TIME_END = Instant.parse("2050-01-01T00:00:00Z");

    private Der() {
    }

    /** A tag, the definite length of the parts together, and the parts. */
    public static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        int header = 1 + lengthOctets(length);
        byte[] out = new byte[header + length];
        out[0] = (byte) tag;
        writeLength(out, 1, length);
        int at = header;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    public static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, parts);
    }

    /** A SET OF: DER orders the elements by their encodings (X.690 11.6). */
    static byte[] setOf(byte[]... elements) {
        byte[][] sorted = elements.clone();
        Arrays.sort(sorted, Arrays::compareUnsigned);
        return tlv(SET, sorted);
    }

    /** A constructed, context-specific [number] EXPLICIT tag around the parts. */
    static byte[] explicit(int number, byte[]... parts) {
        return tlv(0xa0 | number, parts);
    }

    public static byte[] integer(BigInteger value) {
        return tlv(INTEGER, value.toByteArray()); // two's complement, minimal: exactly DER's rule
    }

    public static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    public static byte[] octetString(byte[] content) {
        return tlv(OCTET_STRING, content);
    }

    /** A BIT STRING of whole octets. */
    public static byte[] bitString(byte[] content) {
        return tlv(BIT_STRING, new byte[] {0}, content);
    }

    public static byte[] oid(ASN1ObjectIdentifier oid) {
        try {
            return oid.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode " + oid, e);
        }
    }

    /** An AlgorithmIdentifier with NULL parameters, as PKCS#12 writes digests and HMACs. */
    public static byte[] algorithmWithNull(ASN1ObjectIdentifier oid) {
        return sequence(oid(oid), new byte[] {NULL, 0});
    }

    static byte[] utf8String(String text) {
        return tlv(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] printableString(String text) {
        return tlv(PRINTABLE_STRING, ascii(text));
    }

    static byte[] ia5String(String text) {
        return tlv(IA5_STRING, ascii(text));
    }

    static byte[] bmpString(String text) {
        return tlv(BMP_STRING, text.getBytes(StandardCharsets.UTF_16BE));
    }

    static byte[] ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7e || text.charAt(i) < 0x20) {
                throw new IllegalArgumentException("not printable ASCII: " + text);
            }
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A certificate time to the second, as RFC 5280 requires. */
    static byte[] time(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        boolean utc = instant.isBefore(UTC_TIME_END);
        StringBuilder text = new StringBuilder(15);
        if (utc) {
            twoDigits(text, t.getYear() % 100);
        } else {
            text.append(t.getYear());
        }
        twoDigits(text, t.getMonthValue());
        twoDigits(text, t.getDayOfMonth());
        twoDigits(text, t.getHour());
        twoDigits(text, t.getMinute());
        twoDigits(text, t.getSecond());
        text.append('Z');
        return tlv(utc ? UTC_TIME : GENERALIZED_TIME, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void twoDigits(StringBuilder text, int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static int lengthOctets(int length) {
        if (length < 0x80) {
            return 1;
        }
        int octets = 1;
        for (int rest = length; rest > 0; rest >>>= 8) {
            octets++;
        }
        return octets;
    }

    private static void writeLength(byte[] out, int at, int length) {
        if (length < 0x80) {
            out[at] = (byte) length;
            return;
        }
        int count = lengthOctets(length) - 1;
        out[at] = (byte) (0x80 | count);
        for (int i = count; i > 0; i--) {
            out[at + i] = (byte) length;
            length >>>= 8;
        }
    }

    /** Where an element's content starts and ends inside a DER buffer, for reading back what was written. */
    public record Element(int tag, int contentStart, int end) {
        public static Element at(byte[] der, int offset) {
            int tag = der[offset] & 0xff;
            int first = der[offset + 1] & 0xff;
            int count = first < 0x80 ? 0 : first & 0x7f;
            if (count > 3 || first == 0x80) {
                throw new IllegalArgumentException("unsupported DER length at offset " + offset);
            }
            int length = count == 0 ? first : 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[offset + 2 + i] & 0xff);
            }
            int start = offset + 2 + count;
            if (start + length > der.length) {
                throw new IllegalArgumentException("truncated DER at offset " + offset);
            }
            return new Element(tag, start, start + length);
        }

        public byte[] content(byte[] der) {
            return Arrays.copyOfRange(der, contentStart, end);
        }
    }
}
