package io.cheluyun.model;

import java.util.List;

/**
 * A geofenced road event with a validity window: the canonical form of RSI (CSAE 53), TIM (J2735) and DENM (ETSI).
 *
 * @param eventId        stable id of the event across updates
 * @param sourceId       who announced it (RSU id, operator)
 * @param type           kind of event
 * @param typeCode       the family's own event/sign code (CSAE 53 EventType / GB 5768 sign code), -1 if none
 * @param area           geofence polygon, WGS84, at least three vertices, implicitly closed
 * @param speedLimitMps  speed limit within the area, {@code NaN} if the event sets none
 * @param startMicros    validity start, epoch microseconds
 * @param endMicros      validity end, epoch microseconds
 * @param description    operator-readable text, may be empty
 */
public record RoadEvent(String eventId, String sourceId, RoadEventType type, int typeCode, List<GeoPoint> area,
                        double speedLimitMps, long startMicros, long endMicros, String description) {

    public RoadEvent {
        if (eventId == null || eventId.isBlank() || type == null) {
            throw new IllegalArgumentException("eventId and type are required");
        }
        area = List.copyOf(area);
        if (area.size() < 3) {
            throw new IllegalArgumentException("event " + eventId + " area needs at least three vertices");
        }
        if (endMicros <= startMicros) {
            throw new IllegalArgumentException("event " + eventId + " must end after it starts");
        }
        description = description == null ? "" : description;
    }

    /** True when the event is in force at this message time. */
    public boolean isValidAt(long timeMicros) {
        return timeMicros >= startMicros && timeMicros < endMicros;
    }
}
