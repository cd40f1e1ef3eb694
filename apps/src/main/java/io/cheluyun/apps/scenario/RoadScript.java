package io.cheluyun.apps.scenario;

import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A straight road with scripted vehicles, producing the BSMs they would send. The road starts at an origin and runs
 * along a heading; a vehicle has a lateral offset (positive to the right of the road direction, so −3.5 m is the
 * lane to the left), a start position along the road, a direction (with or against the road), an initial speed and
 * acceleration phases on scenario time. Motion is integrated in 10 ms steps, speeds never go below zero, and
 * messages come at the road's rate, each vehicle offset by its send phase.
 */
public final class RoadScript {

    private final double originLatDeg;
    private final double originLonDeg;
    private final double headingDeg;
    private final double rateHz;
    private final List<Vehicle> vehicles = new ArrayList<>();

    private RoadScript(double originLatDeg, double originLonDeg, double headingDeg, double rateHz) {
        this.originLatDeg = originLatDeg;
        this.originLonDeg = originLonDeg;
        this.headingDeg = Units.normaliseHeadingDeg(headingDeg);
        this.rateHz = rateHz;
    }

    /** A road from the origin along the heading; vehicles report at {@code rateHz} (BSMs: 10 Hz). */
    public static RoadScript straight(double originLatDeg, double originLonDeg, double headingDeg, double rateHz) {
        if (!(rateHz > 0 && rateHz <= 100)) {
            throw new IllegalArgumentException("rateHz must be within (0, 100], got " + rateHz);
        }
        return new RoadScript(originLatDeg, originLonDeg, headingDeg, rateHz);
    }

    /** Adds a vehicle travelling with the road direction; configure it with the returned builder. */
    public Vehicle vehicle(String id) {
        Vehicle v = new Vehicle(id);
        vehicles.add(v);
        return v;
    }

    /** One scripted vehicle. Setters return {@code this}. */
    public final class Vehicle {
        private final String id;
        private double lateralM;
        private double startAlongM;
        private boolean oncoming;
        private final SpeedProfile profile = new SpeedProfile();
        private double lengthM = 4.6;
        private double widthM = 1.8;
        private VehicleClass vehicleClass = VehicleClass.PASSENGER_CAR;
        private double sendPhaseS;
        private double silentAfterS = Double.POSITIVE_INFINITY;
        private final TreeMap<Double, ExteriorLights> lightsFrom = new TreeMap<>();
        private final TreeMap<Double, BrakeState> brakesFrom = new TreeMap<>();
        private double laneChangeFromS = Double.POSITIVE_INFINITY;
        private double laneChangeDurationS = 1.0;
        private double laneChangeToM;

        private Vehicle(String id) {
            this.id = id;
        }

        public Vehicle lateral(double offsetM) {
            this.lateralM = offsetM;
            return this;
        }

        public Vehicle at(double alongM) {
            this.startAlongM = alongM;
            return this;
        }

        /** Drives against the road direction (opposite carriageway or a head-on scenario). */
        public Vehicle oncoming() {
            this.oncoming = true;
            return this;
        }

        public Vehicle speedKmh(double kmh) {
            profile.initialSpeed(Units.kmhToMps(kmh));
            return this;
        }

        public Vehicle size(VehicleClass cls, double length, double width) {
            this.vehicleClass = cls;
            this.lengthM = length;
            this.widthM = width;
            return this;
        }

        /** From scenario time {@code fromS} on, accelerate at {@code accelMps2} (negative brakes). */
        public Vehicle accel(double fromS, double accelMps2) {
            profile.accel(fromS, accelMps2);
            return this;
        }

        /** From scenario time {@code fromS} on, the exterior lights are {@code on} (turn signals, hazard lights). */
        public Vehicle lights(double fromS, ExteriorLights on) {
            lightsFrom.put(fromS, on);
            return this;
        }

        /**
         * From scenario time {@code fromS} on, the brake system reports {@code state} (ABS/TCS/ESC activity for CLW);
         * before the first such call the brake flag follows the deceleration.
         */
        public Vehicle brakes(double fromS, BrakeState state) {
            brakesFrom.put(fromS, state);
            return this;
        }

        /** Moves linearly to lateral offset {@code toM} between {@code fromS} and {@code fromS + durationS}. */
        public Vehicle laneChange(double fromS, double toM, double durationS) {
            this.laneChangeFromS = fromS;
            this.laneChangeToM = toM;
            this.laneChangeDurationS = durationS;
            return this;
        }

        /** Lateral offset at scenario time {@code s}. */
        double lateralAt(double s) {
            if (s <= laneChangeFromS) {
                return lateralM;
            }
            double f = Math.min(1.0, (s - laneChangeFromS) / laneChangeDurationS);
            return lateralM + f * (laneChangeToM - lateralM);
        }

