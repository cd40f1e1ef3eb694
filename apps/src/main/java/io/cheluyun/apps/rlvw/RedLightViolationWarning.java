package io.cheluyun.apps.rlvw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.Advice;
import io.cheluyun.apps.SignalRules;
import io.cheluyun.model.Connection;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.Severity;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.IntersectionGeometry;
import io.cheluyun.twin.LaneGeometry;
import io.cheluyun.twin.LaneMatch;
import io.cheluyun.twin.TwinView;

/**
 * Red Light Violation Warning (T/CSAE 53-2017 Day-1): warns a vehicle that, at its current behaviour, will pass
 * the stop line while its movement's signal forbids it.
 *
 * <p>The vehicle must be matched to an ingress lane with its front bumper before the stop line and at most
 * {@link RlvwConfig#lookAheadM()} from it, and drive at least {@link RlvwConfig#minSpeedMps()}. Its movement is the
 * lane's likely connection for the indicated turn ({@link LaneGeometry#likelyConnection}), whose signal group is
 * looked up in the intersection's latest SPAT. Its front reaches the line after the time to cover the distance at
 * constant speed, or at its reported deceleration when it is braking; a vehicle already braking hard enough to stop
 * before the line (v²/2d no more than its deceleration) never reaches it and is not warned. The crossing is a
 * violation when the phase at the front's arrival forbids entering ({@link SignalPhase#isStop()}), or is amber
 * ({@link SignalPhase#isClearance()}) that turns to a stop phase before the rear has cleared the line. Phase
 * times are the events' likely end times, falling back to the minimum end; a phase without an end is taken to last.
 * The warning is raised once the arrival is within {@link RlvwConfig#horizonS()}.
 *
 * <p>Evaluation runs on each vehicle update only, not on SPAT arrival: BSMs come at 10 Hz, so a signal change is
 * judged at the vehicle's next message, within the 100 ms T/CSAE 53 latency budget, without a neighbour search per
 * SPAT. One approach gives one warning: the hazard (vehicle, intersection, signal group) stays active while a
 * violation is predicted at any horizon and re-arms after {@link RlvwConfig#clearHoldMs()} without one.
 */
public final class RedLightViolationWarning implements CooperativeApp {

    private final RlvwConfig config;
    private final Hysteresis<Key> hazards;

    public RedLightViolationWarning(RlvwConfig config) {
        this.config = config.conclude();
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    private record Key(String vehicleId, IntersectionId intersection, int signalGroup) {
    }

    @Override
    public String name() {
        return "rlvw";
    }

    /** Number of approaches currently warned and not yet re-armed. */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState v, TwinView twin, WarningSink out) {
        if (v.speedMps() < config.minSpeedMps()) {
            return;
        }
        LaneMatch match = twin.laneMatch(v.vehicleId());
        if (match == null || !match.ingress()) {
            return;
        }
        double halfLengthM = lengthM(v) / 2.0;
        double frontToLineM = match.distanceToStopLineM() - halfLengthM;
        if (!(frontToLineM > 0.0) || frontToLineM > config.lookAheadM()) {
            return;
        }
        LaneGeometry lane = match.lane();
        Connection connection = lane.likelyConnection(v.lights().indicatedTurn());
        if (connection == null) {
            return;
        }
        SignalState signal = twin.signal(match.intersection());
        MovementState movement = signal == null ? null : signal.movement(connection.signalGroup());
        if (movement == null) {
            return;
        }
        double accel = Double.isNaN(v.accelMps2()) ? 0.0 : Math.min(0.0, v.accelMps2());
        double enterS = timeToCoverS(frontToLineM, v.speedMps(), accel);
        if (Double.isNaN(enterS)) {
            return; // braking hard enough to stop before the line
        }
        double clearS = timeToCoverS(frontToLineM + 2.0 * halfLengthM, v.speedMps(), accel);
        long t = v.timeMicros();
        SignalPhase atEntry = phaseAt(movement, t + Units.secondsToMicros(enterS));
        boolean violation = atEntry != null && (forbids(atEntry, lane, connection)
                || atEntry.isClearance() && (Double.isNaN(clearS)
                || forbids(phaseAt(movement, t + Units.secondsToMicros(clearS)), lane, connection)));

        Key key = new Key(v.vehicleId(), match.intersection(), connection.signalGroup());
        if (hazards.update(key, t, violation && enterS <= config.horizonS(), violation)) {
            out.emit(Warnings.of(WarningType.RLVW, severity(v.speedMps(), frontToLineM), v.vehicleId(),
                    match.intersection() + "#" + connection.signalGroup(), t, config.validityMs(), enterS,
                    frontToLineM, stopLine(lane), Advice.of(Advice.Action.STOP)));
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
    }

    /**
     * {@code CRITICAL} when, after the driver's reaction time, stopping at the line needs more than the critical
     * deceleration (or the line is reached within the reaction time).
     */
    private Severity severity(double speedMps, double frontToLineM) {
        double brakingM = frontToLineM - speedMps * config.reactionTimeS();
        boolean critical = brakingM <= 0.0 || speedMps * speedMps / (2.0 * brakingM) > config.criticalDecelMps2();
        return critical ? Severity.CRITICAL : Severity.WARNING;
    }

    /** Whether the phase forbids this connection to pass the stop line. */
    private boolean forbids(SignalPhase phase, LaneGeometry lane, Connection connection) {
        if (phase == null || !phase.isStop()) {
            return false;
        }
        return !(connection.maneuver() == Maneuver.RIGHT_TURN && mayTurnRightOnRed(lane, connection));
    }

    private boolean mayTurnRightOnRed(LaneGeometry lane, Connection connection) {
        return SignalRules.mayTurnRightOnRed(lane, connection, config.rightTurnOnRed());
    }

    static SignalPhase phaseAt(MovementState movement, long atMicros) {
        return SignalRules.phaseAt(movement, atMicros);
    }


    /**
     * Time to cover {@code distanceM} from {@code speedMps} at constant {@code accelMps2} ≤ 0; {@code NaN} when the
     * vehicle stops first.
     */
    static double timeToCoverS(double distanceM, double speedMps, double accelMps2) {
        if (accelMps2 >= 0.0) {
            return distanceM / speedMps;
        }
        double disc = speedMps * speedMps + 2.0 * accelMps2 * distanceM;
        if (disc < 0.0) {
            return Double.NaN;
        }
        return (speedMps - Math.sqrt(disc)) / -accelMps2;
    }


    private static GeoPoint stopLine(LaneGeometry lane) {
        IntersectionGeometry intersection = lane.intersection();
        return intersection.frame().toGeo(lane.stopLineEastM(), lane.stopLineNorthM());
    }

    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }
}
