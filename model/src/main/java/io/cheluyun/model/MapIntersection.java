package io.cheluyun.model;

import java.util.List;

/** Geometry and topology of one intersection: the canonical form of MAP / MAPEM. */
public record MapIntersection(IntersectionId id, String name, int revision, GeoPoint referencePoint,
                              List<Lane> lanes) {

    public MapIntersection {
        if (id == null || referencePoint == null) {
            throw new IllegalArgumentException("id and referencePoint are required");
        }
        if (revision < 0 || revision > 127) {
            throw new IllegalArgumentException("revision must be within 0..127 (MsgCount), got " + revision);
        }
        lanes = List.copyOf(lanes);
    }

    /** The lane with this id, or {@code null}. */
    public Lane lane(int laneId) {
        for (Lane lane : lanes) {
            if (lane.laneId() == laneId) {
                return lane;
            }
        }
        return null;
    }
}