        /** Offset of this vehicle's messages within the message period, s. */
        public Vehicle sendPhase(double phaseS) {
            this.sendPhaseS = phaseS;
            return this;
        }

        /** The vehicle stops sending after this scenario time (radio loss, switched off). */
        public Vehicle silentAfter(double s) {
            this.silentAfterS = s;
            return this;
        }

        public String id() {
            return id;
        }
    }

    /** Position along the road, speed and acceleration of a vehicle at a scenario time. */
    public record Motion(double alongM, double speedMps, double accelMps2) {
    }

    /** Integrates a vehicle's motion from 0 to {@code s}. */
    public Motion motion(Vehicle v, double s) {
        SpeedProfile.Motion m = v.profile.at(s);
        return new Motion(v.startAlongM + (v.oncoming ? -m.distanceM() : m.distanceM()), m.speedMps(), m.accelMps2());
    }

    /**
     * A geofence along the road: the rectangle from {@code fromAlongM} to {@code toAlongM} along the road and from
     * {@code leftM} to {@code rightM} across it (lateral offsets as for vehicles: negative is left of the road
     * direction), as WGS84 vertices for a {@link io.cheluyun.model.RoadEvent}'s area.
     */
    public List<GeoPoint> zone(double fromAlongM, double toAlongM, double leftM, double rightM) {
        LocalEnu frame = new LocalEnu(originLatDeg, originLonDeg);
        double h = Math.toRadians(headingDeg);
        double[][] corners = {{fromAlongM, leftM}, {toAlongM, leftM}, {toAlongM, rightM}, {fromAlongM, rightM}};
        List<GeoPoint> area = new ArrayList<>(4);
        for (double[] c : corners) {
            area.add(frame.toGeo(c[0] * Math.sin(h) + c[1] * Math.cos(h), c[0] * Math.cos(h) - c[1] * Math.sin(h)));
        }
        return area;
    }

    /** Every message sent in [0, durationS), ordered by time and then by the order vehicles were added. */
    public List<VehicleState> messages(long startMicros, double durationS) {
        LocalEnu frame = new LocalEnu(originLatDeg, originLonDeg);
        double h = Math.toRadians(headingDeg);
        List<VehicleState> out = new ArrayList<>();
        double period = 1.0 / rateHz;
        for (int index = 0; index < vehicles.size(); index++) {
            Vehicle v = vehicles.get(index);
            for (int k = 0; ; k++) {
                double s = round(v.sendPhaseS + k * period);
                if (s >= durationS || s > v.silentAfterS) {
                    break;
                }
                out.add(state(v, frame, h, startMicros, s));
            }
        }
        Comparator<VehicleState> byTime = Comparator.comparingLong(VehicleState::timeMicros);
        List<String> order = vehicles.stream().map(Vehicle::id).toList();
        out.sort(byTime.thenComparingInt(s -> order.indexOf(s.vehicleId())));
        return out;
    }

    private VehicleState state(Vehicle v, LocalEnu frame, double h, long startMicros, double s) {
        Motion m = motion(v, s);
        double lateral = v.lateralAt(s);
        double east = m.alongM() * Math.sin(h) + lateral * Math.cos(h);
        double north = m.alongM() * Math.cos(h) - lateral * Math.sin(h);
        double heading = v.oncoming ? Units.normaliseHeadingDeg(headingDeg + 180.0) : headingDeg;
        if (s > v.laneChangeFromS && s < v.laneChangeFromS + v.laneChangeDurationS && m.speedMps() > 0) {
            // the course turns towards the target lane while changing
            double lateralSpeed = (v.laneChangeToM - v.lateralM) / v.laneChangeDurationS;
            heading = Units.normaliseHeadingDeg(heading + Math.toDegrees(Math.atan2(lateralSpeed, m.speedMps()))
                    * (v.oncoming ? -1 : 1));
        }
        // J2735 / CSAE 53 brake status: service brakes applied when decelerating harder than coasting
        var scriptedBrakes = v.brakesFrom.floorEntry(s + 1e-9);
        BrakeState brakes = scriptedBrakes != null ? scriptedBrakes.getValue()
                : m.accelMps2() < -0.5 ? new BrakeState(true, false, false, false) : BrakeState.NONE;
        var lights = v.lightsFrom.floorEntry(s + 1e-9);
        long t = startMicros + Units.secondsToMicros(s);
        return new VehicleState(v.id, t, frame.toGeo(east, north), Double.NaN, heading, m.speedMps(),
                m.accelMps2(), 0.0, v.lengthM, v.widthM, v.vehicleClass, brakes,
                lights == null ? ExteriorLights.NONE : lights.getValue());
    }

    private static double round(double s) {
        return Math.round(s * 1e6) / 1e6;
    }
}
