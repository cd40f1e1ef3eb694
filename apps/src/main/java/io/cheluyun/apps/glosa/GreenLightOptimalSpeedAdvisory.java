package io.cheluyun.apps.glosa;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.Advice;
import io.cheluyun.model.Connection;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.Severity;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.LaneGeometry;
import io.cheluyun.twin.LaneMatch;
import io.cheluyun.twin.TwinView;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * Green Light Optimal Speed Advisory (T/CSAE 53-2017 Day-1): advises a vehicle approaching a signalised
 * intersection the speed window in which it passes the stop line on green.
 *
 * <p>The vehicle must be matched to an ingress lane with its front bumper before the stop line and at most
 * {@link GlosaConfig#rangeM()} from it. Its movement is the lane's likely connection for the indicated turn, whose
 * signal group is looked up in the intersection's latest SPAT. The green windows are the runs of green phases
 * among the current and announced events (a phase ends at its likely end, else its minimum end; one without an end
 * lasts), each narrowed by {@link GlosaConfig#greenStartMarginS()} and {@link GlosaConfig#greenEndMarginS()}. For a
 * window starting {@code a} and ending {@code b} seconds from now and the front {@code d} metres from the line,
 * arriving within it takes a speed in [max(minimum advised speed, d / b), min(limit, d / a)]; the advice is the
 * first window, in time, where that range is not empty. When none is, nothing is advised: the vehicle will stop at
 * the red, and a dangerous approach is RLVW's to warn about.
 *
 * <p>An approach (vehicle, intersection, signal group) is advised when it is first seen with a window, then again
 * only when the window narrowed by more than {@link GlosaConfig#changeThresholdMps()} at either bound or the target
 * green moved by more than {@link GlosaConfig#windowShiftS()}. A window only widens when the vehicle is ahead of both
 * schedules, i.e. drives inside the advised window (its lower bound falls and its upper bound rises as it goes), so
 * the advice it holds stays right and repeating it would only chatter; it narrows when the driver does not follow
 * it, which is when new advice matters. The approach stays known (through {@link Hysteresis})
 * while the vehicle is on it, standing in a queue included, and is forgotten {@link GlosaConfig#clearHoldMs()}
 * after it left. Evaluation runs on each vehicle update (10 Hz), which also picks up a retimed SPAT within one
 * message period.
 */
public final class GreenLightOptimalSpeedAdvisory implements CooperativeApp {

    /** Start of a green that was already on when its SPAT was sent without a start time. */
    private static final long STARTED = Long.MIN_VALUE;
    /** End of a green whose end is not announced. */
    private static final long OPEN = Long.MAX_VALUE;

    private final GlosaConfig config;
    private final Hysteresis<Key> approaches;
    /** Last advice of each known approach; kept in step with {@link #approaches} in {@link #onTick}. */
    private final HashMap<Key, Advised> advised = new HashMap<>();

    // result of the last window(): bounds (m/s) and the target green's edges (epoch µs, or STARTED / OPEN)
    private double windowMinMps;
    private double windowMaxMps;
    private long windowStartMicros;
    private long windowEndMicros;

    public GreenLightOptimalSpeedAdvisory(GlosaConfig config) {
        this.config = config.conclude();
        this.approaches = new Hysteresis<>(config.clearHoldMs());
    }

    private record Key(String vehicleId, IntersectionId intersection, int signalGroup) {
    }

    /** The advice last given on an approach. */
    private static final class Advised {
        double minMps;
        double maxMps;
        long greenStartMicros;
    }

    @Override
    public String name() {
        return "glosa";
    }

    /** Number of approaches currently known (advised, vehicle not yet gone for the clear hold). */
    public int activeApproaches() {
        return approaches.size();
    }

    @Override
    public void onVehicle(VehicleState v, TwinView twin, WarningSink out) {
        LaneMatch match = twin.laneMatch(v.vehicleId());
        if (match == null || !match.ingress()) {
            return;
        }
        double frontToLineM = match.distanceToStopLineM() - lengthM(v) / 2.0;
        if (!(frontToLineM > 0.0) || frontToLineM > config.rangeM()) {
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
        long t = v.timeMicros();
        boolean found = v.speedMps() >= config.minMovingSpeedMps() && window(movement, t, frontToLineM);
        Key key = new Key(v.vehicleId(), match.intersection(), connection.signalGroup());
        boolean entered = approaches.update(key, t, found, true);
        if (!found) {
            return;
        }
        Advised last = advised.get(key);
        if (entered || last == null || changed(last)) {
            if (last == null) {
                last = new Advised();
                advised.put(key, last);
            }
            last.minMps = windowMinMps;
            last.maxMps = windowMaxMps;
            last.greenStartMicros = windowStartMicros;
            long untilEndMs = windowEndMicros == OPEN ? Long.MAX_VALUE : (windowEndMicros - t) / 1_000L;
            long validityMs = Math.min(config.maxValidityMs(), Math.max(100L, untilEndMs));
            out.emit(Warnings.of(WarningType.GLOSA, Severity.ADVISORY, v.vehicleId(),
                    match.intersection() + "#" + connection.signalGroup(), t, validityMs, Double.NaN, frontToLineM,
                    lane.intersection().frame().toGeo(lane.stopLineEastM(), lane.stopLineNorthM()),
                    new Advice(Advice.Action.SPEED_WINDOW, windowMinMps, windowMaxMps)));
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        approaches.expire(nowMicros);
        if (advised.size() > approaches.size()) {
            for (Iterator<Key> it = advised.keySet().iterator(); it.hasNext(); ) {
                if (!approaches.isActive(it.next())) {
                    it.remove();
                }
            }
        }
    }

    private boolean changed(Advised last) {
        boolean sameGreen = windowStartMicros == last.greenStartMicros
                || windowStartMicros != STARTED && last.greenStartMicros != STARTED
                && Math.abs(windowStartMicros - last.greenStartMicros) <= config.windowShiftS() * 1e6;
        return !sameGreen
                || windowMinMps - last.minMps > config.changeThresholdMps()
                || last.maxMps - windowMaxMps > config.changeThresholdMps();
    }

    /**
     * Finds the first green window of the movement the front can reach, {@code distanceM} from the line at time
     * {@code nowMicros}, at an advisable speed; leaves it in the {@code window*} fields and returns true, or returns
     * false when there is none.
     */
    private boolean window(MovementState movement, long nowMicros, double distanceM) {
        List<MovementEvent> events = movement.events();
        long previousEnd = nowMicros;
        boolean inGreen = false;
        long greenStart = STARTED;
        long greenEnd = OPEN;
        for (int i = 0, n = events.size(); i < n; i++) {
            MovementEvent e = events.get(i);
            long start = e.startMicros() != MovementEvent.UNKNOWN_TIME ? e.startMicros()
                    : i == 0 ? STARTED : previousEnd;
            long end = e.expectedEndMicros();
            boolean open = end == MovementEvent.UNKNOWN_TIME;
            if (e.phase().isGreen()) {
                if (!inGreen) {
                    inGreen = true;
                    greenStart = start;
                }
                greenEnd = open ? OPEN : end;
            } else if (inGreen) {
                if (reachable(greenStart, greenEnd, nowMicros, distanceM)) {
                    return true;
                }
                inGreen = false;
            }
            if (open) {
                break; // nothing announced after an open-ended phase can be placed in time
            }
            previousEnd = end;
        }
        return inGreen && reachable(greenStart, greenEnd, nowMicros, distanceM);
    }

    /**
     * Whether the green from {@code startMicros} ({@link #STARTED}: already on) to {@code endMicros} ({@link #OPEN}:
     * no end announced) can be met at an advisable speed; sets the {@code window*} fields if so.
     */
    private boolean reachable(long startMicros, long endMicros, long nowMicros, double distanceM) {
        double maxMps = config.speedLimitMps();
        if (startMicros != STARTED && startMicros > nowMicros) {
            double fromS = (startMicros - nowMicros) / 1e6 + config.greenStartMarginS();
            maxMps = Math.min(maxMps, distanceM / fromS);
        }
        double minMps = config.minAdvisedSpeedMps();
        if (endMicros != OPEN) {
            double untilS = (endMicros - nowMicros) / 1e6 - config.greenEndMarginS();
            if (untilS <= 0.0) {
                return false;
            }
            minMps = Math.max(minMps, distanceM / untilS);
        }
        if (minMps > maxMps) {
            return false;
        }
        windowMinMps = minMps;
        windowMaxMps = maxMps;
        windowStartMicros = startMicros;
        windowEndMicros = endMicros;
        return true;
    }



    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }
}
