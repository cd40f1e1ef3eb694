package io.cheluyun.twin;

import io.cheluyun.model.PerceivedObject;
import java.util.ArrayList;
import java.util.List;

/** A fused roadside-perceived participant: its latest report (under the fused id) and the source ids it merges. */
final class ObjectTrack extends SpatialIndex.Entry {

    final String trackId;
    PerceivedObject latest;
    final List<String> sourceKeys = new ArrayList<>(2);
    boolean owned;

    ObjectTrack(String trackId, PerceivedObject latest, boolean owned) {
        this.trackId = trackId;
        this.latest = latest;
        this.owned = owned;
    }

    @Override
    double latDeg() {
        return latest.position().latDeg();
    }

    @Override
    double lonDeg() {
        return latest.position().lonDeg();
    }
}
