package io.cheluyun.apps;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;

/**
 * Relative motion of two vehicles, shared by the car-following applications (FCW now; EBW, DNPW, BSW later).
 */
public final class Kinematics {

    private Kinematics() {
    }

    /**
     * Where {@code other} is relative to {@code ego}, both brought to the later of their two message times by
     * constant-acceleration dead reckoning along their headings (a vehicle that would reverse stops instead).
     *
     * @param frame local frame near both (the ego's tile frame)
     */
    public static Relative relative(VehicleState ego, VehicleState other, LocalEnu frame) {
        long t = Math.max(ego.timeMicros(), other.timeMicros());
        double egoAdvanceM = advanceM(ego, t);
        double otherAdvanceM = advanceM(other, t);
        double egoH = Math.toRadians(ego.headingDeg());
        double otherH = Math.toRadians(other.headingDeg());
        double ex = frame.eastM(ego.latDeg(), ego.lonDeg()) + egoAdvanceM * Math.sin(egoH);
        double ey = frame.northM(ego.latDeg(), ego.lonDeg()) + egoAdvanceM * Math.cos(egoH);
        double ox = frame.eastM(other.latDeg(), other.lonDeg()) + otherAdvanceM * Math.sin(otherH);
        double oy = frame.northM(other.latDeg(), other.lonDeg()) + otherAdvanceM * Math.cos(otherH);
        double dx = ox - ex;
        double dy = oy - ey;
        double longitudinalM = dx * Math.sin(egoH) + dy * Math.cos(egoH);
        double lateralM = dx * Math.cos(egoH) - dy * Math.sin(egoH);
        double headingDiffDeg = Units.headingDiffDeg(ego.headingDeg(), other.headingDeg());
        double egoSpeed = speedAt(ego, t);
        double otherSpeed = speedAt(other, t);
        double closingMps = egoSpeed - otherSpeed * Math.cos(Math.toRadians(headingDiffDeg));
        return new Relative(t, longitudinalM, lateralM, headingDiffDeg, egoSpeed, otherSpeed, closingMps);
    }

    /**
     * The other vehicle as seen from the ego at time {@code timeMicros}.
     *
     * @param longitudinalM   centre-to-centre distance along the ego's heading, positive ahead
     * @param lateralM        centre-to-centre offset across the ego's heading, positive to the right
     * @param headingDiffDeg  other's heading minus ego's, (−180, 180]
     * @param closingMps      rate at which the longitudinal distance shrinks (ego speed minus the other's speed
     *                        projected on the ego's heading); positive when closing in
     */
    public record Relative(long timeMicros, double longitudinalM, double lateralM, double headingDiffDeg,
                           double egoSpeedMps, double otherSpeedMps, double closingMps) {
    }

    /** Distance travelled from the state's time to {@code t}, constant acceleration, never backwards. */
    public static double advanceM(VehicleState s, long t) {
        double dt = (t - s.timeMicros()) / 1e6;
        if (dt <= 0) {
            return 0.0;
        }
        double a = Double.isNaN(s.accelMps2()) ? 0.0 : s.accelMps2();
        double v = s.speedMps();
        if (a < 0 && v + a * dt < 0) {
            return v * v / (-2.0 * a);
        }
        return v * dt + 0.5 * a * dt * dt;
    }

    static double speedAt(VehicleState s, long t) {
        double dt = (t - s.timeMicros()) / 1e6;
        double a = Double.isNaN(s.accelMps2()) ? 0.0 : s.accelMps2();
        return dt <= 0 ? s.speedMps() : Math.max(0.0, s.speedMps() + a * dt);
    }
}
