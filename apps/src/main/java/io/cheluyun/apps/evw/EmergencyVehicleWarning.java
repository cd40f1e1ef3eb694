package io.cheluyun.apps.evw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.Kinematics.Relative;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.Advice;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Emergency Vehicle Warning (T/CSAE 53-2017 Day-1): tells a vehicle that an emergency vehicle is coming up behind
 * it and that it should pull over to the right ({@link Advice.Action#YIELD_RIGHT}: right-hand traffic).
 *
 * <p>The host is warned when a vehicle of class {@link VehicleClass#EMERGENCY} travels in its direction (headings
 * within {@link EvwConfig#maxHeadingDiffDeg()}), on its carriageway (within {@link EvwConfig#maxLateralOffsetM()}
 * across), behind it within {@link EvwConfig#maxRangeM()} bumper to bumper, moving, and either catching up (faster
 * than the host by more than {@link EvwConfig#minClosingSpeedMps()}) or already within
 * {@link EvwConfig#nearRangeM()}. The pair is compared at a common time by dead reckoning
 * ({@link Kinematics#relative}, in the host's frame). The warning names the host as target and the emergency vehicle
 * as the other party, with the gap and, when it is catching up, the time until it reaches the host; severity
 * {@code WARNING}. An emergency vehicle is not warned about another (a convoy keeps its order).
 *
 * <p>The model carries no siren or light-bar state (J2735 {@code SpecialVehicleExtensions}), so every vehicle of the
 * emergency class is taken as on duty. Pairs are checked on the emergency vehicle's updates only: emergency
 * vehicles are rare and report at the full message rate, so the other vehicles (dead-reckoned to its message time)
 * need not search for one on every message of theirs, and the warning still comes within one message period of the
 * condition holding. One hazard gives one warning: a pair stays active while the emergency vehicle is behind the
 * host within range, whatever their speeds (the host slowing down to make way makes the emergency vehicle close in
 * faster; one held up behind the host stays the same hazard), and re-arms once it has passed or fallen back for
 * {@link EvwConfig#clearHoldMs()}.
 */
public final class EmergencyVehicleWarning implements CooperativeApp {

    /** Two articulated-truck lengths (GB 1589: ≤ 18.1 m): the search is by centre, the range by bumper gap. */
    private static final double SEARCH_MARGIN_M = 40.0;
    /** Top of the T/CSAE 53-2017 host speed range (130 km/h), to bound dead reckoning in the neighbour search. */
    private static final double MAX_SPEED_MPS = 130.0 / 3.6;
    private static final Advice YIELD_RIGHT = Advice.of(Advice.Action.YIELD_RIGHT);

    private final EvwConfig config;
    private final long maxStateAgeMicros;
    private final double searchRadiusM;
    /** Active hazards by (host, emergency vehicle). */
    private final Hysteresis<Pair> hazards;
    private final List<VehicleState> neighbours = new ArrayList<>();

    public EmergencyVehicleWarning(EvwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        // both vehicles may be dead-reckoned over the state age before their gap is measured
        this.searchRadiusM = config.maxRangeM() + SEARCH_MARGIN_M + 2.0 * MAX_SPEED_MPS * config.maxStateAgeMs()
                / 1e3;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    private record Pair(String host, String emergencyVehicle) {
    }

    @Override
    public String name() {
        return "evw";
    }

    /** Number of hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState ego, TwinView twin, WarningSink out) {
        if (ego.vehicleClass() != VehicleClass.EMERGENCY) {
            return; // hazards are found from the emergency vehicle's updates
        }
        neighbours.clear();
        twin.vehiclesNear(ego.latDeg(), ego.lonDeg(), searchRadiusM, neighbours);
        LocalEnu frame = null;
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState host = neighbours.get(i);
            if (host.vehicleClass() == VehicleClass.EMERGENCY // itself, or a convoy keeping its order
                    || Math.abs(ego.timeMicros() - host.timeMicros()) > maxStateAgeMicros
                    || Math.abs(Units.headingDiffDeg(ego.headingDeg(), host.headingDeg()))
                    > config.maxHeadingDiffDeg()) {
                continue;
            }
            if (frame == null) {
                frame = twin.frameAt(ego.latDeg(), ego.lonDeg());
            }
            evaluate(host, ego, Kinematics.relative(host, ego, frame), out);
        }
    }

    /** {@code r} is the emergency vehicle seen from the host. */
    private void evaluate(VehicleState host, VehicleState emergency, Relative r, WarningSink out) {
        double gapM = -r.longitudinalM() - (lengthM(host) + lengthM(emergency)) / 2.0;
        double lateralM = Math.abs(r.lateralM());
        boolean sustain = r.longitudinalM() < 0 && gapM <= config.maxRangeM()
                && Math.abs(r.headingDiffDeg()) <= config.maxHeadingDiffDeg()
                && lateralM <= config.maxLateralOffsetM() + config.rearmLateralMarginM();
        if (!sustain) {
            return; // never a trigger either; an active pair re-arms through expire() once the hold has passed
        }
        // how fast the emergency vehicle catches up: its speed along the host's heading minus the host's
        double catchingUpMps = -r.closingMps();
        boolean trigger = lateralM <= config.maxLateralOffsetM() && r.otherSpeedMps() >= config.minEvSpeedMps()
                && (catchingUpMps > config.minClosingSpeedMps() || gapM < config.nearRangeM());
        long t = r.timeMicros();
        if (hazards.update(new Pair(host.vehicleId(), emergency.vehicleId()), t, trigger, true)) {
            double distanceM = Math.max(0.0, gapM);
            double ttcS = catchingUpMps > config.minClosingSpeedMps() ? distanceM / catchingUpMps : Double.NaN;
            out.emit(Warnings.of(WarningType.EVW, Severity.WARNING, host.vehicleId(), emergency.vehicleId(), t,
                    config.validityMs(), ttcS, distanceM, emergency.position(), YIELD_RIGHT));
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
