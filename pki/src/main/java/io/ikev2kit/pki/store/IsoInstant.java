package io.ikev2kit.pki.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#parse} and {@link Instant#toString} for the form the index holds (whole seconds, UTC, years
 * 0000-9999, e.g. 2028-11-22T17:37:06Z), done by hand: java.time's formatter costs a cold JVM about 0.1 ms a
 * call, and every command reads the whole index, so a site with 1000 devices paid ~0.1 s a command for it.
 * Anything else (fractions of a second, out-of-range fields) goes to java.time, with its checks and messages.
 */
final class IsoInstant {
    private static final int LENGTH = "0000-00-00T00:00:00Z".length();
    private static final long YEAR_10000 = LocalDate.of(10000, 1, 1).toEpochDay() * 86_400;

    private IsoInstant() {
    }

    static Instant parse(String text) {
        if (text.length() == LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            if (year >= 0 && month >= 1 && month <= 12 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60) {
                LocalDate first = LocalDate.of(year, month, 1);
                if (day >= 1 && day <= first.lengthOfMonth()) {
                    return Instant.ofEpochSecond((first.toEpochDay() + day - 1) * 86_400 + hour * 3600L + minute * 60L + second);
                }
            }
        }
        return Instant.parse(text);
    }

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (instant.getNano() != 0 || seconds < 0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] out = new char[LENGTH];
        put(out, 0, 4, time.getYear());
        out[4] = '-';
        put(out, 5, 7, time.getMonthValue());
        out[7] = '-';
        put(out, 8, 10, time.getDayOfMonth());
        out[10] = 'T';
        put(out, 11, 13, time.getHour());
        out[13] = ':';
        put(out, 14, 16, time.getMinute());
        out[16] = ':';
        put(out, 17, 19, time.getSecond());
        out[19] = 'Z';
        return new String(out);
    }

    /** The decimal number in text[from, to), or -1 if any of it is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void put(char[] out, int from, int to, int value) {
        for (int i = to - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
