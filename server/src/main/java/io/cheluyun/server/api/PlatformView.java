package io.cheluyun.server.api;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.twin.TwinSnapshot;
import java.util.List;

/** What the API reads of, and puts into, the running platform beyond the store. */
public interface PlatformView extends Api.Announcer {

    /** The twin now (merged over the shards). */
    TwinSnapshot snapshot();

    /** Puts an uploaded MAP into the twin as if its RSU had sent it; null when taken, else why not. */
    String offerMap(MapIntersection map);

    /** The signal monitor's live view per intersection. */
    List<SignalStatus> signalStatus();

    /**
     * @param spatPerS        SPaT messages per second over the monitor's window
     * @param lastSpatMicros  message time of the latest SPaT, 0 when none yet
     * @param mapRevision     revision of the MAP in use, -1 when none
     */
    record SignalStatus(IntersectionId intersection, double spatPerS, long lastSpatMicros, int mapRevision) {
    }
}
