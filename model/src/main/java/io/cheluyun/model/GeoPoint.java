package io.cheluyun.model;

/** A WGS84 position in degrees. */
public record GeoPoint(double latDeg, double lonDeg) {

    /** Returns a reason this point is unusable, or {@code null} if it is a valid WGS84 position. */
    public String problem() {
        if (!(latDeg >= -90.0 && latDeg <= 90.0)) {
            return "latDeg must be within [-90, 90], got " + latDeg;
        }
        if (!(lonDeg >= -180.0 && lonDeg <= 180.0)) {
            return "lonDeg must be within [-180, 180], got " + lonDeg;
        }
        return null;
    }
}
