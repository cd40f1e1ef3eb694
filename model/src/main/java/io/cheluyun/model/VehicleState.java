package io.cheluyun.model;

/**
 * One vehicle's reported state at one instant: the canonical form of a CSAE 53 / J2735 BSM or an ETSI CAM.
 *
 * <p>The position is the vehicle's reference point, its centre, as J2735 BSMcoreData and CSAE 53 BSM define it.
 *
 * @param vehicleId            sender's temporary id (hex of the BSM id octets, or the station id)
 * @param timeMicros           message time, epoch microseconds
 * @param position             WGS84 position of the vehicle centre
 * @param elevationM           height above the WGS84 ellipsoid, {@code NaN} if unknown
 * @param headingDeg           direction of travel, degrees clockwise from true north, [0, 360)
 * @param speedMps             ground speed, m/s, ≥ 0
 * @param accelMps2            longitudinal acceleration, m/s², negative when braking; {@code NaN} if unknown
 * @param yawRateDegPerS       yaw rate, degrees/s, positive clockwise; {@code NaN} if unknown
 * @param lengthM              vehicle length, m; {@code NaN} if unknown
 * @param widthM               vehicle width, m; {@code NaN} if unknown
 * @param vehicleClass         class of vehicle
 * @param brakes               brake and stability-control state
 * @param lights               exterior lights
 */
public record VehicleState(
        String vehicleId,
        long timeMicros,
        GeoPoint position,
        double elevationM,
        double headingDeg,
        double speedMps,
        double accelMps2,
        double yawRateDegPerS,
        double lengthM,
        double widthM,
        VehicleClass vehicleClass,
        BrakeState brakes,
        ExteriorLights lights) {

    /** Upper bound of plausible ground speed: J2735 / CSAE 53 Speed saturates at 163.82 m/s (8190 × 0.02). */
    public static final double MAX_SPEED_MPS = 163.82;
    /** Plausible longitudinal acceleration range: J2735 / CSAE 53 Acceleration is ±20 m/s² (±2000 × 0.01). */
    public static final double MAX_ABS_ACCEL_MPS2 = 20.0;

    /**
     * A passenger car of unknown size and acceleration with brakes released and lights off: the minimal state a
     * scenario needs. Refine with {@link #withSize}, {@link #withBrakes} and {@link #movedTo}.
     */
    public static VehicleState of(String vehicleId, long timeMicros, double latDeg, double lonDeg, double headingDeg,
                                  double speedMps) {
        return new VehicleState(vehicleId, timeMicros, new GeoPoint(latDeg, lonDeg), Double.NaN, headingDeg,
                speedMps, Double.NaN, Double.NaN, Double.NaN, Double.NaN, VehicleClass.PASSENGER_CAR,
                BrakeState.NONE, ExteriorLights.NONE);
    }

    public double latDeg() {
        return position.latDeg();
    }

    public double lonDeg() {
        return position.lonDeg();
    }

    /** Returns this state with a new position, heading, speed and time: what a scenario step produces. */
    public VehicleState movedTo(long newTimeMicros, GeoPoint newPosition, double newHeadingDeg, double newSpeedMps,
                                double newAccelMps2) {
        return new VehicleState(vehicleId, newTimeMicros, newPosition, elevationM, newHeadingDeg, newSpeedMps,
                newAccelMps2, yawRateDegPerS, lengthM, widthM, vehicleClass, brakes, lights);
    }

    /** Returns this state with a class and a size. */
    public VehicleState withSize(VehicleClass newClass, double newLengthM, double newWidthM) {
        return new VehicleState(vehicleId, timeMicros, position, elevationM, headingDeg, speedMps, accelMps2,
                yawRateDegPerS, newLengthM, newWidthM, newClass, brakes, lights);
    }

    /** Returns this state with a new brake state. */
    public VehicleState withBrakes(BrakeState newBrakes) {
        return new VehicleState(vehicleId, timeMicros, position, elevationM, headingDeg, speedMps, accelMps2,
                yawRateDegPerS, lengthM, widthM, vehicleClass, newBrakes, lights);
    }

    /**
     * Returns why this state cannot be used, or {@code null} if it can. Required values must be present and
     * finite and within the ranges the standards can express; optional ones may be {@code NaN} but not infinite.
     */
    public String problem() {
        if (vehicleId == null || vehicleId.isBlank()) {
            return "vehicleId must not be empty";
        }
        if (timeMicros <= 0) {
            return "timeMicros must be a positive epoch time, got " + timeMicros;
        }
        if (position == null) {
            return "position is required";
        }
        String positionProblem = position.problem();
        if (positionProblem != null) {
            return positionProblem;
        }
        if (!(headingDeg >= 0.0 && headingDeg < 360.0)) {
            return "headingDeg must be within [0, 360), got " + headingDeg;
        }
        if (!(speedMps >= 0.0 && speedMps <= MAX_SPEED_MPS)) {
            return "speedMps must be within [0, " + MAX_SPEED_MPS + "], got " + speedMps;
        }
        if (!Double.isNaN(accelMps2) && !(Math.abs(accelMps2) <= MAX_ABS_ACCEL_MPS2)) {
            return "accelMps2 must be within ±" + MAX_ABS_ACCEL_MPS2 + " or unknown, got " + accelMps2;
        }
        if (Double.isInfinite(elevationM) || Double.isInfinite(yawRateDegPerS)) {
            return "elevationM and yawRateDegPerS must be finite or unknown";
        }
        if (!Double.isNaN(lengthM) && !(lengthM > 0.0 && lengthM <= 40.0)) {
            return "lengthM must be within (0, 40] or unknown, got " + lengthM;
        }
        if (!Double.isNaN(widthM) && !(widthM > 0.0 && widthM <= 5.0)) {
            return "widthM must be within (0, 5] or unknown, got " + widthM;
        }
        if (vehicleClass == null || brakes == null || lights == null) {
            return "vehicleClass, brakes and lights must not be null";
        }
        return null;
    }
}
