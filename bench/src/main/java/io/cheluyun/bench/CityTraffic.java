package io.cheluyun.bench;

import io.cheluyun.apps.scenario.IntersectionScript;
import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic city for the benchmarks: a grid of signalised cross intersections 700 m apart (MAPs from
 * {@link IntersectionScript}, three lanes per direction), each approach lane holding cars 25 m apart at 30–50 km/h
 * driving straight through, every 40th braking hard, reporting at 10 Hz; SPAT for every intersection at 10 Hz with a
 * 30 s two-phase plan. Positions are analytic (constant speed or constant deceleration to a stop), so generating a
 * city of 10,000 vehicles takes well under a second.
 */
final class CityTraffic {

    static final double SPACING_M = 700.0;
    static final int LANES = 3;
    static final double GAP_M = 25.0;

    final List<MapIntersection> maps = new ArrayList<>();
    /** Messages in time order: SPAT and BSMs of each 100 ms cycle. */
    final List<Object> messages = new ArrayList<>();
    final int vehicles;

    CityTraffic(double originLat, double originLon, int targetVehicles, double durationS, long t0) {
        int perIntersection = 4 * LANES * (int) ((IntersectionScript.ARM_M - 30) / GAP_M);
        int intersections = Math.max(1, (int) Math.ceil((double) targetVehicles / perIntersection));
        int side = (int) Math.ceil(Math.sqrt(intersections));
        LocalEnu city = new LocalEnu(originLat, originLon);
        List<double[]> cars = new ArrayList<>(); // east, north, heading, speed, decel, x-index
        List<IntersectionId> ids = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < intersections; i++) {
            double ce = (i % side) * SPACING_M;
            double cn = (i / side) * SPACING_M;
            IntersectionId id = new IntersectionId(1, i + 1);
            ids.add(id);
            IntersectionScript x = IntersectionScript.cross(id, city.latDeg(ce, cn), city.lonDeg(ce, cn), LANES, 10);
            maps.add(x.map());
            for (Arm arm : Arm.values()) {
                double travel = Math.toRadians(arm.approachHeadingDeg());
                for (int k = 0; k < LANES; k++) {
                    double offset = (0.5 + k) * IntersectionScript.LANE_WIDTH_M;
                    for (double d = IntersectionScript.STOP_LINE_M + 10; d < IntersectionScript.ARM_M - 15;
                            d += GAP_M) {
                        if (n >= targetVehicles) {
                            break;
                        }
                        // start d out on the arm, in lane k, heading to the centre
                        double e = ce - d * Math.sin(travel) + offset * Math.cos(travel);
                        double no = cn - d * Math.cos(travel) - offset * Math.sin(travel);
                        double speed = Units.kmhToMps(30 + (n * 7) % 21);
                        double decel = n % 40 == 0 ? -6.0 : 0.0;
                        cars.add(new double[] {e, no, arm.approachHeadingDeg(), speed, decel});
                        n++;
                    }
                }
            }
        }
        this.vehicles = n;
        int cycles = (int) Math.round(durationS * 10);
        for (int c = 0; c < cycles; c++) {
            double s = c / 10.0;
            long t = t0 + Units.secondsToMicros(s);
            for (IntersectionId id : ids) {
                messages.add(spat(id, t0, s));
            }
            for (int v = 0; v < cars.size(); v++) {
                double[] car = cars.get(v);
                double phase = (v % 10) / 100.0;
                double at = s + phase;
                double speed = Math.max(0.0, car[3] + car[4] * at);
                double travelled = car[4] < 0 && speed == 0 ? car[3] * car[3] / (-2 * car[4])
                        : car[3] * at + 0.5 * car[4] * at * at;
                double h = Math.toRadians(car[2]);
                double e = car[0] + travelled * Math.sin(h);
                double no = car[1] + travelled * Math.cos(h);
                messages.add(VehicleState.of(String.format("c%05d", v), t + Units.secondsToMicros(phase),
                        city.latDeg(e, no), city.lonDeg(e, no), car[2], speed));
            }
        }
    }

    private static SignalState spat(IntersectionId id, long t0, double s) {
        double cycle = s % 30.0;
        long start = t0 + Units.secondsToMicros(s - cycle);
        boolean nsGreen = cycle < 15;
        List<MovementState> movements = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            boolean green = (arm == Arm.NORTH || arm == Arm.SOUTH) == nsGreen;
            long end = start + Units.secondsToMicros(nsGreen ? 15 : 30);
            long next = start + Units.secondsToMicros(nsGreen ? 30 : 45);
            SignalPhase now = green ? SignalPhase.PROTECTED_MOVEMENT_ALLOWED : SignalPhase.STOP_AND_REMAIN;
            SignalPhase then = green ? SignalPhase.STOP_AND_REMAIN : SignalPhase.PROTECTED_MOVEMENT_ALLOWED;
            movements.add(new MovementState(IntersectionScript.signalGroup(arm, Maneuver.STRAIGHT), List.of(
                    new MovementEvent(now, start, end, end, end), new MovementEvent(then, end, next, next, next))));
        }
        return new SignalState(id, t0 + Units.secondsToMicros(s), movements);
    }
}
