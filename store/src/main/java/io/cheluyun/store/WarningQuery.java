package io.cheluyun.store;

import io.cheluyun.model.WarningType;
import java.util.Set;

/**
 * Which warnings: raised within {@code [fromMicros, toMicros)}, optionally inside a latitude/longitude box, of some
 * types, for one target vehicle; newest first, at most {@code limit}.
 *
 * @param box      {minLat, minLon, maxLat, maxLon} in degrees, or null for anywhere
 * @param types    empty for every type
 * @param targetId null for every target
 */
public record WarningQuery(long fromMicros, long toMicros, double[] box, Set<WarningType> types, String targetId,
                           int limit) {

    /** The most rows a query returns: a page for a table or a map layer, not an export. */
    public static final int MAX_LIMIT = 10_000;

    public WarningQuery {
        if (toMicros < fromMicros) {
            throw new IllegalArgumentException("the time range ends before it starts");
        }
        if (box != null && (box.length != 4 || !(box[0] <= box[2]) || !(box[1] <= box[3]))) {
            throw new IllegalArgumentException("a box is minLat,minLon,maxLat,maxLon with min <= max");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ", got " + limit);
        }
        box = box == null ? null : box.clone();
        types = Set.copyOf(types);
    }

    /** Every warning raised within the range, newest first. */
    public static WarningQuery between(long fromMicros, long toMicros, int limit) {
        return new WarningQuery(fromMicros, toMicros, null, Set.of(), null, limit);
    }

    public WarningQuery withBox(double minLat, double minLon, double maxLat, double maxLon) {
        return new WarningQuery(fromMicros, toMicros, new double[] {minLat, minLon, maxLat, maxLon}, types, targetId,
                limit);
    }

    public WarningQuery withTypes(Set<WarningType> t) {
        return new WarningQuery(fromMicros, toMicros, box, t, targetId, limit);
    }

    public WarningQuery withTarget(String target) {
        return new WarningQuery(fromMicros, toMicros, box, types, target, limit);
    }
}
