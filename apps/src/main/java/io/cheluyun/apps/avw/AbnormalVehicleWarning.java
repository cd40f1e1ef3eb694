package io.cheluyun.apps.avw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.Kinematics.Relative;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.LaneMatch;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Abnormal Vehicle Warning (T/CSAE 53-2017 Day-1): warns the vehicles coming up behind a vehicle in an abnormal
 * state, in its lane or the adjacent ones, so they can slow down or change lanes in time.
 *
 * <p>A vehicle is abnormal when its hazard lights are on, or when it stands still (slower than
 * {@link AvwConfig#stationarySpeedMps()}) for no visible reason. Standing still has two ordinary reasons that the
 * twin can see, and neither is abnormal: a queue (another slow vehicle ahead of it in its lane within
 * {@link AvwConfig#queueGapM()}), and a signal (its MAP lane match is an ingress lane and it is within
 * {@link AvwConfig#stopLineDistanceM()} of the stop line). Without a MAP, a vehicle alone at a red light does count
 * as abnormal; the vehicles queued behind it do not. Hazard lights are abnormal whatever the vehicle is doing.
 *
 * <p>The warned vehicle moves faster than {@link AvwConfig#minApproachSpeedMps()} in the same direction (headings
 * within {@link AvwConfig#maxHeadingDiffDeg()}), has the abnormal vehicle ahead of it within
 * {@link AvwConfig#maxLateralOffsetM()} across, and is within its speed times {@link AvwConfig#warningHorizonS()}
 * (clamped to [{@link AvwConfig#minRangeM()}, {@link AvwConfig#maxRangeM()}]) of it, bumper to bumper. The pair is
 * compared at a common time by dead reckoning, in the approaching vehicle's frame. The warning names the approaching
 * vehicle as target and the abnormal one as the other party, with the gap and, when closing, the time to collision.
 *
 * <p>Each update is checked in both roles: as a possibly abnormal vehicle (against the vehicles behind it) and as an
 * approaching vehicle (against abnormal vehicles ahead of it), so the warning comes with the first message after the
 * condition holds, from whichever side. One hazard gives one warning: an active pair is kept while the vehicle stays
 * abnormal (its speed below {@link AvwConfig#rearmStationarySpeedMps()}) and ahead of the approaching vehicle within
 * {@link AvwConfig#maxRangeM()}, whatever the approaching vehicle's speed (it may slow down and drive on), and re-arms
 * after {@link AvwConfig#clearHoldMs()}.
 */
public final class AbnormalVehicleWarning implements CooperativeApp {

    /** Two articulated-truck lengths (GB 1589: ≤ 18.1 m): the search is by centre, the ranges by bumper gap. */
    private static final double SEARCH_MARGIN_M = 40.0;
    /** Top of the T/CSAE 53-2017 host speed range (130 km/h), to bound dead reckoning in the neighbour search. */
    private static final double MAX_SPEED_MPS = 130.0 / 3.6;

    /** How abnormal a vehicle is: enough to raise a warning, only enough to keep one, or not at all. */
    private enum Abnormality { NONE, SUSTAIN, TRIGGER }

    private final AvwConfig config;
    private final long maxStateAgeMicros;
    private final double searchRadiusM;
    private final double queueRadiusM;
    /** Active hazards by (approaching vehicle, abnormal vehicle). */
    private final Hysteresis<Pair> hazards;
    private final List<VehicleState> neighbours = new ArrayList<>();
    private final List<VehicleState> queue = new ArrayList<>();

    public AbnormalVehicleWarning(AvwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        double ageS = config.maxStateAgeMs() / 1e3;
        // both vehicles may be dead-reckoned over the state age before their gap is measured
        this.searchRadiusM = config.maxRangeM() + SEARCH_MARGIN_M + 2.0 * MAX_SPEED_MPS * ageS;
        // the vehicle tested is standing and the one ahead of it slow
        this.queueRadiusM = config.queueGapM() + SEARCH_MARGIN_M
                + (config.rearmStationarySpeedMps() + config.queueSpeedMps()) * ageS;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    private record Pair(String approaching, String abnormal) {
    }

    @Override
    public String name() {
        return "avw";
    }

    /** Number of hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState ego, TwinView twin, WarningSink out) {
        Abnormality egoAbnormality = candidate(ego) ? abnormality(ego, twin) : Abnormality.NONE;
        if (egoAbnormality == Abnormality.NONE && ego.speedMps() < config.minApproachSpeedMps()
                && hazards.size() == 0) {
            return; // neither role can raise a warning, and there is no hazard to keep alive (a queue's usual case)
        }
        neighbours.clear();
        twin.vehiclesNear(ego.latDeg(), ego.lonDeg(), searchRadiusM, neighbours);
        LocalEnu frame = null;
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            if (Math.abs(ego.timeMicros() - other.timeMicros()) > maxStateAgeMicros
                    || Math.abs(Units.headingDiffDeg(ego.headingDeg(), other.headingDeg()))
                    > config.maxHeadingDiffDeg()
                    || other.vehicleId().equals(ego.vehicleId())) {
                continue; // evaluate() would find no same-direction hazard: skipping it changes nothing
            }
            boolean otherCandidate = candidate(other);
            if (!otherCandidate && egoAbnormality == Abnormality.NONE) {
                continue;
            }
            if (frame == null) {
                frame = twin.frameAt(ego.latDeg(), ego.lonDeg());
            }
            Relative fromEgo = Kinematics.relative(ego, other, frame);
            if (fromEgo.longitudinalM() > 0) {
                if (otherCandidate) {
                    evaluate(ego, other, fromEgo, null, twin, out);
                }
            } else if (egoAbnormality != Abnormality.NONE) {
                evaluate(other, ego, Kinematics.relative(other, ego, frame), egoAbnormality, twin, out);
            }
        }
    }

    /**
     * {@code r} is the abnormal vehicle seen from the approaching one; {@code known} its abnormality when already
     * worked out, else {@code null} (worked out here, only for pairs whose geometry could hold a hazard).
     */
    private void evaluate(VehicleState approaching, VehicleState abnormal, Relative r, Abnormality known,
                          TwinView twin, WarningSink out) {
        double gapM = r.longitudinalM() - (lengthM(approaching) + lengthM(abnormal)) / 2.0;
        double lateralM = Math.abs(r.lateralM());
        boolean sustainGeometry = r.longitudinalM() > 0 && gapM <= config.maxRangeM()
                && Math.abs(r.headingDiffDeg()) <= config.maxHeadingDiffDeg()
                && lateralM <= config.maxLateralOffsetM() + config.rearmLateralMarginM();
        if (!sustainGeometry) {
            return; // never a trigger either; an active pair re-arms through expire() once the hold has passed
        }
        boolean moving = r.egoSpeedMps() >= config.minApproachSpeedMps();
        Pair pair = new Pair(approaching.vehicleId(), abnormal.vehicleId());
        if (!moving && !hazards.isActive(pair)) {
            return; // no trigger possible, nothing to sustain
        }
        Abnormality abnormality = known != null ? known : abnormality(abnormal, twin);
        double rangeM = Math.clamp(r.egoSpeedMps() * config.warningHorizonS(), config.minRangeM(),
                config.maxRangeM());
        boolean trigger = abnormality == Abnormality.TRIGGER && moving && gapM <= rangeM
                && lateralM <= config.maxLateralOffsetM();
        long t = r.timeMicros();
        if (hazards.update(pair, t, trigger, abnormality != Abnormality.NONE)) {
            double distanceM = Math.max(0.0, gapM);
            double ttcS = r.closingMps() >= config.minClosingSpeedMps() ? distanceM / r.closingMps() : Double.NaN;
            Severity severity = lateralM <= config.sameLaneOffsetM() && ttcS < config.criticalTtcS()
                    ? Severity.CRITICAL : Severity.WARNING;
            out.emit(Warnings.of(WarningType.AVW, severity, approaching.vehicleId(), abnormal.vehicleId(), t,
                    config.validityMs(), ttcS, distanceM, abnormal.position(), null));
        }
    }

    /** Cheap pre-test: hazard lights on or (nearly) standing; {@link #abnormality} decides. */
    private boolean candidate(VehicleState v) {
        return v.lights().isOn(Light.HAZARD_SIGNAL) || v.speedMps() < config.rearmStationarySpeedMps();
    }

    private Abnormality abnormality(VehicleState v, TwinView twin) {
        if (v.lights().isOn(Light.HAZARD_SIGNAL)) {
            return Abnormality.TRIGGER;
        }
        if (v.speedMps() >= config.rearmStationarySpeedMps() || waitingAtSignal(v, twin) || queued(v, twin)) {
            return Abnormality.NONE;
        }
        return v.speedMps() < config.stationarySpeedMps() ? Abnormality.TRIGGER : Abnormality.SUSTAIN;
    }

    /** On a MAP ingress lane near (or just past) its stop line. */
    private boolean waitingAtSignal(VehicleState v, TwinView twin) {
        LaneMatch match = twin.laneMatch(v.vehicleId());
        return match != null && match.ingress() && match.distanceToStopLineM() < config.stopLineDistanceM();
    }

    /** A slow vehicle ahead in its lane and direction, within the queue gap. */
    private boolean queued(VehicleState v, TwinView twin) {
        queue.clear();
        twin.vehiclesNear(v.latDeg(), v.lonDeg(), queueRadiusM, queue);
        LocalEnu frame = null;
        for (int i = 0, n = queue.size(); i < n; i++) {
            VehicleState ahead = queue.get(i);
            if (ahead.speedMps() >= config.queueSpeedMps()
                    || Math.abs(v.timeMicros() - ahead.timeMicros()) > maxStateAgeMicros
                    || Math.abs(Units.headingDiffDeg(v.headingDeg(), ahead.headingDeg()))
                    > config.maxHeadingDiffDeg()
                    || ahead.vehicleId().equals(v.vehicleId())) {
                continue;
            }
            if (frame == null) {
                frame = twin.frameAt(v.latDeg(), v.lonDeg());
            }
            Relative r = Kinematics.relative(v, ahead, frame);
            double gapM = r.longitudinalM() - (lengthM(v) + lengthM(ahead)) / 2.0;
            if (r.longitudinalM() > 0 && gapM <= config.queueGapM()
                    && Math.abs(r.lateralM()) <= config.sameLaneOffsetM()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
    }

    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }
}
