package io.cheluyun.edge.security;

/**
 * IEEE 1609.2 {@code Time64}: TAI microseconds since 2004-01-01 00:00:00 UTC (1609.2 base types, {@code Time64 ::=
 * Uint64}), converted to and from the platform's UTC epoch microseconds.
 *
 * <p>TAI runs ahead of UTC by the leap seconds inserted since the 2004 epoch. They are listed below (IERS
 * Bulletin C: 2005-12-31, 2008-12-31, 2012-06-30, 2015-06-30, 2016-12-31), so the offset is 5 s for any time since
 * 2017-01-01; a leap second announced later must be added to {@link #LEAP_SECONDS_AT_UTC_S}. The epoch itself is the
 * UTC instant, matching the 1609.2 definition (Time64 = 0 at 2004-01-01 00:00:00 UTC; TAI-UTC was 32 s then).
 *
 * <p>Stateless and thread-safe.
 */
public final class Time64 {

    /** 2004-01-01T00:00:00Z in Unix epoch seconds. */
    public static final long EPOCH_2004_UTC_S = 1_072_915_200L;

    /**
     * Unix seconds (UTC) at which each leap second since 2004 took effect (the instant after the inserted second).
     * TAI - UTC grows by one at each.
     */
    static final long[] LEAP_SECONDS_AT_UTC_S = {
        1_136_073_600L, // 2006-01-01
        1_230_768_000L, // 2009-01-01
        1_341_100_800L, // 2012-07-01
        1_435_708_800L, // 2015-07-01
        1_483_228_800L, // 2017-01-01
    };

    private static final long MICROS = 1_000_000L;

    /** Largest Time64 whose UTC epoch microseconds fit a {@code long} (about the year 294 000). */
    public static final long MAX = Long.MAX_VALUE - EPOCH_2004_UTC_S * MICROS;

    private Time64() {
    }

    /** Leap seconds between the 2004 epoch and a UTC instant (0..5). */
    public static int leapSecondsSince2004(long utcMicros) {
        long s = Math.floorDiv(utcMicros, MICROS);
        int n = 0;
        for (long at : LEAP_SECONDS_AT_UTC_S) {
            if (s >= at) {
                n++;
            }
        }
        return n;
    }

    /**
     * Time64 of a UTC epoch instant in microseconds.
     *
     * @throws IllegalArgumentException before 2004-01-01 (Time64 is unsigned)
     */
    public static long fromUtcMicros(long utcMicros) {
        long t = utcMicros - EPOCH_2004_UTC_S * MICROS;
        if (t < 0) {
            throw new IllegalArgumentException("Time64 cannot represent " + utcMicros + " µs: before 2004-01-01");
        }
        return t + leapSecondsSince2004(utcMicros) * MICROS;
    }

    /**
     * UTC epoch microseconds of a Time64 (during an inserted leap second, the UTC instant after it).
     *
     * @throws IllegalArgumentException outside {@code 0..}{@link #MAX}
     */
    public static long toUtcMicros(long time64) {
        if (time64 < 0 || time64 > MAX) {
            throw new IllegalArgumentException("Time64 " + Long.toUnsignedString(time64) + " is out of range");
        }
        long base = time64 + EPOCH_2004_UTC_S * MICROS;
        for (int leaps = LEAP_SECONDS_AT_UTC_S.length; leaps > 0; leaps--) {
            long utc = base - leaps * MICROS;
            if (Math.floorDiv(utc, MICROS) >= LEAP_SECONDS_AT_UTC_S[leaps - 1]) {
                return utc;
            }
        }
        return base;
    }
}
