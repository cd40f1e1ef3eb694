package io.cheluyun.apps.scenario;

import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.RoadEventType;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Thirty seconds of a small district in which every Day-1 hazard happens once, for the demo, the suite-level
 * property tests and the benchmarks' sanity check. Around a point (the intersection centre):
 * <ul>
 *   <li><b>The intersection</b> (two lanes per direction, arms 300 m): north–south has green for 12 s (left turns
 *       permissive), amber to 15 s, then red; east–west is red until 15 s, then green. A car runs the red light from
 *       the west into a northbound car (RLVW, ICW); a left-turner from the south meets an oncoming southbound car
 *       (LTA); a pedestrian crosses the north arm in front of that car (VRUCW); a car from the east approaches its
 *       red with a green coming (GLOSA).</li>
 *   <li><b>Avenue</b>, 250 m south, eastbound, two lanes: a leader brakes hard with a follower behind (EBW, FCW); a
 *       car signals left with another in its blind spot (BSW/LCW); a car skids with ABS active (CLW); a broken-down car
 *       stands with hazard lights (AVW); a queue crawls further on (TJW); an ambulance overtakes (EVW).</li>
 *   <li><b>Country road</b>, 400 m south, one lane each way: a car pulls out to pass a truck into oncoming traffic
 *       (DNPW), speeds through a 40 km/h zone (SLW, IVS) and approaches an accident (HLW).</li>
 * </ul>
 */
public final class CityScenario {

    public static final double DURATION_S = 30.0;
    /** Where the demo puts the intersection: central Changchun (Renmin Street). */
    public static final double ORIGIN_LAT_DEG = 43.8868;
    public static final double ORIGIN_LON_DEG = 125.3245;
    public static final IntersectionId INTERSECTION = new IntersectionId(1, 1001);
    /** The kinds of warning this scenario must raise: all sixteen. */
    public static final Set<WarningType> EXPECTED = EnumSet.allOf(WarningType.class);

    private CityScenario() {
    }

    /** The scenario with the intersection centre at the point, starting at {@code startMicros}. */
    public static Timeline timeline(double latDeg, double lonDeg, long startMicros) {
        IntersectionScript x = intersection(latDeg, lonDeg);
        Timeline timeline = x.timeline(startMicros, DURATION_S);
        LocalEnu frame = x.frame();
        timeline.add(avenue(frame).messages(startMicros, DURATION_S));
        RoadScript country = countryRoad(frame);
        timeline.add(country.messages(startMicros, DURATION_S));
        long end = startMicros + Units.secondsToMicros(600);
        timeline.add(new RoadEvent("accident-1", "operator", RoadEventType.ACCIDENT, -1,
                country.zone(420, 440, -3.5, 1.75), Double.NaN, startMicros, end, "collision, one lane blocked"));
        timeline.add(new RoadEvent("limit-40", "rsu-country", RoadEventType.SPEED_LIMIT, -1,
                country.zone(200, 350, -3.5, 1.75), Units.kmhToMps(40), startMicros, end, "40 km/h school zone"));
        return timeline;
    }

    static IntersectionScript intersection(double latDeg, double lonDeg) {
        IntersectionScript x = IntersectionScript.cross(INTERSECTION, latDeg, lonDeg, 2, 10.0);
        for (Arm arm : new Arm[] {Arm.NORTH, Arm.SOUTH}) {
            int straight = IntersectionScript.signalGroup(arm, Maneuver.STRAIGHT);
            int left = IntersectionScript.signalGroup(arm, Maneuver.LEFT_TURN);
            x.phase(straight, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 12)
                    .phase(straight, SignalPhase.PROTECTED_CLEARANCE, 12, 15)
                    .phase(straight, SignalPhase.STOP_AND_REMAIN, 15, 45);
            x.phase(left, SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, 0, 12)
                    .phase(left, SignalPhase.PERMISSIVE_CLEARANCE, 12, 15)
                    .phase(left, SignalPhase.STOP_AND_REMAIN, 15, 45);
        }
        for (Arm arm : new Arm[] {Arm.EAST, Arm.WEST}) {
            int straight = IntersectionScript.signalGroup(arm, Maneuver.STRAIGHT);
            int left = IntersectionScript.signalGroup(arm, Maneuver.LEFT_TURN);
            x.phase(straight, SignalPhase.STOP_AND_REMAIN, 0, 15)
                    .phase(straight, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 15, 27)
                    .phase(straight, SignalPhase.PROTECTED_CLEARANCE, 27, 30)
                    .phase(straight, SignalPhase.STOP_AND_REMAIN, 30, 45);
            x.phase(left, SignalPhase.STOP_AND_REMAIN, 0, 45);
        }
        // RLVW and ICW: a red-light runner from the west meets a northbound car where their lanes cross
        x.vehicle("red-runner").approach(Arm.WEST, 1).toStopLine(120).speedKmh(54).sendPhase(0.01);
        x.vehicle("northbound").approach(Arm.SOUTH, 1).toStopLine(120).speedKmh(54).sendPhase(0.02);
        // LTA: a left-turner from the south, turn signal on, against the southbound car
        x.vehicle("left-turner").approach(Arm.SOUTH, 0).toStopLine(30).speedKmh(20).turn(Maneuver.LEFT_TURN)
                .lights(0, ExteriorLights.of(Light.LEFT_TURN_SIGNAL)).sendPhase(0.03);
        x.vehicle("southbound").approach(Arm.NORTH, 1).toStopLine(100).speedKmh(40).sendPhase(0.04);
        // VRUCW: a pedestrian on the north crosswalk in front of the southbound car, seen by the RSU's camera
        x.walker("ped-17", "rsu-1001", ObjectClass.PEDESTRIAN).path(12, 12, -12, 12).startS(5.0).speedMps(1.4);
        // GLOSA: a car from the east, 250 m out, red now, green from 15 s
        x.vehicle("glosa-car").approach(Arm.EAST, 1).toStopLine(250).speedKmh(50).sendPhase(0.05);
        return x;
    }

