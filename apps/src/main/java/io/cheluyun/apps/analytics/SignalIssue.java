package io.cheluyun.apps.analytics;

import io.cheluyun.model.IntersectionId;

/**
 * One finding of the signal monitor.
 *
 * @param kind          what was found
 * @param timeMicros    message time (epoch µs)
 * @param intersection  the intersection
 * @param signalGroup   the signal group concerned, -1 when none
 * @param vehicleId     the vehicle concerned (stop on green, lane direction), else {@code null}
 * @param detail        a short human-readable line
 */
public record SignalIssue(SignalIssueKind kind, long timeMicros, IntersectionId intersection, int signalGroup,
                          String vehicleId, String detail) {
}
