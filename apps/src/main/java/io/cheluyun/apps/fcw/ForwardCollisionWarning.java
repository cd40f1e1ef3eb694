package io.cheluyun.apps.fcw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.Kinematics.Relative;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * Forward Collision Warning (T/CSAE 53-2017 Day-1): warns a following vehicle that it will hit the vehicle ahead
 * in its lane and direction within {@link FcwConfig#ttcThresholdS()} at current speeds.
 *
 * <p>On every vehicle update both roles are checked against its neighbours: the updated vehicle as follower (its
 * own speed changed) and as leader (it may have just braked), so the warning comes with the first message after
 * the threshold crossing, whichever vehicle sent it. Pairs are compared at a common time by dead reckoning
 * ({@link Kinematics#relative}).
 *
 * <p>Time to collision is the bumper-to-bumper gap over the closing speed (constant relative speed), with positions
 * at the vehicle centre as the standards define them. One hazard gives one warning: a warned pair stays active
 * while TTC is below {@link FcwConfig#rearmTtcS()} and is re-armed once it has stayed clear for
 * {@link FcwConfig#clearHoldMs()} of message time.
 */
public final class ForwardCollisionWarning implements CooperativeApp {

    private final FcwConfig config;
    private final long clearHoldMicros;
    private final long maxStateAgeMicros;
    private final long validityMicros;
    /** Active hazards by (follower, leader): message time the pair was last seen within the re-arm band. */
    private final HashMap<Pair, long[]> active = new HashMap<>();
    private final List<VehicleState> neighbours = new ArrayList<>();

    public ForwardCollisionWarning(FcwConfig config) {
        this.config = config.conclude();
        this.clearHoldMicros = config.clearHoldMs() * 1_000L;
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        this.validityMicros = config.validityMs() * 1_000L;
    }

    private record Pair(String follower, String leader) {
    }

    @Override
    public String name() {
        return "fcw";
    }

    /** Number of hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return active.size();
    }

    @Override
    public void onVehicle(VehicleState ego, TwinView twin, WarningSink out) {
        neighbours.clear();
        twin.vehiclesNear(ego.latDeg(), ego.lonDeg(), config.maxRangeM(), neighbours);
        LocalEnu frame = twin.frameAt(ego.latDeg(), ego.lonDeg());
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            if (other.vehicleId().equals(ego.vehicleId())
                    || Math.abs(ego.timeMicros() - other.timeMicros()) > maxStateAgeMicros) {
                continue;
            }
            Relative fromEgo = Kinematics.relative(ego, other, frame);
            if (fromEgo.longitudinalM() > 0) {
                evaluate(ego, other, fromEgo, out);
            } else {
                evaluate(other, ego, Kinematics.relative(other, ego, frame), out);
            }
        }
    }

    private void evaluate(VehicleState follower, VehicleState leader, Relative r, WarningSink out) {
        boolean sameLaneAndDirection = Math.abs(r.headingDiffDeg()) <= config.maxHeadingDiffDeg()
                && Math.abs(r.lateralM()) <= config.maxLateralOffsetM()
                && r.longitudinalM() > 0;
        boolean moving = r.egoSpeedMps() >= config.minSpeedMps() && r.otherSpeedMps() >= config.minSpeedMps();
        double ttcS = Double.POSITIVE_INFINITY;
        double gapM = r.longitudinalM() - (lengthM(follower) + lengthM(leader)) / 2.0;
        if (sameLaneAndDirection && moving && r.closingMps() >= config.minClosingSpeedMps()) {
            ttcS = Math.max(0.0, gapM) / r.closingMps();
        }

        Pair pair = new Pair(follower.vehicleId(), leader.vehicleId());
        long[] lastActive = active.get(pair);
        long t = r.timeMicros();
        if (lastActive == null) {
            if (ttcS < config.ttcThresholdS()) {
                active.put(pair, new long[] {t});
                out.emit(warning(follower, leader, t, ttcS, Math.max(0.0, gapM)));
            }
        } else if (ttcS < config.rearmTtcS()) {
            lastActive[0] = Math.max(lastActive[0], t);
        } else if (t - lastActive[0] >= clearHoldMicros) {
            active.remove(pair);
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        // pairs no longer evaluated (a vehicle left, was evicted or stopped reporting) re-arm after the hold
        for (Iterator<long[]> it = active.values().iterator(); it.hasNext(); ) {
            if (nowMicros - it.next()[0] >= clearHoldMicros) {
                it.remove();
            }
        }
    }

    private Warning warning(VehicleState follower, VehicleState leader, long t, double ttcS, double gapM) {
        Severity severity = ttcS < config.criticalTtcS() ? Severity.CRITICAL : Severity.WARNING;
        return new Warning("FCW:" + follower.vehicleId() + ">" + leader.vehicleId() + "@" + t,
                WarningType.FCW, severity, follower.vehicleId(), List.of(leader.vehicleId()), t,
                t + validityMicros, round(ttcS, 1e3), round(gapM, 1e2), leader.position());
    }

    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
