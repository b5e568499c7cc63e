package io.ikev2kit.pki.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {
    @Test
    void formatsAndParsesAsJavaTimeDoes() {
        Random random = new Random(7);
        long year10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long seconds = switch (i % 4) {
                case 0 -> random.nextLong(year10000);                  // any time in years 1970-9999
                case 1 -> random.nextLong(4_200_000_000L);              // the years a certificate is valid in
                case 2 -> -random.nextLong(62_167_219_200L);            // before 1970, back to year 0
                default -> year10000 - 1 - random.nextInt(100_000);     // the last days of year 9999
            };
            int nanos = i % 10 == 0 ? random.nextInt(1_000_000_000) : 0;
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String text = IsoInstant.format(instant);
            assertEquals(instant.toString(), text);
            assertEquals(instant, IsoInstant.parse(text));
        }
        for (String edge : new String[] {"0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z",
                "2024-12-31T23:59:59Z", "9999-12-31T23:59:59Z"}) {
            assertEquals(Instant.parse(edge), IsoInstant.parse(edge));
            assertEquals(edge, IsoInstant.format(Instant.parse(edge)));
        }
    }

    @Test
    void formsOnlyJavaTimeReadsStillRead() {
        for (String other : new String[] {"2028-11-22t17:37:06z", "2028-11-22T17:37:06.5Z", "2028-11-22T23:59:60Z",
                "2028-01-01T24:00:00Z", "+10000-01-01T00:00:00Z"}) {
            assertEquals(Instant.parse(other), IsoInstant.parse(other));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2028-02-30T00:00:00Z", "2027-02-29T00:00:00Z", "2028-13-01T00:00:00Z", "2028-00-01T00:00:00Z",
            "2028-01-00T00:00:00Z", "2028-01-01T25:00:00Z", "2028-01-01T00:60:00Z", "2028-01-01T00:00:61Z",
            "2028-0a-01T00:00:00Z", "2028-01-01 00:00:00Z", "2028-01-01T00:00:00", "", "-",
            // each bound exactly, and each separator replaced: the fast path must fall back, never guess
            "2028-01-01T00:00:60Z", "2028-01-32T00:00:00Z", "2028-04-31T00:00:00Z",
            "2028x01-01T00:00:00Z", "2028-01x01T00:00:00Z", "2028-01-01T00x00:00Z", "2028-01-01T00:00x00Z",
            "2028-01-01T00:00:00x", "2028-01-01T00:00:00ZZ", "2028-01-01T0:00:00Z", "2028-01-01T00:0/:00Z",
            "2028-01-01T00:00::0Z", "/028-01-01T00:00:00Z", "2028-01-01T00:00:0:Z"})
    void refusesWhatJavaTimeRefuses(String text) {
        assertThrows(DateTimeParseException.class, () -> Instant.parse(text));
        assertThrows(DateTimeParseException.class, () -> IsoInstant.parse(text));
    }

    @Test
    void formatsEveryInstantJavaTimeFormatsAsJavaTimeDoes() {
        for (String text : new String[] {"2030-01-02T03:04:05.5Z", "2030-01-02T03:04:05.000000001Z", "1969-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertEquals(instant.toString(), IsoInstant.format(instant), text);
            assertEquals(instant, IsoInstant.parse(IsoInstant.format(instant)), text);
        }
    }
}
