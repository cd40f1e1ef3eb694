package io.cheluyun.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;

/**
 * Checks the flat-earth frame against the exact tangent-plane frame (geodetic → ECEF → rotation to east-north-up),
 * with test points placed by GeographicLib's geodesic solution: the error bound stated in {@link LocalEnu}'s
 * documentation is what these properties enforce.
 */
class LocalEnuTest {

    /** Exact east and north of a point on the ellipsoid (height 0) in the tangent plane at the origin. */
    static double[] exactEnu(double lat0, double lon0, double lat, double lon) {
        double[] p0 = ecef(lat0, lon0);
        double[] p = ecef(lat, lon);
        double dx = p[0] - p0[0];
        double dy = p[1] - p0[1];
        double dz = p[2] - p0[2];
        double phi = Math.toRadians(lat0);
        double lam = Math.toRadians(lon0);
        double east = -Math.sin(lam) * dx + Math.cos(lam) * dy;
        double north = -Math.sin(phi) * Math.cos(lam) * dx - Math.sin(phi) * Math.sin(lam) * dy + Math.cos(phi) * dz;
        return new double[] {east, north};
    }

    private static double[] ecef(double latDeg, double lonDeg) {
        double e2 = LocalEnu.WGS84_F * (2 - LocalEnu.WGS84_F);
        double phi = Math.toRadians(latDeg);
        double lam = Math.toRadians(lonDeg);
        double n = LocalEnu.WGS84_A / Math.sqrt(1 - e2 * Math.sin(phi) * Math.sin(phi));
        return new double[] {n * Math.cos(phi) * Math.cos(lam), n * Math.cos(phi) * Math.sin(lam),
                n * (1 - e2) * Math.sin(phi)};
    }

    /** A point at a geodesic distance and azimuth from the origin, then both frames' horizontal coordinates. */
    private static double horizontalErrorM(double lat0, double lon0, double azimuthDeg, double distanceM) {
        GeodesicData p = Geodesic.WGS84.Direct(lat0, lon0, azimuthDeg, distanceM);
        double[] exact = exactEnu(lat0, lon0, p.lat2, p.lon2);
        LocalEnu enu = new LocalEnu(lat0, lon0);
        return Math.hypot(enu.eastM(p.lat2, p.lon2) - exact[0], enu.northM(p.lat2, p.lon2) - exact[1]);
    }

    @Property(tries = 2000)
    void errorBelowOneCentimetreWithinThreeKilometres(
            @ForAll @DoubleRange(min = -60, max = 60) double lat0,
            @ForAll @DoubleRange(min = -179, max = 179) double lon0,
            @ForAll @DoubleRange(min = 0, max = 360) double azimuthDeg,
            @ForAll @DoubleRange(min = 0, max = 3000) double distanceM) {
        assertThat(horizontalErrorM(lat0, lon0, azimuthDeg, distanceM)).isLessThan(0.01);
    }

    @Property(tries = 2000)
    void errorBelowFiveCentimetresWithinTenKilometres(
            @ForAll @DoubleRange(min = -60, max = 60) double lat0,
            @ForAll @DoubleRange(min = -179, max = 179) double lon0,
            @ForAll @DoubleRange(min = 0, max = 360) double azimuthDeg,
            @ForAll @DoubleRange(min = 0, max = 10_000) double distanceM) {
        assertThat(horizontalErrorM(lat0, lon0, azimuthDeg, distanceM)).isLessThan(0.05);
    }

    @Property(tries = 1000)
    void inverseReturnsTheOriginalPosition(
            @ForAll @DoubleRange(min = -60, max = 60) double lat0,
            @ForAll @DoubleRange(min = -179, max = 179) double lon0,
            @ForAll @DoubleRange(min = -5000, max = 5000) double eastM,
            @ForAll @DoubleRange(min = -5000, max = 5000) double northM) {
        LocalEnu enu = new LocalEnu(lat0, lon0);
        GeoPoint p = enu.toGeo(eastM, northM);
        assertThat(enu.eastM(p.latDeg(), p.lonDeg())).isCloseTo(eastM, within(1e-6));
        assertThat(enu.northM(p.latDeg(), p.lonDeg())).isCloseTo(northM, within(1e-6));
    }

    @Test
    void oneHundredMetresEastAtChangchunIsOneHundredMetres() {
        double lat0 = 43.8868;
        double lon0 = 125.3245;
        GeodesicData east = Geodesic.WGS84.Direct(lat0, lon0, 90.0, 100.0);
        LocalEnu enu = new LocalEnu(lat0, lon0);
        assertThat(enu.eastM(east.lat2, east.lon2)).isCloseTo(100.0, within(0.001));
        assertThat(enu.northM(east.lat2, east.lon2)).isCloseTo(0.0, within(0.001));
    }

    @Test
    void firstOrderFrameWouldMissTheBoundSoTheCorrectionsMatter() {
        // 3 km along the parallel at 44° N: the parallel curves ~0.5 m north of the tangent plane's east axis,
        // which a first-order frame (north = M·Δφ = 0) would miss.
        double lon = 125.0 + 0.0374;
        double[] exact = exactEnu(44.0, 125.0, 44.0, lon);
        assertThat(exact[0]).isCloseTo(3000.0, within(10.0));
        assertThat(exact[1]).isGreaterThan(0.5);
        assertThat(new LocalEnu(44.0, 125.0).northM(44.0, lon)).isCloseTo(exact[1], within(0.01));
    }

    @Test
    void takesTheShortWayAcrossTheAntimeridian() {
        LocalEnu enu = new LocalEnu(0.0, 179.999);
        assertThat(enu.eastM(0.0, -179.999)).isCloseTo(222.6, within(0.1));
        assertThat(enu.lonDeg(222.6, 0.0)).isCloseTo(-179.999, within(1e-5));
    }
}
