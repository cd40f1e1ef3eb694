package io.cheluyun.apps.scenario;

import io.cheluyun.model.BrakeState;
import io.cheluyun.model.Connection;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.LaneType;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A signalised four-arm cross intersection with scripted traffic: its MAP, its SPAT from a per-signal-group phase
 * plan, vehicles that approach on a lane, cross (straight or turning) and leave, and pedestrians or cyclists reported
 * by a roadside sensor. Everything is produced on message time, ready for a {@link Timeline}.
 *
 * <p>Geometry, in the local frame at the intersection centre: each arm has {@link #lanesPerDirection} ingress lanes
 * (traffic towards the centre, on the right-hand side of the arm as driven in China) and as many egress lanes;
 * lanes are {@link #LANE_WIDTH_M} wide; stop lines lie {@link #STOP_LINE_M} from the centre; arms are
 * {@link #ARM_M} long. Lane k = 0 is the innermost. Lane ids: {@code arm × 10 + 1 + k} for ingress lanes and
 * {@code arm × 10 + 6 + k} for egress lanes (arm: NORTH 0, EAST 1, SOUTH 2, WEST 3). Signal groups: straight and
 * right of arm a = {@code 2a + 1}, left turn = {@code 2a + 2}. The innermost ingress lane allows left and straight,
 * the outermost straight and right (one lane: all three).
 */
public final class IntersectionScript {

    public static final double LANE_WIDTH_M = 3.5;
    public static final double STOP_LINE_M = 15.0;
    public static final double ARM_M = 300.0;

    /** An arm, by the direction it points from the centre. */
    public enum Arm {
        NORTH(0), EAST(90), SOUTH(180), WEST(270);

        final double outwardDeg;

        Arm(double outwardDeg) {
            this.outwardDeg = outwardDeg;
        }

        /** Heading of traffic approaching the centre on this arm. */
        public double approachHeadingDeg() {
            return Units.normaliseHeadingDeg(outwardDeg + 180.0);
        }

        Arm exitFor(Maneuver m) {
            return switch (m) {
                case LEFT_TURN -> values()[(ordinal() + 1) % 4];
                case RIGHT_TURN -> values()[(ordinal() + 3) % 4];
                case U_TURN -> this;
                default -> values()[(ordinal() + 2) % 4];
            };
        }
    }

    private final IntersectionId id;
    private final LocalEnu frame;
    private final int lanesPerDirection;
    private final double rateHz;
    private final TreeMap<Integer, List<double[]>> plan = new TreeMap<>();
    private final List<Vehicle> vehicles = new ArrayList<>();
    private final List<Walker> walkers = new ArrayList<>();

    private IntersectionScript(IntersectionId id, double latDeg, double lonDeg, int lanesPerDirection,
                               double rateHz) {
        this.id = id;
        this.frame = new LocalEnu(latDeg, lonDeg);
        this.lanesPerDirection = lanesPerDirection;
        this.rateHz = rateHz;
    }

    /** A cross intersection centred on the point; vehicles, signals and sensors report at {@code rateHz}. */
    public static IntersectionScript cross(IntersectionId id, double latDeg, double lonDeg, int lanesPerDirection,
                                           double rateHz) {
        if (lanesPerDirection < 1 || lanesPerDirection > 4) {
            throw new IllegalArgumentException("lanesPerDirection must be 1..4, got " + lanesPerDirection);
        }
        return new IntersectionScript(id, latDeg, lonDeg, lanesPerDirection, rateHz);
    }

    public IntersectionId id() {
        return id;
    }

    public LocalEnu frame() {
        return frame;
    }

    public static int laneId(Arm arm, boolean ingress, int k) {
        return arm.ordinal() * 10 + (ingress ? 1 : 6) + k;
    }

    public static int signalGroup(Arm arm, Maneuver maneuver) {
        return arm.ordinal() * 2 + (maneuver == Maneuver.LEFT_TURN ? 2 : 1);
    }

    /** A point given in the intersection frame (east, north metres from the centre). */
    public GeoPoint at(double eastM, double northM) {
        return frame.toGeo(eastM, northM);
    }

    // ---- geometry -------------------------------------------------------------------------------------------

    /** Point on an arm: {@code r} metres out from the centre, {@code rightM} to the right of {@code travelDeg}. */
    private static double[] armPoint(Arm arm, double r, double travelDeg, double rightM) {
        double u = Math.toRadians(arm.outwardDeg);
        double h = Math.toRadians(travelDeg);
        return new double[] {r * Math.sin(u) + rightM * Math.cos(h), r * Math.cos(u) - rightM * Math.sin(h)};
    }

    private static double offsetOf(int k) {
        return (0.5 + k) * LANE_WIDTH_M;
    }

    /** The MAP of the intersection. */
    public MapIntersection map() {
        List<Lane> lanes = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            double in = arm.approachHeadingDeg();
            double out = arm.outwardDeg;
            for (int k = 0; k < lanesPerDirection; k++) {
                Set<Maneuver> allowed = EnumSet.noneOf(Maneuver.class);
                if (k == 0) {
                    allowed.add(Maneuver.LEFT_TURN);
                }
                allowed.add(Maneuver.STRAIGHT);
                if (k == lanesPerDirection - 1) {
                    allowed.add(Maneuver.RIGHT_TURN);
                }
                List<Connection> connections = new ArrayList<>();
                for (Maneuver m : allowed) {
                    int exitK = m == Maneuver.STRAIGHT ? k : m == Maneuver.LEFT_TURN ? 0 : lanesPerDirection - 1;
                    connections.add(new Connection(laneId(arm.exitFor(m), false, exitK), null,
                            signalGroup(arm, m), m));
                }
                connections.sort((a, b) -> Integer.compare(a.maneuver().ordinal(), b.maneuver().ordinal()));
                lanes.add(new Lane(laneId(arm, true, k), LaneType.VEHICLE, true,
                        List.of(geo(armPoint(arm, STOP_LINE_M, in, offsetOf(k))),
                                geo(armPoint(arm, ARM_M, in, offsetOf(k)))),
                        LANE_WIDTH_M, allowed, connections));
                lanes.add(new Lane(laneId(arm, false, k), LaneType.VEHICLE, false,
                        List.of(geo(armPoint(arm, STOP_LINE_M, out, offsetOf(k))),
                                geo(armPoint(arm, ARM_M, out, offsetOf(k)))),
                        LANE_WIDTH_M, Set.of(), List.of()));
            }
        }
        return new MapIntersection(id, "cross " + id, 1, frame.toGeo(0, 0), lanes);
    }

    private GeoPoint geo(double[] p) {
        return frame.toGeo(p[0], p[1]);
    }

    // ---- signals --------------------------------------------------------------------------------------------

    /**
     * Sets signal group {@code group} to {@code phase} from scenario time {@code fromS} to {@code untilS}. Intervals
     * of a group should tile the scenario; times outside any interval report the group as dark.
     */
    public IntersectionScript phase(int group, SignalPhase phase, double fromS, double untilS) {
        plan.computeIfAbsent(group, g -> new ArrayList<>()).add(new double[] {phase.ordinal(), fromS, untilS});
        plan.get(group).sort((a, b) -> Double.compare(a[1], b[1]));
        return this;
    }

    private SignalState signalAt(long startMicros, double s) {
        List<MovementState> movements = new ArrayList<>();
        for (var e : plan.entrySet()) {
            List<double[]> intervals = e.getValue();
            List<MovementEvent> events = new ArrayList<>();
            for (double[] iv : intervals) {
                if (iv[2] > s && events.size() < 3) {
                    events.add(new MovementEvent(SignalPhase.values()[(int) iv[0]],
                            startMicros + Units.secondsToMicros(iv[1]), startMicros + Units.secondsToMicros(iv[2]),
                            startMicros + Units.secondsToMicros(iv[2]), startMicros + Units.secondsToMicros(iv[2])));
                }
            }
            if (events.isEmpty() || intervals.stream().noneMatch(iv -> iv[1] <= s && iv[2] > s)) {
                events.addFirst(new MovementEvent(SignalPhase.DARK, MovementEvent.UNKNOWN_TIME,
                        MovementEvent.UNKNOWN_TIME, MovementEvent.UNKNOWN_TIME, MovementEvent.UNKNOWN_TIME));
            }
            movements.add(new MovementState(e.getKey(), events));
        }
        return new SignalState(id, startMicros + Units.secondsToMicros(s), movements);
    }

    // ---- vehicles -------------------------------------------------------------------------------------------

    /** Adds a vehicle; by default it approaches on the innermost lane of the south arm and goes straight. */
    public Vehicle vehicle(String vehicleId) {
        Vehicle v = new Vehicle(vehicleId);
        vehicles.add(v);
        return v;
    }

    /** One scripted vehicle. Setters return {@code this}. */
    public final class Vehicle {
        private final String id;
        private Arm arm = Arm.SOUTH;
        private int lane;
        private Maneuver maneuver = Maneuver.STRAIGHT;
        private double startToStopLineM = 100.0;
        private final SpeedProfile profile = new SpeedProfile();
        private VehicleClass vehicleClass = VehicleClass.PASSENGER_CAR;
        private double lengthM = 4.6;
        private double widthM = 1.8;
        private final TreeMap<Double, ExteriorLights> lightsFrom = new TreeMap<>();
        private double sendPhaseS;
        private double silentAfterS = Double.POSITIVE_INFINITY;
        private double lateralNoiseM;
        private long noiseSeed;
        private double[][] path;
        private double[] cumulative;

        private Vehicle(String id) {
            this.id = id;
        }

        /** Approaches on ingress lane {@code k} of {@code arm}. */
        public Vehicle approach(Arm approachArm, int k) {
            this.arm = approachArm;
            this.lane = k;
            return this;
        }

        /** Starts {@code metres} before the stop line (negative: already past it). */
        public Vehicle toStopLine(double metres) {
            this.startToStopLineM = metres;
            return this;
        }

        public Vehicle turn(Maneuver m) {
            this.maneuver = m;
            return this;
        }

        public Vehicle speedKmh(double kmh) {
            profile.initialSpeed(Units.kmhToMps(kmh));
            return this;
        }

        public Vehicle accel(double fromS, double accelMps2) {
            profile.accel(fromS, accelMps2);
            return this;
        }

        /** From {@code fromS} on, brakes evenly to stop {@code beforeM} metres before the stop line. */
        public Vehicle stopAtStopLine(double fromS, double beforeM) {
            profile.stopAt(fromS, startToStopLineM - beforeM);
            return this;
        }

        public Vehicle size(VehicleClass cls, double length, double width) {
            this.vehicleClass = cls;
            this.lengthM = length;
            this.widthM = width;
            return this;
        }

        public Vehicle lights(double fromS, ExteriorLights on) {
            lightsFrom.put(fromS, on);
            return this;
        }

        public Vehicle sendPhase(double phaseS) {
            this.sendPhaseS = phaseS;
            return this;
        }

        public Vehicle silentAfter(double s) {
            this.silentAfterS = s;
            return this;
        }

        /** Adds Gaussian lateral position noise (GNSS error) of this standard deviation, seeded. */
        public Vehicle lateralNoise(double sigmaM, long seed) {
            this.lateralNoiseM = sigmaM;
            this.noiseSeed = seed;
            return this;
        }

        public String id() {
            return id;
        }

        /** Distance to the stop line at scenario time {@code s} (negative once past it). */
        public double toStopLineAt(double s) {
            return startToStopLineM - profile.at(s).distanceM();
        }

        /** Speed at scenario time {@code s}, m/s. */
        public double speedAt(double s) {
            return profile.at(s).speedMps();
        }

        /** Path: ingress lane, a turn through the box (quadratic Bézier), egress lane; in the intersection frame. */
        private void buildPath() {
            if (path != null) {
                return;
            }
            double in = arm.approachHeadingDeg();
            Arm exit = arm.exitFor(maneuver);
            int exitK = maneuver == Maneuver.STRAIGHT ? lane : maneuver == Maneuver.LEFT_TURN ? 0
                    : lanesPerDirection - 1;
            double[] start = armPoint(arm, STOP_LINE_M + Math.max(startToStopLineM, 0) + 1.0, in, offsetOf(lane));
            double[] stop = armPoint(arm, STOP_LINE_M, in, offsetOf(lane));
            double[] entry = armPoint(exit, STOP_LINE_M, exit.outwardDeg, offsetOf(exitK));
            double[] end = armPoint(exit, ARM_M, exit.outwardDeg, offsetOf(exitK));
            List<double[]> pts = new ArrayList<>();
            pts.add(start);
            pts.add(stop);
            double[] control = controlPoint(stop, in, entry, exit.outwardDeg);
            for (int i = 1; i <= 16; i++) {
                double t = i / 16.0;
                double a = (1 - t) * (1 - t);
                double b = 2 * (1 - t) * t;
                double c = t * t;
                pts.add(new double[] {a * stop[0] + b * control[0] + c * entry[0],
                        a * stop[1] + b * control[1] + c * entry[1]});
            }
            pts.add(end);
            path = pts.toArray(new double[0][]);
            cumulative = new double[path.length];
            for (int i = 1; i < path.length; i++) {
                cumulative[i] = cumulative[i - 1] + Math.hypot(path[i][0] - path[i - 1][0],
                        path[i][1] - path[i - 1][1]);
            }
        }

        /** Where the approach line and the exit line cross (the midpoint when they are parallel). */
        private static double[] controlPoint(double[] p, double headingIn, double[] q, double headingOut) {
            double dx1 = Math.sin(Math.toRadians(headingIn));
            double dy1 = Math.cos(Math.toRadians(headingIn));
            double dx2 = Math.sin(Math.toRadians(headingOut));
            double dy2 = Math.cos(Math.toRadians(headingOut));
            double det = dx1 * (-dy2) - dy1 * (-dx2);
            if (Math.abs(det) < 1e-9) {
                return new double[] {(p[0] + q[0]) / 2, (p[1] + q[1]) / 2};
            }
            double t = ((q[0] - p[0]) * (-dy2) - (q[1] - p[1]) * (-dx2)) / det;
            return new double[] {p[0] + t * dx1, p[1] + t * dy1};
        }

        /** Position (east, north) and heading at path distance {@code d}. */
        private double[] poseAt(double d) {
            buildPath();
            double s = Math.max(0.0, Math.min(d, cumulative[cumulative.length - 1]));
            int i = 1;
            while (i < cumulative.length - 1 && cumulative[i] < s) {
                i++;
            }
            double seg = cumulative[i] - cumulative[i - 1];
            double f = seg <= 0 ? 0 : (s - cumulative[i - 1]) / seg;
            double x = path[i - 1][0] + f * (path[i][0] - path[i - 1][0]);
            double y = path[i - 1][1] + f * (path[i][1] - path[i - 1][1]);
            double h = Math.toDegrees(Math.atan2(path[i][0] - path[i - 1][0], path[i][1] - path[i - 1][1]));
            return new double[] {x, y, Units.normaliseHeadingDeg(h)};
        }

        private VehicleState state(long startMicros, double s, java.util.Random noise) {
            SpeedProfile.Motion m = profile.at(s);
            double d = 1.0 + Math.min(0, startToStopLineM) * -1 + m.distanceM();
            double[] pose = poseAt(d);
            double[] ahead = poseAt(d + 1.0);
            double yawRate = Units.headingDiffDeg(pose[2], ahead[2]) * m.speedMps();
            double east = pose[0];
            double north = pose[1];
            if (lateralNoiseM > 0) {
                double err = noise.nextGaussian() * lateralNoiseM;
                double h = Math.toRadians(pose[2]);
                east += err * Math.cos(h);
                north -= err * Math.sin(h);
            }
            BrakeState brakes = m.accelMps2() < -0.5 ? new BrakeState(true, false, false, false) : BrakeState.NONE;
            var lights = lightsFrom.floorEntry(s + 1e-9);
            return new VehicleState(id, startMicros + Units.secondsToMicros(s), frame.toGeo(east, north), Double.NaN,
                    pose[2], m.speedMps(), m.accelMps2(), yawRate, lengthM, widthM, vehicleClass, brakes,
                    lights == null ? ExteriorLights.NONE : lights.getValue());
        }
    }

    // ---- pedestrians and cyclists -------------------------------------------------------------------------------

    /**
     * Adds a road user seen by a roadside sensor ({@code sourceId}): it stands at {@code from} until
     * {@code startS}, then moves straight to {@code to} at {@code speedMps} and stands there.
     */
    public Walker walker(String objectId, String sourceId, ObjectClass cls) {
        Walker w = new Walker(objectId, sourceId, cls);
        walkers.add(w);
        return w;
    }

    /** One scripted pedestrian or cyclist. */
    public final class Walker {
        private final String objectId;
        private final String sourceId;
        private final ObjectClass cls;
        private double[] from = {0, 0};
        private double[] to = {0, 0};
        private double startS;
        private double speedMps = 1.4;

        private Walker(String objectId, String sourceId, ObjectClass cls) {
            this.objectId = objectId;
            this.sourceId = sourceId;
            this.cls = cls;
        }

        /** Moves from (east, north) to (east, north), intersection frame. */
        public Walker path(double fromEast, double fromNorth, double toEast, double toNorth) {
            this.from = new double[] {fromEast, fromNorth};
            this.to = new double[] {toEast, toNorth};
            return this;
        }

        public Walker startS(double s) {
            this.startS = s;
            return this;
        }

        public Walker speedMps(double mps) {
            this.speedMps = mps;
            return this;
        }

        private PerceivedObject report(long startMicros, double s) {
            double length = Math.hypot(to[0] - from[0], to[1] - from[1]);
            double walked = Math.max(0.0, Math.min(length, (s - startS) * speedMps));
            boolean moving = s >= startS && walked < length;
            double f = length == 0 ? 0 : walked / length;
            double x = from[0] + f * (to[0] - from[0]);
            double y = from[1] + f * (to[1] - from[1]);
            double heading = moving ? Units.normaliseHeadingDeg(
                    Math.toDegrees(Math.atan2(to[0] - from[0], to[1] - from[1]))) : Double.NaN;
            double size = cls == ObjectClass.PEDESTRIAN ? 0.5 : 1.8;
            return new PerceivedObject(objectId, sourceId, cls, startMicros + Units.secondsToMicros(s),
                    frame.toGeo(x, y), heading, moving ? speedMps : 0.0, size, 0.6, 0.5);
        }
    }

    // ---- output ------------------------------------------------------------------------------------------------

    /** The MAP, the SPAT, every vehicle's BSMs and every sensor report in [0, durationS), merged on message time. */
    public Timeline timeline(long startMicros, double durationS) {
        Timeline timeline = new Timeline().add(map());
        double period = 1.0 / rateHz;
        if (!plan.isEmpty()) {
            for (int k = 0; k * period < durationS; k++) {
                timeline.add(signalAt(startMicros, round(k * period)));
            }
        }
        for (Vehicle v : vehicles) {
            java.util.Random noise = new java.util.Random(v.noiseSeed);
            for (int k = 0; ; k++) {
                double s = round(v.sendPhaseS + k * period);
                if (s >= durationS || s > v.silentAfterS) {
                    break;
                }
                timeline.add(v.state(startMicros, s, noise));
            }
        }
        for (Walker w : walkers) {
            for (int k = 0; k * period < durationS; k++) {
                timeline.add(w.report(startMicros, round(k * period)));
            }
        }
        return timeline;
    }

    private static double round(double s) {
        return Math.round(s * 1e6) / 1e6;
    }
}
