package io.cheluyun.model;

/**
 * A local east-north frame on the WGS84 ellipsoid around an origin, by a second-order flat-earth approximation of
 * the true tangent plane (the "up" coordinate is dropped; applications work in 2-D).
 *
 * <p>First order, east = N·cos φ·Δλ and north = M·Δφ with the meridional (M) and prime-vertical (N) radii of
 * curvature at the origin. Two corrections carry it to second order: east uses cos φ of the point itself, and
 * north adds the convergence of the meridians, N·sin φ₀·cos φ₀·Δλ²/2 (a parallel bends towards the pole in the
 * tangent plane) and the growth of M with latitude, ½·dM/dφ·Δφ². Against GeographicLib's exact {@code LocalCartesian} the horizontal error is below 1 cm within
 * 3 km of the origin and below 5 cm within 10 km at latitudes up to 60° ({@code LocalEnuTest} checks both bounds).
 * A tile is about 1 km across, so positions in a tile frame, and relative vectors between vehicles a few hundred
 * metres apart, are exact to millimetres.
 *
 * <p>Allocation-free: the forward and inverse conversions return one coordinate per call.
 */
public final class LocalEnu {

    /** WGS84 semi-major axis, m. */
    public static final double WGS84_A = 6_378_137.0;
    /** WGS84 flattening. */
    public static final double WGS84_F = 1.0 / 298.257223563;
    private static final double E2 = WGS84_F * (2.0 - WGS84_F);

    private final double originLatDeg;
    private final double originLonDeg;
    private final double metresPerRadLat;
    private final double primeVerticalRadiusM;
    private final double convergence;
    private final double meridianGrowth;

    public LocalEnu(double originLatDeg, double originLonDeg) {
        if (!(Math.abs(originLatDeg) <= 85.0) || !(Math.abs(originLonDeg) <= 180.0)) {
            throw new IllegalArgumentException("origin must be within ±85° latitude and ±180° longitude");
        }
        this.originLatDeg = originLatDeg;
        this.originLonDeg = originLonDeg;
        double phi = Math.toRadians(originLatDeg);
        double s = Math.sin(phi);
        double w = Math.sqrt(1.0 - E2 * s * s);
        this.primeVerticalRadiusM = WGS84_A / w;
        this.metresPerRadLat = WGS84_A * (1.0 - E2) / (w * w * w);
        this.convergence = 0.5 * primeVerticalRadiusM * s * Math.cos(phi);
        // half of dM/dφ: the meridional radius grows towards the poles
        this.meridianGrowth = 1.5 * WGS84_A * (1.0 - E2) * E2 * s * Math.cos(phi) / (w * w * w * w * w);
    }

    /** Length of one degree of latitude at a latitude (meridional radius of curvature), m. */
    public static double metresPerDegreeLat(double latDeg) {
        double s = Math.sin(Math.toRadians(latDeg));
        double w = Math.sqrt(1.0 - E2 * s * s);
        return Math.toRadians(WGS84_A * (1.0 - E2) / (w * w * w));
    }

    /** Length of one degree of longitude at a latitude (parallel's radius), m. */
    public static double metresPerDegreeLon(double latDeg) {
        double phi = Math.toRadians(latDeg);
        double s = Math.sin(phi);
        return Math.toRadians(WGS84_A / Math.sqrt(1.0 - E2 * s * s) * Math.cos(phi));
    }

    /**
     * Flat-earth distance between two points, m: metres per degree at their mid-latitude, longitude the short way
     * round. Within a few kilometres it is exact to well under a metre (far below GNSS error); for longer distances
     * use a geodesic.
     */
    public static double distanceM(GeoPoint a, GeoPoint b) {
        double midLat = 0.5 * (a.latDeg() + b.latDeg());
        double dLon = b.lonDeg() - a.lonDeg();
        if (dLon > 180.0) {
            dLon -= 360.0;
        } else if (dLon < -180.0) {
            dLon += 360.0;
        }
        double east = dLon * metresPerDegreeLon(midLat);
        double north = (b.latDeg() - a.latDeg()) * metresPerDegreeLat(midLat);
        return Math.sqrt(east * east + north * north);
    }

    public double originLatDeg() {
        return originLatDeg;
    }

    public double originLonDeg() {
        return originLonDeg;
    }

    public double eastM(double latDeg, double lonDeg) {
        return primeVerticalRadiusM * Math.cos(Math.toRadians(latDeg)) * deltaLonRad(lonDeg);
    }

    public double northM(double latDeg, double lonDeg) {
        double dLon = deltaLonRad(lonDeg);
        double dLat = Math.toRadians(latDeg - originLatDeg);
        return (metresPerRadLat + meridianGrowth * dLat) * dLat + convergence * dLon * dLon;
    }

    /** Latitude of the point at (east, north) in this frame: the inverse of {@link #eastM}/{@link #northM}. */
    public double latDeg(double eastM, double northM) {
        double dLat = northM / metresPerRadLat;
        for (int i = 0; i < 4; i++) {
            double dLon = eastM / (primeVerticalRadiusM * Math.cos(Math.toRadians(originLatDeg) + dLat));
            dLat = (northM - convergence * dLon * dLon) / (metresPerRadLat + meridianGrowth * dLat);
        }
        return originLatDeg + Math.toDegrees(dLat);
    }

    /** Longitude of the point at (east, north) in this frame. */
    public double lonDeg(double eastM, double northM) {
        double lat = latDeg(eastM, northM);
        double lon = originLonDeg + Math.toDegrees(eastM / (primeVerticalRadiusM * Math.cos(Math.toRadians(lat))));
        return lon > 180.0 ? lon - 360.0 : lon < -180.0 ? lon + 360.0 : lon;
    }

    public GeoPoint toGeo(double eastM, double northM) {
        return new GeoPoint(latDeg(eastM, northM), lonDeg(eastM, northM));
    }

    private double deltaLonRad(double lonDeg) {
        double d = lonDeg - originLonDeg;
        // a frame never spans the antimeridian: take the short way round
        if (d > 180.0) {
            d -= 360.0;
        } else if (d < -180.0) {
            d += 360.0;
        }
        return Math.toRadians(d);
    }
}
