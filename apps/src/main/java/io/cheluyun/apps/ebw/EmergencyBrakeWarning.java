package io.cheluyun.apps.ebw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.Kinematics.Relative;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Emergency Brake Warning (T/CSAE 53-2017 Day-1): warns every vehicle following a hard-braking vehicle in its lane
 * and direction, up to {@link EbwConfig#maxRangeM()} behind it, whether or not the two are already on a collision
 * course (that is FCW's job; EBW tells the follower early, typically before the braking vehicle's brake lights can
 * be seen through the traffic between them).
 *
 * <p>A vehicle brakes hard when it reports a longitudinal acceleration at or below
 * {@code -}{@link EbwConfig#hardBrakeDecelMps2()} while moving, or has its brakes applied without reporting an
 * acceleration. A follower is a moving vehicle behind it whose heading is within
 * {@link EbwConfig#maxHeadingDiffDeg()} and whose centre line is within {@link EbwConfig#maxLateralOffsetM()},
 * compared at a common time by dead reckoning ({@link Kinematics#relative}, in the follower's frame). The warning
 * names the follower as target and the braking vehicle as the other party, with the bumper-to-bumper gap and, when
 * closing, the time to collision at constant speeds.
 *
 * <p>On every update the vehicle is checked in both roles, as FCW does: as the braking vehicle (against the
 * followers behind it) and as a follower (against hard-braking vehicles ahead), so a follower is warned with the
 * first message after the braking starts and also when it comes into range while the braking vehicle is silent.
 * One hazard gives one warning: a pair stays active while the braking vehicle still decelerates at
 * {@link EbwConfig#rearmDecelMps2()} or more and the follower is still behind it, and re-arms after
 * {@link EbwConfig#clearHoldMs()}.
 */
public final class EmergencyBrakeWarning implements CooperativeApp {

    /** Two articulated-truck lengths (GB 1589: ≤ 18.1 m): the search is by centre, the range by bumper gap. */
    private static final double SEARCH_MARGIN_M = 40.0;
    /** Top of the T/CSAE 53-2017 host speed range (130 km/h), to bound dead reckoning in the neighbour search. */
    private static final double MAX_SPEED_MPS = 130.0 / 3.6;

    private final EbwConfig config;
    private final long maxStateAgeMicros;
    private final double searchRadiusM;
    /** Active hazards by (follower, braking vehicle). */
    private final Hysteresis<Pair> hazards;
    private final List<VehicleState> neighbours = new ArrayList<>();

    public EmergencyBrakeWarning(EbwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        // both vehicles may be dead-reckoned over the state age before their gap is measured
        this.searchRadiusM = config.maxRangeM() + SEARCH_MARGIN_M + 2.0 * MAX_SPEED_MPS * config.maxStateAgeMs()
                / 1e3;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    private record Pair(String follower, String braking) {
    }

    @Override
    public String name() {
        return "ebw";
    }

    /** Number of hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState ego, TwinView twin, WarningSink out) {
        boolean egoBraking = sustainsBraking(ego);
        if (!egoBraking && ego.speedMps() < config.minSpeedMps()) {
            return; // neither a braking vehicle nor a follower that could be warned
        }
        neighbours.clear();
        twin.vehiclesNear(ego.latDeg(), ego.lonDeg(), searchRadiusM, neighbours);
        LocalEnu frame = null;
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            boolean otherBraking = sustainsBraking(other);
            if ((!egoBraking && !otherBraking)
                    || Math.abs(ego.timeMicros() - other.timeMicros()) > maxStateAgeMicros
                    || Math.abs(Units.headingDiffDeg(ego.headingDeg(), other.headingDeg()))
                    > config.maxHeadingDiffDeg()
                    || other.vehicleId().equals(ego.vehicleId())) {
                continue; // evaluate() would find no hazard: skipping it changes nothing
            }
            if (frame == null) {
                frame = twin.frameAt(ego.latDeg(), ego.lonDeg());
            }
            Relative fromEgo = Kinematics.relative(ego, other, frame);
            if (fromEgo.longitudinalM() > 0) {
                if (otherBraking) {
                    evaluate(ego, other, fromEgo, out);
                }
            } else if (egoBraking) {
                evaluate(other, ego, Kinematics.relative(other, ego, frame), out);
            }
        }
    }

    /**
     * {@code r} is the braking vehicle seen from the follower. Called only while the braking vehicle
     * {@linkplain #sustainsBraking sustains} its braking, so the sustain condition here is the geometry alone.
     */
    private void evaluate(VehicleState follower, VehicleState braking, Relative r, WarningSink out) {
        double gapM = r.longitudinalM() - (lengthM(follower) + lengthM(braking)) / 2.0;
        double lateralM = Math.abs(r.lateralM());
        boolean behindInLane = r.longitudinalM() > 0 && gapM <= config.maxRangeM()
                && Math.abs(r.headingDiffDeg()) <= config.maxHeadingDiffDeg();
        boolean sustain = behindInLane && lateralM <= config.maxLateralOffsetM() + config.rearmLateralMarginM();
        if (!sustain) {
            return; // never a trigger either; an active pair re-arms through expire() once the hold has passed
        }
        boolean trigger = lateralM <= config.maxLateralOffsetM() && brakingHard(braking)
                && r.egoSpeedMps() >= config.minSpeedMps();
        long t = r.timeMicros();
        if (hazards.update(new Pair(follower.vehicleId(), braking.vehicleId()), t, trigger, true)) {
            double distanceM = Math.max(0.0, gapM);
            double ttcS = r.closingMps() >= config.minClosingSpeedMps() ? distanceM / r.closingMps() : Double.NaN;
            Severity severity = ttcS < config.criticalTtcS() ? Severity.CRITICAL : Severity.WARNING;
            out.emit(Warnings.of(WarningType.EBW, severity, follower.vehicleId(), braking.vehicleId(), t,
                    config.validityMs(), ttcS, distanceM, braking.position(), null));
        }
    }

    /** The trigger: decelerating at least {@code hardBrakeDecelMps2} (or braking, deceleration unknown) while moving. */
    private boolean brakingHard(VehicleState v) {
        if (v.speedMps() < config.minSpeedMps()) {
            return false;
        }
        double a = v.accelMps2();
        return Double.isNaN(a) ? v.brakes().brakeApplied() : a <= -config.hardBrakeDecelMps2();
    }

    /** The sustain condition (implied by {@link #brakingHard}): still decelerating at {@code rearmDecelMps2}. */
    private boolean sustainsBraking(VehicleState v) {
        double a = v.accelMps2();
        return Double.isNaN(a) ? v.brakes().brakeApplied() : a <= -config.rearmDecelMps2();
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
    }

    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }
}
