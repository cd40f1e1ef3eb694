package io.cheluyun.edge;

import java.util.Locale;

/** Where an input came from: the {@code transport} label of the edge's counters. */
public enum Transport {
    UDP, MQTT, WEBSOCKET, HTTP, REPLAY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
