package io.cheluyun.model;

import java.util.List;
import java.util.Set;

/**
 * One lane of an intersection map.
 *
 * @param laneId            lane id within the intersection (0..255)
 * @param type              what the lane is for
 * @param ingress           true for approach lanes (traffic flows towards the stop line), false for exit lanes
 * @param centreline        WGS84 centreline, the first point at the stop line (MAP node lists start there)
 * @param widthM            lane width, m
 * @param allowedManeuvers  manoeuvres permitted from this lane
 * @param connections       connections through the intersection
 */
public record Lane(int laneId, LaneType type, boolean ingress, List<GeoPoint> centreline, double widthM,
                   Set<Maneuver> allowedManeuvers, List<Connection> connections) {

    public Lane {
        if (laneId < 0 || laneId > 255) {
            throw new IllegalArgumentException("laneId must be within 0..255, got " + laneId);
        }
        centreline = List.copyOf(centreline);
        if (centreline.size() < 2) {
            throw new IllegalArgumentException("lane " + laneId + " needs at least two centreline points");
        }
        if (!(widthM > 0.0)) {
            throw new IllegalArgumentException("lane " + laneId + " width must be positive, got " + widthM);
        }
        allowedManeuvers = Set.copyOf(allowedManeuvers);
        connections = List.copyOf(connections);
    }
}
