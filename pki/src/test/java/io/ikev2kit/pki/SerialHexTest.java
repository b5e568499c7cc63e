package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SerialHexTest {
    @Test
    void writesWhatBigIntegerWritesAndReadsItBack() {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            BigInteger serial = switch (i % 3) {
                case 0 -> new BigInteger(random.nextInt(160) + 1, random);   // any length, leading zero nibbles
                case 1 -> new BigInteger(128, random).setBit(127);           // what the CA issues: top bit set
                default -> BigInteger.valueOf(random.nextInt(300));         // short ones, zero included
            };
            String hex = SerialHex.format(serial);
            assertEquals(serial.toString(16).toUpperCase(Locale.ROOT), hex);
            assertEquals(serial, SerialHex.parse(hex));
            assertEquals(serial, SerialHex.parse(hex.toLowerCase(Locale.ROOT)));
        }
        assertEquals("0", SerialHex.format(BigInteger.ZERO));
        assertEquals(BigInteger.valueOf(0xABC), SerialHex.parse("0ABC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1A", "+1A", "12G4", " 12", "12 ", "\u0663\u0664", "0x12"})
    void refusesAnythingButHexDigits(String text) {
        assertThrows(IllegalArgumentException.class, () -> SerialHex.parse(text));
    }
}
