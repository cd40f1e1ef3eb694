package io.cheluyun.apps.clw;

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
 * Control Loss Warning (T/CSAE 53-2017 Day-1): warns the vehicles around a vehicle whose ABS, traction control or
 * stability control is intervening ({@link io.cheluyun.model.BrakeState#anyControlSystemActive()}): it is at the
 * limit of adhesion (ice, water, a panic stop) and may skid, spin or stop where nobody expects it.
 *
 * <p>Two kinds of vehicle are warned, each compared with the vehicle losing control at a common time by dead
 * reckoning ({@link Kinematics#relative}, in the warned vehicle's frame):
 * <ul>
 *   <li>vehicles in the same direction (headings within {@link ClwConfig#maxHeadingDiffDeg()}) that are behind it or
 *       alongside (its front bumper ahead of their rear one), moving, within {@link ClwConfig#maxRangeM()} bumper to
 *       bumper and {@link ClwConfig#maxLateralOffsetM()} across: any lane of the carriageway, since a skid crosses
 *       lanes. Vehicles ahead of it, which it cannot reach while they drive on, are not warned;</li>
 *   <li>oncoming vehicles (headings within {@link ClwConfig#maxHeadingDiffDeg()} of opposite) that have it ahead and
 *       close in, within the shorter {@link ClwConfig#oncomingRangeM()} and the same lateral offset: a skidding
 *       vehicle may cross the centre line, and the two close at their combined speed. Once they have passed each
 *       other the hazard is over.</li>
 * </ul>
 * The warning names the warned vehicle as target and the one losing control as the other party, with the
 * bumper-to-bumper gap and, when closing, the time to collision; it is {@code CRITICAL} below
 * {@link ClwConfig#criticalTtcS()} or when the two are alongside (no gap to react in: a skid reaches the
 * neighbour at once), else a {@code WARNING}.
 *
 * <p>Pairs are checked on the updates of the vehicle losing control only: it is what changes, it reports at the
 * full message rate while it skids, and the vehicles around it (whose states are dead-reckoned to its message time)
 * need not each search for a rare event on every message of theirs. So the warning comes with the first message that
 * reports the intervention, and a vehicle coming into range with the next one. One hazard gives one
 * warning: a pair stays active while interventions keep being reported with the geometry holding, and re-arms only
 * after none has been for {@link ClwConfig#clearHoldMs()}, so the on-off pattern of ABS cycling is one hazard.
 */
public final class ControlLossWarning implements CooperativeApp {

    /** Two articulated-truck lengths (GB 1589: ≤ 18.1 m): the search is by centre, the range by bumper gap. */
    private static final double SEARCH_MARGIN_M = 40.0;
    /** Top of the T/CSAE 53-2017 host speed range (130 km/h), to bound dead reckoning in the neighbour search. */
    private static final double MAX_SPEED_MPS = 130.0 / 3.6;

    private final ClwConfig config;
    private final long maxStateAgeMicros;
    private final double searchRadiusM;
    private final double oncomingMinDiffDeg;
    /** Active hazards by (warned vehicle, vehicle losing control). */
    private final Hysteresis<Pair> hazards;
    private final List<VehicleState> neighbours = new ArrayList<>();

    public ControlLossWarning(ClwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        // both vehicles may be dead-reckoned over the state age before their gap is measured
        this.searchRadiusM = config.maxRangeM() + SEARCH_MARGIN_M + 2.0 * MAX_SPEED_MPS * config.maxStateAgeMs()
                / 1e3;
        this.oncomingMinDiffDeg = 180.0 - config.maxHeadingDiffDeg();
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    private record Pair(String warned, String losingControl) {
    }

    @Override
    public String name() {
        return "clw";
    }

    /** Number of hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState ego, TwinView twin, WarningSink out) {
        if (!ego.brakes().anyControlSystemActive()) {
            return; // hazards are found from the updates of the vehicle losing control, sent at 10 Hz while it is
        }
        neighbours.clear();
        twin.vehiclesNear(ego.latDeg(), ego.lonDeg(), searchRadiusM, neighbours);
        LocalEnu frame = null;
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            if (Math.abs(ego.timeMicros() - other.timeMicros()) > maxStateAgeMicros
                    || other.vehicleId().equals(ego.vehicleId())) {
                continue;
            }
            double headingDiffDeg = Math.abs(Units.headingDiffDeg(ego.headingDeg(), other.headingDeg()));
            if (headingDiffDeg > config.maxHeadingDiffDeg() && headingDiffDeg < oncomingMinDiffDeg) {
                continue; // crossing traffic: evaluate() would find no hazard
            }
            if (frame == null) {
                frame = twin.frameAt(ego.latDeg(), ego.lonDeg());
            }
            evaluate(other, ego, Kinematics.relative(other, ego, frame), out);
        }
    }

    /**
     * {@code r} is the vehicle losing control seen from the warned one. Called only while it reports an
     * intervention, so the sustain condition here is the geometry alone.
     */
    private void evaluate(VehicleState warned, VehicleState losingControl, Relative r, WarningSink out) {
        double halfLengthsM = (lengthM(warned) + lengthM(losingControl)) / 2.0;
        double gapM = r.longitudinalM() - halfLengthsM;
        double lateralM = Math.abs(r.lateralM());
        double headingDiffDeg = Math.abs(r.headingDiffDeg());
        boolean trigger;
        boolean sustain;
        if (headingDiffDeg <= config.maxHeadingDiffDeg()) {
            // behind or alongside: its front bumper is ahead of the warned vehicle's rear bumper
            sustain = r.longitudinalM() > -halfLengthsM && gapM <= config.maxRangeM();
            trigger = r.egoSpeedMps() >= config.minHostSpeedMps();
        } else if (headingDiffDeg >= oncomingMinDiffDeg) {
            sustain = r.longitudinalM() > 0 && gapM <= config.oncomingRangeM();
            trigger = r.closingMps() >= config.minClosingSpeedMps();
        } else {
            return;
        }
        sustain = sustain && lateralM <= config.maxLateralOffsetM() + config.rearmLateralMarginM();
        if (!sustain) {
            return; // never a trigger either; an active pair re-arms through expire() once the hold has passed
        }
        trigger = trigger && lateralM <= config.maxLateralOffsetM();
        long t = r.timeMicros();
        if (hazards.update(new Pair(warned.vehicleId(), losingControl.vehicleId()), t, trigger, true)) {
            boolean alongside = gapM < 0;
            double distanceM = Math.max(0.0, gapM);
            double ttcS = !alongside && r.closingMps() >= config.minClosingSpeedMps() ? gapM / r.closingMps()
                    : Double.NaN;
            Severity severity = alongside || ttcS < config.criticalTtcS() ? Severity.CRITICAL : Severity.WARNING;
            out.emit(Warnings.of(WarningType.CLW, severity, warned.vehicleId(), losingControl.vehicleId(), t,
                    config.validityMs(), ttcS, distanceM, losingControl.position(), null));
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
