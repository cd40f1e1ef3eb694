package io.cheluyun.model;

/**
 * A lane's connection through the intersection to an egress lane, and the signal group that controls it
 * (J2735 Connection / CSAE 53 Connection). {@code remoteIntersection} is {@code null} when the egress lane belongs
 * to the same intersection.
 */
public record Connection(int connectingLaneId, IntersectionId remoteIntersection, int signalGroup, Maneuver maneuver) {
}
