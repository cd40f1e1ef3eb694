package io.cheluyun.apps.analytics;

import io.cheluyun.model.IntersectionId;

/**
 * One safety episode, reported once when it is over (peak values), on the thread of the shard that owns
 * {@code vehicleId}.
 *
 * @param kind          what happened
 * @param timeMicros    when the episode started, message time (epoch µs)
 * @param latDeg        where (the vehicle's position at the peak, or the conflict point)
 * @param lonDeg        where
 * @param intersection  the intersection it happened at, {@code null} when not at one
 * @param signalGroup   the signal group a red-light run crossed on, -1 for the other kinds
 * @param vehicleId     the road user it is about
 * @param otherId       the other road user of a conflict, else {@code null}
 * @param ttcS          minimum time-to-collision of a TTC conflict, else {@code NaN}
 * @param petS          post-encroachment time of a PET conflict, else {@code NaN}
 * @param magnitude     the peak: deceleration m/s² (negative) for hard braking, speed over the limit m/s for
 *                      speeding, speed at the stop line m/s for a red-light run, closing speed m/s for conflicts
 * @param detail        a short human-readable line (signal group, lane, limit …)
 */
public record SafetyEvent(SafetyKind kind, long timeMicros, double latDeg, double lonDeg, IntersectionId intersection,
                          int signalGroup, String vehicleId, String otherId, double ttcS, double petS, double magnitude,
                          String detail) {
}
