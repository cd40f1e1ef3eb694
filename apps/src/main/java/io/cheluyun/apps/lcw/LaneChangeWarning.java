package io.cheluyun.apps.lcw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.Kinematics.Relative;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.Advice;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Blind Spot Warning / Lane Change Warning (T/CSAE 53-2017 Day-1): warns a host that intends to change lanes while a
 * vehicle in the adjacent lane on that side, same direction, is in its blind zone or closing from behind fast enough
 * to reach it within {@link LcwConfig#closingTtcS()}. The advice is {@link Advice.Action#DO_NOT_CHANGE_LANE}.
 *
 * <p><b>Intent.</b> The host intends to change lanes towards a side when its turn signal for that side is on
 * (hazard lights flash both indicators and mean no lane change, so they cancel the turn signals) or when it is
 * already drifting that way: its speed across the road reaches {@link LcwConfig#minDriftMps()}. The road direction
 * is taken from the adjacent vehicle's heading: that vehicle keeps its lane, so the host's heading relative to it is
 * the host's heading relative to the lane. (The host's own course over ground from the twin is no reference: during
 * a lane change it turns with the host.) Without intent there is no warning: a continuous blind-spot indicator is
 * the vehicle's own sensor job (GB/T 39265-2020 BSD); over the air we push only when a lane change is about to
 * happen, which keeps the downlink quiet in dense traffic where every car has a neighbour alongside.
 *
 * <p><b>Geometry.</b> The pair is compared at a common time by dead reckoning ({@link Kinematics#relative}) in the
 * adjacent vehicle's frame, i.e. along and across the road, so a host already turned a few degrees into its lane
 * change does not see the zone rotated. The adjacent lane is a centre-to-centre offset of
 * [{@link LcwConfig#minLateralM()}, {@link LcwConfig#maxLateralM()}] on the side of the intent. The blind zone runs
 * from {@link LcwConfig#zoneAheadM()} ahead of the host's front bumper to {@link LcwConfig#zoneBehindM()} behind its
 * rear bumper; a vehicle with any part in it counts. A vehicle behind the zone counts when its bumper gap to the
 * host's rear over the closing speed is within the closing TTC.
 *
 * <p><b>Evaluation.</b> Every update is checked in both roles against its same-direction neighbours, as host (its
 * signal or heading changed) and as the adjacent vehicle (it may just have entered the zone), so the warning comes
 * with the first message after the condition holds, whichever vehicle sent it. Pairs whose would-be host shows no
 * intent are skipped before any geometry: that is nearly all of them.
 *
 * <p><b>Reported geometry.</b> Distance is the longitudinal bumper gap (0 when the two overlap lengthwise, i.e. the
 * vehicle is alongside). TTC is the closing vehicle's time to the host's rear bumper, 0 when alongside, {@code NaN}
 * when the vehicle is in the zone but neither alongside nor closing. Severity is {@code WARNING}.
 *
 * <p>One hazard, one warning: the key is (host, adjacent vehicle). It stays active while the intent holds and the
 * vehicle is in the zone or closing within {@link LcwConfig#rearmTtcS()}, and re-arms after
 * {@link LcwConfig#clearHoldMs()} without either, so switching the signal off and on again later warns again.
 */
public final class LaneChangeWarning implements CooperativeApp {

    /** Two articulated-truck lengths (GB 1589: ≤ 18.1 m) and dead reckoning over the state age, on the radius. */
    private static final double SEARCH_MARGIN_M = 40.0;

    private final LcwConfig config;
    private final long maxStateAgeMicros;
    private final double searchRadiusM;
    private final Hysteresis<Pair> hazards;
    private final List<VehicleState> neighbours = new ArrayList<>();

    public LaneChangeWarning(LcwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        // the farthest relevant vehicle closes from behind within the re-arm TTC at the top of the speed range
        this.searchRadiusM = config.zoneBehindM() + config.rearmTtcS() * config.maxSpeedMps() + SEARCH_MARGIN_M;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    /** A hazard: a host and the adjacent vehicle it must not change lanes into. */
    private record Pair(String host, String other) {
    }

    @Override
    public String name() {
        return "lcw";
    }

    /** Number of hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState updated, TwinView twin, WarningSink out) {
        neighbours.clear();
        twin.vehiclesNear(updated.latDeg(), updated.lonDeg(), searchRadiusM, neighbours);
        LocalEnu frame = null;
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            if (Math.abs(updated.timeMicros() - other.timeMicros()) > maxStateAgeMicros
                    || other.vehicleId().equals(updated.vehicleId())) {
                continue;
            }
            // heading of the would-be host relative to the road (the adjacent vehicle's heading)
            double diffDeg = Units.headingDiffDeg(other.headingDeg(), updated.headingDeg());
            if (Math.abs(diffDeg) > config.maxHeadingDiffDeg()) {
                continue;
            }
            boolean asHost = mayIntend(updated, diffDeg);
            boolean asAdjacent = mayIntend(other, -diffDeg);
            if (!asHost && !asAdjacent) {
                continue;
            }
            if (frame == null) {
                frame = twin.frameAt(updated.latDeg(), updated.lonDeg());
            }
            if (asHost) {
                evaluate(updated, other, frame, out);
            }
            if (asAdjacent) {
                evaluate(other, updated, frame, out);
            }
        }
    }

    /**
     * Cheap pre-test: could the host intend a lane change to either side? A turn signal, or a drift across the road
     * (its heading {@code diffDeg} off the adjacent vehicle's) of at least the drift threshold.
     */
    private boolean mayIntend(VehicleState host, double diffDeg) {
        if (host.speedMps() < config.minHostSpeedMps()) {
            return false;
        }
        if (signals(host, Light.LEFT_TURN_SIGNAL) || signals(host, Light.RIGHT_TURN_SIGNAL)) {
            return true;
        }
        return Math.abs(host.speedMps() * Math.sin(Math.toRadians(diffDeg))) >= config.minDriftMps();
    }

    /** A turn signal counts unless the hazard lights are on (they flash both indicators). */
    private static boolean signals(VehicleState v, Light turnSignal) {
        return v.lights().isOn(turnSignal) && !v.lights().isOn(Light.HAZARD_SIGNAL);
    }

    private void evaluate(VehicleState host, VehicleState other, LocalEnu frame, WarningSink out) {
        // the host as seen from the adjacent vehicle, along and across the road; negated: the other from the host
        Relative r = Kinematics.relative(other, host, frame);
        double alongM = -r.longitudinalM();
        double acrossM = -r.lateralM();
        boolean left = acrossM <= -config.minLateralM() && acrossM >= -config.maxLateralM();
        boolean right = acrossM >= config.minLateralM() && acrossM <= config.maxLateralM();
        if (!left && !right) {
            return;
        }
        // the host's speed across the road, positive to the right (its heading is r.headingDiffDeg off the road)
        double driftMps = r.otherSpeedMps() * Math.sin(Math.toRadians(r.headingDiffDeg()));
        boolean intent = left
                ? signals(host, Light.LEFT_TURN_SIGNAL) || driftMps <= -config.minDriftMps()
                : signals(host, Light.RIGHT_TURN_SIGNAL) || driftMps >= config.minDriftMps();
        if (!intent) {
            return; // an active hazard without intent re-arms through expire() after the clear hold
        }
        double hostHalfM = lengthM(host) / 2.0;
        double otherHalfM = lengthM(other) / 2.0;
        double otherRearM = alongM - otherHalfM;
        double otherFrontM = alongM + otherHalfM;
        boolean inZone = otherRearM <= hostHalfM + config.zoneAheadM()
                && otherFrontM >= -hostHalfM - config.zoneBehindM();
        // the other's nose behind the host's tail, closing at its speed minus the host's along the road
        double gapBehindM = -hostHalfM - otherFrontM;
        double closingMps = r.closingMps();
        double ttcS = gapBehindM > 0 && closingMps >= config.minClosingSpeedMps()
                ? gapBehindM / closingMps : Double.POSITIVE_INFINITY;
        boolean trigger = inZone || ttcS <= config.closingTtcS();
        boolean sustain = trigger || ttcS <= config.rearmTtcS();
        if (!sustain) {
            return;
        }
        if (hazards.update(new Pair(host.vehicleId(), other.vehicleId()), r.timeMicros(), trigger, sustain)) {
            double gapAheadM = otherRearM - hostHalfM;
            double distanceM = Math.max(0.0, Math.max(gapBehindM, gapAheadM));
            double reportedTtcS = distanceM == 0.0 ? 0.0 : gapBehindM > 0 && ttcS < Double.POSITIVE_INFINITY
                    ? ttcS : Double.NaN;
            out.emit(Warnings.of(WarningType.BSW_LCW, Severity.WARNING, host.vehicleId(), other.vehicleId(),
                    r.timeMicros(), config.validityMs(), reportedTtcS, distanceM, other.position(),
                    Advice.of(Advice.Action.DO_NOT_CHANGE_LANE)));
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
    }

    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }
}
