package io.cheluyun.apps.hlw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.RoadEventApps;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.RoadEventType;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.GeofencedEvent;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Hazardous Location Warning (T/CSAE 53-2017 Day-1): warns a moving vehicle whose path leads into the area of a
 * hazard in force — {@code HAZARD}, {@code ACCIDENT}, {@code ADVERSE_WEATHER} or {@code ROAD_CLOSURE} — within the
 * look-ahead {@code max(minLookAheadM, speed × lookAheadTimeS)} (capped), or that is already inside it.
 *
 * <p>The path is a ray from the vehicle along its heading ({@link GeofencedEvent#distanceAheadM}): an area behind
 * the vehicle (passed, or one it drives away from) or beside its path (a parallel road, the other carriageway when
 * the area covers only one) is never hit. Events come from the twin, which holds only those in force at its message
 * time, so a scheduled or expired event warns no one. The warning names the vehicle as target and the event as the
 * other party, with the distance along the path to the area (0 inside) and the time to reach it at the current speed.
 *
 * <p>Vehicles are evaluated on their own updates and, when an event is announced, every vehicle near its area at
 * once (so a vehicle close to a fresh accident does not wait for its next message). One warning per (vehicle,
 * event): the hazard stays active while the path still enters the area within {@link HlwConfig#maxLookAheadM()} or
 * the vehicle is within {@link HlwConfig#edgeMarginM()} of it, whatever its speed (a vehicle stopping on the
 * warning and moving off again is not re-warned), and re-arms {@link HlwConfig#clearHoldMs()} after it left.
 *
 * <p>Limitation: the straight ray does not follow curves; on a bend an area ahead on the road may be missed until
 * the heading points at it (a MAP-based path would fix this).
 */
public final class HazardousLocationWarning implements CooperativeApp {

    private final HlwConfig config;
    private final long maxStateAgeMicros;
    /** Warned (vehicle, event) hazards. */
    private final Hysteresis<Key> hazards;
    private final List<GeofencedEvent> events = new ArrayList<>();
    private final List<VehicleState> vehicles = new ArrayList<>();

    private record Key(String vehicleId, String eventId) {
    }

    public HazardousLocationWarning(HlwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    @Override
    public String name() {
        return "hlw";
    }

    /** Number of (vehicle, event) hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return hazards.size();
    }

    /** The event types HLW warns of; work zones, limits, congestion and signs are IVS's and SLW's. */
    static boolean isHazard(RoadEventType type) {
        return switch (type) {
            case HAZARD, ACCIDENT, ADVERSE_WEATHER, ROAD_CLOSURE -> true;
            case WORK_ZONE, SPEED_LIMIT, CONGESTION, TRAFFIC_SIGN -> false;
        };
    }

    @Override
    public void onVehicle(VehicleState vehicle, TwinView twin, WarningSink out) {
        if (vehicle.speedMps() < config.minSpeedMps() && hazards.size() == 0) {
            return; // cannot trigger, and there is nothing to sustain
        }
        events.clear();
        // the query reaches the sustain band: an active hazard must still be seen when the look-ahead has shrunk
        if (twin.eventsNear(vehicle.latDeg(), vehicle.lonDeg(), config.maxLookAheadM(), events) == 0) {
            return;
        }
        for (int i = 0, n = events.size(); i < n; i++) {
            GeofencedEvent event = events.get(i);
            if (isHazard(event.event().type())) {
                evaluate(vehicle, event, vehicle.timeMicros(), twin, out);
            }
        }
    }

    @Override
    public void onRoadEvent(RoadEvent event, TwinView twin, WarningSink out) {
        if (isHazard(event.type())) {
            RoadEventApps.onNewEvent(event, twin, config.maxLookAheadM(), maxStateAgeMicros, vehicles,
                    (vehicle, fenced, t) -> evaluate(vehicle, fenced, t, twin, out));
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
    }

    /** Evaluates one vehicle against one hazard at message time {@code t} (its state dead-reckoned to it). */
    private void evaluate(VehicleState vehicle, GeofencedEvent fenced, long t, TwinView twin, WarningSink out) {
        RoadEvent event = fenced.event();
        Key key = new Key(vehicle.vehicleId(), event.eventId());
        boolean active = hazards.isActive(key);
        double speed = vehicle.speedMps();
        double lookAheadM = config.lookAheadM(speed);
        double rayM = fenced.distanceAheadM(vehicle.latDeg(), vehicle.lonDeg(), vehicle.headingDeg(),
                active ? config.maxLookAheadM() : lookAheadM);
        double distanceM = Math.max(0.0, rayM - Kinematics.advanceM(vehicle, t));
        boolean trigger = speed >= config.minSpeedMps() && distanceM <= lookAheadM;
        boolean sustain = active && (rayM <= config.maxLookAheadM()
                || fenced.distanceM(vehicle.latDeg(), vehicle.lonDeg()) <= config.edgeMarginM());
        if (hazards.update(key, t, trigger, sustain)) {
            double ttcS = distanceM == 0.0 ? 0.0 : distanceM / speed;
            boolean blocked = event.type() == RoadEventType.ACCIDENT || event.type() == RoadEventType.ROAD_CLOSURE;
            Severity severity = blocked && ttcS < config.criticalTtcS() ? Severity.CRITICAL : Severity.WARNING;
            long validityMs = Math.min(config.validityMs(), (event.endMicros() - t) / 1_000L);
            out.emit(Warnings.of(WarningType.HLW, severity, vehicle.vehicleId(), event.eventId(), t, validityMs,
                    ttcS, distanceM, RoadEventApps.entryPoint(vehicle, rayM, twin), null));
        }
    }
}
