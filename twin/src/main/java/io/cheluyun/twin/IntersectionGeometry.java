package io.cheluyun.twin;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.MapIntersection;
import java.util.ArrayList;
import java.util.List;

/**
 * A MAP intersection prepared for lane matching: every lane as a {@link LaneGeometry} in the local east-north frame
 * at the intersection's reference point. Immutable; shared by all shards' views.
 */
public final class IntersectionGeometry {

    private final MapIntersection map;
    private final LocalEnu frame;
    private final List<LaneGeometry> lanes;

    public IntersectionGeometry(MapIntersection map) {
        this.map = map;
        this.frame = new LocalEnu(map.referencePoint().latDeg(), map.referencePoint().lonDeg());
        List<LaneGeometry> built = new ArrayList<>(map.lanes().size());
        for (var lane : map.lanes()) {
            built.add(new LaneGeometry(this, lane, frame));
        }
        this.lanes = List.copyOf(built);
    }

    public IntersectionId id() {
        return map.id();
    }

    public MapIntersection map() {
        return map;
    }

    /** The intersection's frame: origin at the MAP reference point. */
    public LocalEnu frame() {
        return frame;
    }

    public List<LaneGeometry> lanes() {
        return lanes;
    }

    /** The lane with this id, or {@code null}. */
    public LaneGeometry lane(int laneId) {
        for (LaneGeometry lane : lanes) {
            if (lane.laneId() == laneId) {
                return lane;
            }
        }
        return null;
    }
}
