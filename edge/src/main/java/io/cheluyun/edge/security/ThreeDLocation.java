package io.cheluyun.edge.security;

/**
 * Where a signed message was generated (IEEE 1609.2 base types, {@code ThreeDLocation}): WGS-84 latitude and
 * longitude in 1/10 microdegree, elevation as the raw {@code Elevation} Uint16.
 *
 * @param latitude1e7  {@code NinetyDegreeInt}: -900 000 000..900 000 000, or 900 000 001 = unavailable
 * @param longitude1e7 {@code OneEightyDegreeInt}: -1 799 999 999..1 800 000 000, or 1 800 000 001 = unavailable
 * @param elevationRaw {@code Elevation ::= Uint16}: decimetres above a minimum height of -409.5 m (so 4095 is the
 *                     ellipsoid, 65535 is 6143.9 m)
 */
public record ThreeDLocation(int latitude1e7, int longitude1e7, int elevationRaw) {

    /** {@code NinetyDegreeInt} value meaning "latitude unavailable". */
    public static final int LATITUDE_UNAVAILABLE = 900_000_001;
    /** {@code OneEightyDegreeInt} value meaning "longitude unavailable". */
    public static final int LONGITUDE_UNAVAILABLE = 1_800_000_001;

    public ThreeDLocation {
        if (latitude1e7 < -900_000_000 || latitude1e7 > LATITUDE_UNAVAILABLE) {
            throw new IllegalArgumentException("latitude1e7 must be -900000000..900000001, got " + latitude1e7);
        }
        if (longitude1e7 < -1_799_999_999 || longitude1e7 > LONGITUDE_UNAVAILABLE) {
            throw new IllegalArgumentException("longitude1e7 must be -1799999999..1800000001, got " + longitude1e7);
        }
        if (elevationRaw < 0 || elevationRaw > 0xffff) {
            throw new IllegalArgumentException("elevationRaw must be 0..65535, got " + elevationRaw);
        }
    }

    /** From degrees and metres (rounded to the encoding's resolution, elevation clamped to its range). */
    public static ThreeDLocation ofDegrees(double latDeg, double lonDeg, double elevationM) {
        int elevation = (int) Math.round((elevationM + 409.5) * 10);
        return new ThreeDLocation((int) Math.round(latDeg * 1e7), (int) Math.round(lonDeg * 1e7),
                Math.clamp(elevation, 0, 0xffff));
    }

    public double latDeg() {
        return latitude1e7 * 1e-7;
    }

    public double lonDeg() {
        return longitude1e7 * 1e-7;
    }

    public double elevationM() {
        return elevationRaw * 0.1 - 409.5;
    }
}