    static RoadScript avenue(LocalEnu frame) {
        RoadScript road = RoadScript.straight(frame.latDeg(-300, -250), frame.lonDeg(-300, -250), 90.0, 10.0);
        // EBW + FCW: the leader brakes at −6 m/s², the follower reacts 1.9 s later
        road.vehicle("leader").at(100).speedKmh(60).accel(3.0, -6.0).sendPhase(0.00);
        road.vehicle("follower").at(70).speedKmh(60).accel(4.9, -7.0).sendPhase(0.02);
        // BSW/LCW: signals left with a car in the left lane's blind spot
        road.vehicle("changer").at(200).speedKmh(50).lights(2.0, ExteriorLights.of(Light.LEFT_TURN_SIGNAL))
                .sendPhase(0.04);
        road.vehicle("blind-spot").lateral(-3.5).at(194).speedKmh(50).sendPhase(0.06);
        // CLW: a car skids (ABS and stability control) from 5 s to 7 s, another follows
        road.vehicle("skidder").at(300).speedKmh(50).brakes(5.0, new BrakeState(true, true, false, true))
                .brakes(7.0, BrakeState.NONE).accel(5.0, -3.0).accel(7.0, 0.0).sendPhase(0.08);
        // AVW: broken down in the right lane with hazard lights
        road.vehicle("broken-down").at(520).speedKmh(0).lights(0, ExteriorLights.of(Light.HAZARD_SIGNAL))
                .sendPhase(0.01);
        // TJW: a queue crawls in the left lane further on
        for (int i = 0; i < 4; i++) {
            road.vehicle("queue-" + i).lateral(-3.5).at(560 + i * 8.0).speedKmh(5).sendPhase(0.03 + i * 0.01);
        }
        // EVW: an ambulance comes up the left lane fast
        road.vehicle("ambulance").lateral(-3.5).at(0).speedKmh(80).size(VehicleClass.EMERGENCY, 6.0, 2.1)
                .sendPhase(0.07);
        return road;
    }

    static RoadScript countryRoad(LocalEnu frame) {
        RoadScript road = RoadScript.straight(frame.latDeg(-300, -400), frame.lonDeg(-300, -400), 90.0, 10.0);
        // DNPW: signals left to pass a truck while a car comes the other way
        road.vehicle("passer").at(100).speedKmh(70).lights(1.0, ExteriorLights.of(Light.LEFT_TURN_SIGNAL))
                .sendPhase(0.01);
        road.vehicle("truck").at(145).speedKmh(40).size(VehicleClass.TRUCK, 12.0, 2.5).sendPhase(0.03);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(560).speedKmh(70).sendPhase(0.05);
        return road;
    }

    /** Message time of an input (maps: {@link Long#MIN_VALUE}: they are delivered first). */
    public static long timeOf(Object input) {
        return switch (input) {
            case VehicleState v -> v.timeMicros();
            case SignalState s -> s.timeMicros();
            case PerceivedObject o -> o.timeMicros();
            case RoadEvent e -> e.startMicros();
            case MapIntersection m -> Long.MIN_VALUE;
            default -> throw new IllegalArgumentException("not a scenario input: " + input);
        };
    }
}
