package io.cheluyun.model;

/** Unit conversions used across adapters, configuration and scenarios. One canonical unit per quantity. */
public final class Units {

    private Units() {
    }

    public static double kmhToMps(double kmh) {
        return kmh / 3.6;
    }

    public static double mpsToKmh(double mps) {
        return mps * 3.6;
    }

    public static long secondsToMicros(double seconds) {
        return Math.round(seconds * 1_000_000.0);
    }

    public static double microsToSeconds(long micros) {
        return micros / 1_000_000.0;
    }

    /** Smallest signed difference b − a between two headings, degrees in (−180, 180]. */
    public static double headingDiffDeg(double aDeg, double bDeg) {
        double d = bDeg - aDeg;
        if (d >= 540.0 || d <= -540.0) { // floating remainder is slow: only for headings outside [0, 360)
            d %= 360.0;
        }
        if (d > 180.0) {
            d -= 360.0;
        } else if (d <= -180.0) {
            d += 360.0;
        }
        return d;
    }

    /** Heading normalised to [0, 360). */
    public static double normaliseHeadingDeg(double deg) {
        double d = deg % 360.0;
        if (d < 0.0) {
            d += 360.0;
        }
        return d >= 360.0 ? 0.0 : d; // a tiny negative remainder rounds up to exactly 360 when shifted

    }
}
