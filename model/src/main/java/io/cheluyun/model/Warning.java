package io.cheluyun.model;

import java.util.List;

/**
 * A warning for one target, produced by a cooperative application.
 *
 * @param warningId        deterministic id: the same input yields the same id
 * @param type             application that raised it
 * @param severity         urgency
 * @param targetId         the vehicle (or device) that must receive it
 * @param relatedIds       the other parties (leader vehicle, pedestrian, event id), in a stable order
 * @param timeMicros       message time of the input that raised it
 * @param validUntilMicros expiry: the downlink drops it after this message time
 * @param ttcS             time to collision, s; {@code NaN} where the application has none
 * @param distanceM        distance to the hazard (bumper to bumper for FCW), m; {@code NaN} if none
 * @param location         where the hazard is (the other party's position)
 * @param advice           what the target should do, {@code null} for a plain alert
 */
public record Warning(String warningId, WarningType type, Severity severity, String targetId, List<String> relatedIds,
                      long timeMicros, long validUntilMicros, double ttcS, double distanceM, GeoPoint location,
                      Advice advice) {

    /** A plain alert, without advice. */
    public Warning(String warningId, WarningType type, Severity severity, String targetId, List<String> relatedIds,
                   long timeMicros, long validUntilMicros, double ttcS, double distanceM, GeoPoint location) {
        this(warningId, type, severity, targetId, relatedIds, timeMicros, validUntilMicros, ttcS, distanceM,
                location, null);
    }

    public Warning {
        if (warningId == null || type == null || severity == null || targetId == null || location == null) {
            throw new IllegalArgumentException("warningId, type, severity, targetId and location are required");
        }
        if (validUntilMicros < timeMicros) {
            throw new IllegalArgumentException("a warning cannot expire before it is raised");
        }
        relatedIds = List.copyOf(relatedIds);
    }
}
