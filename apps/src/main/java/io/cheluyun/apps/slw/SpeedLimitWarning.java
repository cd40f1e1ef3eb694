package io.cheluyun.apps.slw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.Advice;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.GeofencedEvent;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Speed Limit Warning (T/CSAE 53-2017 Day-1): warns a vehicle that is inside the area of a road event setting a
 * speed limit ({@link RoadEvent#speedLimitMps()}, any event type: a limit sign, a work zone, a weather restriction),
 * or whose path enters it within {@link SlwConfig#entryHorizonS()} of travel, while it drives faster than the limit
 * plus the tolerance ({@link SlwConfig#thresholdMps}). The warning advises {@code SLOW_DOWN} to at most the limit,
 * names the event as the other party and gives the distance along the path to the area (0 inside).
 *
 * <p>Events without a limit, events not in force (the twin returns only those in force at its message time) and
 * areas beside the vehicle's path (a parallel road: the ray along its heading misses them) never warn. Evaluation
 * runs on the vehicle's own updates: the rule is about its speed, and the next message of a vehicle already in a
 * newly announced zone comes within 100 ms.
 *
 * <p>One warning per (vehicle, event, limit) while the vehicle keeps speeding there: the hazard stays active while it
 * is above the limit itself (not the limit plus tolerance) and in or near the zone, and re-arms after it has been at
 * or below the limit, or out of the zone, for {@link SlwConfig#clearHoldMs()}. The limit is part of the key, so an
 * event updated with a lower limit warns a vehicle speeding against the new one again.
 */
public final class SpeedLimitWarning implements CooperativeApp {

    private final SlwConfig config;
    private final Hysteresis<Key> hazards;
    private final List<GeofencedEvent> events = new ArrayList<>();

    private record Key(String vehicleId, String eventId, double limitMps) {
    }

    public SpeedLimitWarning(SlwConfig config) {
        this.config = config.conclude();
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    @Override
    public String name() {
        return "slw";
    }

    /** Number of (vehicle, event) hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState vehicle, TwinView twin, WarningSink out) {
        double speed = vehicle.speedMps();
        if (speed <= config.minToleranceMps() && hazards.size() == 0) {
            return; // too slow to speed against any limit, and nothing to re-arm early
        }
        double horizonM = speed * config.entryHorizonS();
        events.clear();
        if (twin.eventsNear(vehicle.latDeg(), vehicle.lonDeg(), Math.max(horizonM, config.edgeMarginM()),
                events) == 0) {
            return;
        }
        long t = vehicle.timeMicros();
        for (int i = 0, n = events.size(); i < n; i++) {
            GeofencedEvent fenced = events.get(i);
            RoadEvent event = fenced.event();
            double limit = event.speedLimitMps();
            if (!(limit > 0)) {
                continue; // NaN: the event sets no limit
            }
            Key key = new Key(vehicle.vehicleId(), event.eventId(), limit);
            if (speed <= limit) {
                hazards.update(key, t, false, false); // at or below the limit: the clear hold runs
                continue;
            }
            boolean active = hazards.isActive(key);
            double rayM = fenced.distanceAheadM(vehicle.latDeg(), vehicle.lonDeg(), vehicle.headingDeg(), horizonM);
            boolean inZone = rayM <= horizonM;
            boolean trigger = inZone && speed > config.thresholdMps(limit);
            boolean sustain = active && (inZone
                    || fenced.distanceM(vehicle.latDeg(), vehicle.lonDeg()) <= config.edgeMarginM());
            if (hazards.update(key, t, trigger, sustain)) {
                long validityMs = Math.min(config.validityMs(), (event.endMicros() - t) / 1_000L);
                out.emit(Warnings.of(WarningType.SLW, Severity.WARNING, vehicle.vehicleId(), event.eventId(), t,
                        validityMs, rayM == 0.0 ? 0.0 : rayM / speed, rayM, entryPoint(vehicle, rayM, twin),
                        new Advice(Advice.Action.SLOW_DOWN, Double.NaN, limit)));
            }
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
    }

    /** Where the vehicle's path enters the area: the vehicle's position when it is inside. */
    private static GeoPoint entryPoint(VehicleState vehicle, double rayM, TwinView twin) {
        if (rayM == 0.0) {
            return vehicle.position();
        }
        LocalEnu frame = twin.frameAt(vehicle.latDeg(), vehicle.lonDeg());
        double h = Math.toRadians(vehicle.headingDeg());
        return frame.toGeo(frame.eastM(vehicle.latDeg(), vehicle.lonDeg()) + rayM * Math.sin(h),
                frame.northM(vehicle.latDeg(), vehicle.lonDeg()) + rayM * Math.cos(h));
    }
}
