package io.cheluyun.apps.ivs;

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
 * In-Vehicle Signage (T/CSAE 53-2017 Day-1): shows the sign or notice of an event in force — {@code TRAFFIC_SIGN},
 * {@code WORK_ZONE}, {@code SPEED_LIMIT} or {@code CONGESTION} — once to each vehicle inside its area, or moving
 * towards it with its path entering the area within {@code max(minLookAheadM, speed × lookAheadTimeS)} (capped).
 *
 * <p>The path is a ray from the vehicle along its heading ({@link GeofencedEvent#distanceAheadM}), so a vehicle
 * moving away from the area, or passing beside it on another road, is not shown it; the twin holds only events in
 * force, so an expired or not yet started one shows nothing. The warning names the vehicle as target and the event
 * as the other party, with the distance along the path to the area (0 inside) and the time to reach it. Severity is
 * {@code ADVISORY}, except a work zone: {@code WARNING}, since workers and a narrowed carriageway lie ahead
 * (T/CSAE 53-2017 counts road works among the hazards a driver must heed; HLW leaves work zones to IVS).
 *
 * <p>Vehicles are evaluated on their own updates and, when an event is announced (added or replaced), every vehicle
 * near its area at once: those already inside or approaching get the sign right away, without waiting for their
 * next message. A sign is shown once per (vehicle, event): it stays shown while the path still enters the area
 * within {@link IvsConfig#maxLookAheadM()} or the vehicle is within {@link IvsConfig#edgeMarginM()} of it, and is
 * shown again only {@link IvsConfig#clearHoldMs()} after the vehicle left (an update of the event does not repeat
 * it to vehicles that have it).
 */
public final class InVehicleSignage implements CooperativeApp {

    private final IvsConfig config;
    private final long maxStateAgeMicros;
    /** Signs shown, by (vehicle, event). */
    private final Hysteresis<Key> shown;
    private final List<GeofencedEvent> events = new ArrayList<>();
    private final List<VehicleState> vehicles = new ArrayList<>();

    private record Key(String vehicleId, String eventId) {
    }

    public InVehicleSignage(IvsConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        this.shown = new Hysteresis<>(config.clearHoldMs());
    }

    @Override
    public String name() {
        return "ivs";
    }

    /** Number of (vehicle, event) signs currently shown (and not yet re-armed). */
    public int activeSigns() {
        return shown.size();
    }

    /** The event types IVS presents; hazards are HLW's. */
    static boolean isSign(RoadEventType type) {
        return switch (type) {
            case TRAFFIC_SIGN, WORK_ZONE, SPEED_LIMIT, CONGESTION -> true;
            case HAZARD, ACCIDENT, ADVERSE_WEATHER, ROAD_CLOSURE -> false;
        };
    }

    @Override
    public void onVehicle(VehicleState vehicle, TwinView twin, WarningSink out) {
        // a standing vehicle can only be shown the sign of an area it is in, unless a shown sign needs sustaining;
        // otherwise the query reaches the sustain band, which a shrinking look-ahead must not drop out of
        double radiusM = vehicle.speedMps() >= config.minSpeedMps() || shown.size() > 0
                ? config.maxLookAheadM() : 0.0;
        events.clear();
        if (twin.eventsNear(vehicle.latDeg(), vehicle.lonDeg(), radiusM, events) == 0) {
            return;
        }
        for (int i = 0, n = events.size(); i < n; i++) {
            GeofencedEvent event = events.get(i);
            if (isSign(event.event().type())) {
                evaluate(vehicle, event, vehicle.timeMicros(), twin, out);
            }
        }
    }

    @Override
    public void onRoadEvent(RoadEvent event, TwinView twin, WarningSink out) {
        if (isSign(event.type())) {
            RoadEventApps.onNewEvent(event, twin, config.maxLookAheadM(), maxStateAgeMicros, vehicles,
                    (vehicle, fenced, t) -> evaluate(vehicle, fenced, t, twin, out));
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        shown.expire(nowMicros);
    }

    /** Evaluates one vehicle against one sign at message time {@code t} (its state dead-reckoned to it). */
    private void evaluate(VehicleState vehicle, GeofencedEvent fenced, long t, TwinView twin, WarningSink out) {
        RoadEvent event = fenced.event();
        Key key = new Key(vehicle.vehicleId(), event.eventId());
        boolean active = shown.isActive(key);
        double speed = vehicle.speedMps();
        double lookAheadM = config.lookAheadM(speed);
        double rayM = fenced.distanceAheadM(vehicle.latDeg(), vehicle.lonDeg(), vehicle.headingDeg(),
                active ? config.maxLookAheadM() : lookAheadM);
        double distanceM = Math.max(0.0, rayM - Kinematics.advanceM(vehicle, t));
        boolean trigger = rayM == 0.0 || speed >= config.minSpeedMps() && distanceM <= lookAheadM;
        boolean sustain = active && (rayM <= config.maxLookAheadM()
                || fenced.distanceM(vehicle.latDeg(), vehicle.lonDeg()) <= config.edgeMarginM());
        if (shown.update(key, t, trigger, sustain)) {
            Severity severity = event.type() == RoadEventType.WORK_ZONE ? Severity.WARNING : Severity.ADVISORY;
            long validityMs = Math.min(config.validityMs(), (event.endMicros() - t) / 1_000L);
            out.emit(Warnings.of(WarningType.IVS, severity, vehicle.vehicleId(), event.eventId(), t, validityMs,
                    distanceM == 0.0 ? 0.0 : distanceM / speed, distanceM, RoadEventApps.entryPoint(vehicle, rayM, twin), null));
        }
    }
}
