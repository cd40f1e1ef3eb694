package io.cheluyun.server;

import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.model.GeoPoint;
import java.io.PrintStream;
import java.util.List;

/**
 * The edge as {@code ./cheluyun demo} runs it: open-demo mode (any client may connect), the embedded MQTT broker on
 * the configured port (1883 by default), and one RSU registered at the scenario's centre, so every warning of
 * the demo also goes out as an RSI on {@code v2x/rsu/rsu-demo/down/RSI}. A broker that cannot start (the port is
 * taken) is reported and the demo goes on without it.
 */
final class DemoEdge {

    static final String RSU_ID = "rsu-demo";
    static final String RSU_TOKEN = "demo";

    private DemoEdge() {
    }

    static CheluyunConfig configure(CheluyunConfig config) {
        EdgeConfig edge = config.edge().withOpenDemo(true);
        if (edge.mqtt().mode().equals("off")) {
            EdgeConfig.Mqtt m = edge.mqtt();
            edge = edge.withMqtt(new EdgeConfig.Mqtt("embedded", m.host(), m.port(), m.tlsPort(), m.payload(),
                    m.obuFamily(), m.rsuFamily(), m.clientId(), m.password(), m.inflightQueue()));
        }
        return config.withEdge(edge);
    }

    static void start(Platform platform, GeoPoint rsuPosition, PrintStream err) {
        platform.edge().registry().register(new Device(RSU_ID, Device.Kind.RSU,
                DeviceRegistry.tokenSha256(RSU_TOKEN), null, "00000000000000d1", "csae53-2017",
                rsuPosition, 1000, null, 0, List.of()));
        try {
            platform.startEdge();
            err.printf("cheluyun demo: %s; RSU '%s' (token '%s') receives every warning on v2x/rsu/%s/down/RSI%n",
                    platform.edge().describe(), RSU_ID, RSU_TOKEN, RSU_ID);
        } catch (Exception e) {
            err.printf("cheluyun demo: the edge's transports did not start (%s); running without them%n",
                    e.getMessage());
        }
    }
}
