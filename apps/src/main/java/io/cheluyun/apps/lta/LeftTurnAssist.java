package io.cheluyun.apps.lta;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.Kinematics.Relative;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.Advice;
import io.cheluyun.model.Connection;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.Lane;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.Severity;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.IntersectionGeometry;
import io.cheluyun.twin.LaneGeometry;
import io.cheluyun.twin.LaneMatch;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * Left Turn Assist (T/CSAE 53-2017 Day-1): warns a vehicle about to turn left at an intersection that an oncoming
 * vehicle will reach the area its turn crosses too soon to turn ahead of it (right-hand traffic: a left turn
 * crosses the oncoming lanes).
 *
 * <p><b>Host.</b> A vehicle on an ingress lane that allows a left turn, indicating left (or on a left-only lane),
 * at most {@link LtaConfig#hostZoneM()} before its stop line and slower than {@link LtaConfig#maxHostSpeedMps()}.
 * A host that drives on into the box (where no lane matches: the left-turn waiting area of Chinese intersections)
 * stays one, on the lane it came from, while it is within the box and has not turned left by more than
 * {@link LtaConfig#maxTurnProgressDeg()}. A host whose left-turn signal group shows a stop phase is not warned: it
 * must wait anyway (and RLVW warns it if it does not), which keeps protected-left phasing, where the oncoming
 * traffic flows while the left arrow is red, free of nuisance warnings.
 *
 * <p><b>Oncoming.</b> A vehicle heading against the host's approach direction (difference above
 * {@link LtaConfig#minOpposingHeadingDiffDeg()}) that is not turning left itself (opposing left turns pass each
 * other in the standard layout): on an ingress lane of the same intersection, or unmatched with its line of travel
 * through the box. Its conflict point is where its path passes the intersection's MAP reference point, the middle
 * of the area a left turn sweeps: its distance to the stop line plus the stop line's distance to the reference
 * point along the lane, or, unmatched, its distance along its heading to the reference point. Both vehicles are
 * brought to a common time by dead reckoning ({@link Kinematics}); the oncoming front reaches the conflict point
 * after the time to cover the remaining distance at its current speed, or at its deceleration when braking (one
 * braking to stop before it never reaches it). A vehicle already past the point, or standing, is no conflict.
 *
 * <p>Warns when that time is below {@link LtaConfig#gapS()}. Each vehicle update is evaluated in both roles, as
 * host against the oncoming vehicles near its intersection and, on an ingress lane, as oncoming against the hosts
 * near its intersection, so the warning comes with the first message after the gap closes, whichever vehicle sent
 * it (an unmatched oncoming vehicle, whose intersection is not known from its own state, is found at the host's next
 * message, at most one BSM period later). One warning per (host, oncoming) pair: it stays active while the time is below {@link LtaConfig#rearmGapS()}
 * and re-arms after {@link LtaConfig#clearHoldMs()} above it.
 */
public final class LeftTurnAssist implements CooperativeApp {

    /** A host in the box counts while within this of the circle through its stop line around the reference point. */
    private static final double BOX_MARGIN_M = 5.0;
    /** Lane offsets between the host's stop line and the oncoming's, added to the host search radius. */
    private static final double SEARCH_MARGIN_M = 10.0;
    /** A remembered host that has sent nothing for this long (20 missed BSMs) is forgotten. */
    private static final long HOST_MEMORY_MICROS = 2_000_000L;
    /** A host in the box heading more than this to the right of its approach is not turning left. */
    private static final double MAX_RIGHTWARD_DEG = 30.0;

    private final LtaConfig config;
    private final long maxStateAgeMicros;
    private final Hysteresis<Pair> hazards;
    private final List<VehicleState> neighbours = new ArrayList<>();
    /** Left-turning hosts last seen on an ingress lane within the host zone, by vehicle id. */
    private final HashMap<String, Turning> turning = new HashMap<>();

    public LeftTurnAssist(LtaConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    private record Pair(String host, String oncoming) {
    }

    /** The lane a left-turning host came from, and when it was last seen on it or in the box after it. */
    private static final class Turning {
        LaneGeometry lane;
        long seenMicros;
    }

    @Override
    public String name() {
        return "lta";
    }

    /** Number of (host, oncoming) pairs currently warned and not yet re-armed. */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState v, TwinView twin, WarningSink out) {
        LaneMatch match = twin.laneMatch(v.vehicleId());
        remember(v, match);
        LaneGeometry hostLane = hostLane(v, match, twin);
        if (hostLane != null) {
            asHost(v, hostLane, twin, out);
        } else if (match != null && match.ingress()) {
            asOncoming(v, match, twin, out);
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
        for (Iterator<Turning> it = turning.values().iterator(); it.hasNext(); ) {
            if (nowMicros - it.next().seenMicros >= HOST_MEMORY_MICROS) {
                it.remove();
            }
        }
    }

    // ---- roles ----------------------------------------------------------------------------------------------

    private void asHost(VehicleState host, LaneGeometry hostLane, TwinView twin, WarningSink out) {
        IntersectionGeometry ix = hostLane.intersection();
        GeoPoint centre = ix.map().referencePoint();
        double radiusM = config.maxOncomingSpeedMps() * config.rearmGapS() + boxRadiusM(hostLane) + SEARCH_MARGIN_M;
        neighbours.clear();
        twin.vehiclesNear(centre.latDeg(), centre.lonDeg(), radiusM, neighbours);
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            if (!other.vehicleId().equals(host.vehicleId())) {
                evaluate(host, hostLane, other, twin, out);
            }
        }
    }

    private void asOncoming(VehicleState oncoming, LaneMatch match, TwinView twin, WarningSink out) {
        LaneGeometry lane = match.lane();
        double conflictM = match.distanceToStopLineM() + stopLineToCentreM(lane);
        if (conflictM < 0.0 || oncoming.speedMps() < config.minOncomingSpeedMps()
                || (conflictM - lengthM(oncoming) / 2.0) / oncoming.speedMps()
                > config.rearmGapS() + config.maxStateAgeMs() / 1e3) {
            return; // past the conflict, standing, or too far for any host to be warned now
        }
        if (turnsLeft(oncoming, lane)) {
            return;
        }
        GeoPoint centre = lane.intersection().map().referencePoint();
        neighbours.clear();
        twin.vehiclesNear(centre.latDeg(), centre.lonDeg(),
                config.hostZoneM() + boxRadiusM(lane) + SEARCH_MARGIN_M, neighbours);
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            if (other.vehicleId().equals(oncoming.vehicleId())) {
                continue;
            }
            LaneGeometry hostLane = hostLane(other, twin.laneMatch(other.vehicleId()), twin);
            if (hostLane != null && hostLane.intersection().id().equals(lane.intersection().id())) {
                evaluate(other, hostLane, oncoming, twin, out);
            }
        }
    }

    // ---- the pair -------------------------------------------------------------------------------------------

    private void evaluate(VehicleState host, LaneGeometry hostLane, VehicleState oncoming, TwinView twin,
                          WarningSink out) {
        if (Math.abs(host.timeMicros() - oncoming.timeMicros()) > maxStateAgeMicros
                || Math.abs(Units.headingDiffDeg(hostLane.travelHeadingAtStopLineDeg(), oncoming.headingDeg()))
                <= config.minOpposingHeadingDiffDeg()) {
            return;
        }
        IntersectionGeometry ix = hostLane.intersection();
        LaneMatch match = twin.laneMatch(oncoming.vehicleId());
        double conflictM;
        if (match != null) {
            if (!match.ingress() || !match.intersection().equals(ix.id()) || turnsLeft(oncoming, match.lane())) {
                return; // leaving, at another intersection, or turning left too
            }
            conflictM = match.distanceToStopLineM() + stopLineToCentreM(match.lane());
        } else {
            if (oncoming.lights().indicatedTurn() == Maneuver.LEFT_TURN) {
                return;
            }
            double px = ix.frame().eastM(oncoming.latDeg(), oncoming.lonDeg());
            double py = ix.frame().northM(oncoming.latDeg(), oncoming.lonDeg());
            double h = Math.toRadians(oncoming.headingDeg());
            double lateralM = px * Math.cos(h) - py * Math.sin(h);
            if (Math.abs(lateralM) > config.maxLateralM()) {
                return; // its line of travel does not pass through the box
            }
            conflictM = -(px * Math.sin(h) + py * Math.cos(h));
        }
        Relative r = Kinematics.relative(host, oncoming, twin.frameAt(host.latDeg(), host.lonDeg()));
        conflictM -= Kinematics.advanceM(oncoming, r.timeMicros());
        double frontM = Math.max(0.0, conflictM - lengthM(oncoming) / 2.0);
        double ttcS = timeToConflictS(conflictM, frontM, r.otherSpeedMps(), oncoming.accelMps2());
        if (hazards.update(new Pair(host.vehicleId(), oncoming.vehicleId()), r.timeMicros(), ttcS < config.gapS(),
                ttcS < config.rearmGapS())) {
            Severity severity = ttcS < config.criticalTtcS() ? Severity.CRITICAL : Severity.WARNING;
            out.emit(Warnings.of(WarningType.LTA, severity, host.vehicleId(), oncoming.vehicleId(), r.timeMicros(),
                    config.validityMs(), ttcS, frontM, oncoming.position(), Advice.of(Advice.Action.YIELD_ONCOMING)));
        }
    }

    /**
     * When the oncoming front reaches the conflict point: infinite when its centre is already past it, when it
     * stands, or when its deceleration stops it first.
     */
    private double timeToConflictS(double conflictM, double frontM, double speedMps, double accelMps2) {
        if (conflictM < 0.0 || speedMps < config.minOncomingSpeedMps()) {
            return Double.POSITIVE_INFINITY;
        }
        double a = Double.isNaN(accelMps2) ? 0.0 : Math.min(0.0, accelMps2);
        if (a == 0.0) {
            return frontM / speedMps;
        }
        double disc = speedMps * speedMps + 2.0 * a * frontM;
        return disc < 0.0 ? Double.POSITIVE_INFINITY : (speedMps - Math.sqrt(disc)) / -a;
    }

    // ---- the host -------------------------------------------------------------------------------------------

    /** Keeps the lane of a left-turning host near its stop line, for when it drives on into the box. */
    private void remember(VehicleState v, LaneMatch match) {
        if (match == null) {
            Turning t = turning.get(v.vehicleId());
            if (t != null) {
                if (inBox(v, t.lane)) {
                    t.seenMicros = v.timeMicros();
                } else {
                    turning.remove(v.vehicleId());
                }
            }
            return;
        }
        if (match.ingress() && match.distanceToStopLineM() <= config.hostZoneM() && turnsLeft(v, match.lane())) {
            Turning t = turning.get(v.vehicleId());
            if (t == null) {
                t = new Turning();
                turning.put(v.vehicleId(), t);
            }
            t.lane = match.lane();
            t.seenMicros = v.timeMicros();
        } else if (!turning.isEmpty()) {
            turning.remove(v.vehicleId());
        }
    }

    /** The ingress lane of a vehicle that is a host now (see the class comment), else {@code null}. */
    private LaneGeometry hostLane(VehicleState v, LaneMatch match, TwinView twin) {
        if (v.speedMps() > config.maxHostSpeedMps()) {
            return null;
        }
        LaneGeometry lane;
        if (match != null) {
            if (!match.ingress() || match.distanceToStopLineM() > config.hostZoneM()
                    || !turnsLeft(v, match.lane())) {
                return null;
            }
            lane = match.lane();
        } else {
            Turning t = turning.get(v.vehicleId());
            if (t == null || !inBox(v, t.lane)) {
                return null;
            }
            double turnedDeg = Units.headingDiffDeg(t.lane.travelHeadingAtStopLineDeg(), v.headingDeg());
            if (turnedDeg < -config.maxTurnProgressDeg() || turnedDeg > MAX_RIGHTWARD_DEG) {
                return null; // across the oncoming lanes already, or not turning left after all
            }
            lane = t.lane;
        }
        return leftTurnStopped(lane, twin) ? null : lane;
    }

    /** Whether the lane's left-turn movement currently shows a stop phase in the intersection's SPAT. */
    private static boolean leftTurnStopped(LaneGeometry lane, TwinView twin) {
        Connection left = lane.likelyConnection(Maneuver.LEFT_TURN);
        if (left == null || left.maneuver() != Maneuver.LEFT_TURN) {
            return false;
        }
        SignalState signal = twin.signal(lane.intersection().id());
        MovementState movement = signal == null ? null : signal.movement(left.signalGroup());
        return movement != null && movement.current().phase().isStop();
    }

    /**
     * Whether a vehicle on this lane turns left: the lane allows it, and the driver indicates left or the lane
     * allows nothing else (a left-turn lane). A left signal on a lane without a left turn announces a lane change.
     */
    static boolean turnsLeft(VehicleState v, LaneGeometry lane) {
        Lane l = lane.lane();
        boolean allows = l.allowedManeuvers().contains(Maneuver.LEFT_TURN);
        boolean other = l.allowedManeuvers().contains(Maneuver.STRAIGHT)
                || l.allowedManeuvers().contains(Maneuver.RIGHT_TURN);
        List<Connection> connections = l.connections();
        for (int i = 0, n = connections.size(); i < n; i++) {
            Maneuver m = connections.get(i).maneuver();
            if (m == Maneuver.LEFT_TURN) {
                allows = true;
            } else if (m != Maneuver.U_TURN) {
                other = true;
            }
        }
        return allows && (!other || v.lights().indicatedTurn() == Maneuver.LEFT_TURN);
    }

    /** Whether a vehicle is inside the box of the lane's intersection (within the circle through the stop line). */
    private static boolean inBox(VehicleState v, LaneGeometry lane) {
        IntersectionGeometry ix = lane.intersection();
        double px = ix.frame().eastM(v.latDeg(), v.lonDeg());
        double py = ix.frame().northM(v.latDeg(), v.lonDeg());
        return Math.hypot(px, py) <= boxRadiusM(lane);
    }

    private static double boxRadiusM(LaneGeometry lane) {
        return Math.hypot(lane.stopLineEastM(), lane.stopLineNorthM()) + BOX_MARGIN_M;
    }

    /** Distance from the lane's stop line to the reference point, along the direction of travel at the line. */
    static double stopLineToCentreM(LaneGeometry lane) {
        double h = Math.toRadians(lane.travelHeadingAtStopLineDeg());
        return -(lane.stopLineEastM() * Math.sin(h) + lane.stopLineNorthM() * Math.cos(h));
    }


    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }
}
