package io.cheluyun.apps.scenario;

import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The inputs of a scenario on message time: vehicle states, signal states, maps, road events and perceived objects,
 * merged into the order a real feed would deliver them. Maps come first (they are configuration), then everything by
 * time; at equal times signals before events before objects before vehicles, and otherwise in the order added.
 */
public final class Timeline {

    private record Entry(long time, int kind, int seq, Object input) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds inputs of any of the five kinds. */
    public Timeline add(List<?> inputs) {
        for (Object input : inputs) {
            add(input);
        }
        return this;
    }

    public Timeline add(Object input) {
        int seq = entries.size();
        switch (input) {
            case MapIntersection m -> entries.add(new Entry(Long.MIN_VALUE, 0, seq, m));
            case SignalState s -> entries.add(new Entry(s.timeMicros(), 1, seq, s));
            case RoadEvent e -> entries.add(new Entry(e.startMicros(), 2, seq, e));
            case PerceivedObject o -> entries.add(new Entry(o.timeMicros(), 3, seq, o));
            case VehicleState v -> entries.add(new Entry(v.timeMicros(), 4, seq, v));
            default -> throw new IllegalArgumentException("not a scenario input: " + input);
        }
        return this;
    }

    /** A road event announced at a given message time (before it starts, or an update of one in force). */
    public Timeline announce(RoadEvent event, long atMicros) {
        entries.add(new Entry(atMicros, 2, entries.size(), event));
        return this;
    }

    /** The inputs in delivery order. */
    public List<Object> inputs() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::time).thenComparingInt(Entry::kind)
                .thenComparingInt(Entry::seq));
        List<Object> out = new ArrayList<>(sorted.size());
        for (Entry e : sorted) {
            out.add(e.input());
        }
        return out;
    }
}
