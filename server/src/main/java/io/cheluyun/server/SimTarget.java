package io.cheluyun.server;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.cheluyun.sim.WireEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where {@code cheluyun sim --target} sends the simulation's messages, as a roadside unit would: bare UPER datagrams
 * to a server's UDP port for the family ({@code udp://host:port}; the server knows the RSU by its source address,
 * docs/edge.md), or MQTT publishes on {@code v2x/rsu/{device}/up/{type}} logged in with the device's token
 * ({@code mqtt://host:port}). Not thread-safe: one sending thread.
 */
sealed interface SimTarget extends AutoCloseable {

    void send(WireEncoder.Message message) throws IOException;

    @Override
    void close() throws IOException;

    /** Opens {@code uri}; {@code device} and {@code token} log in to MQTT (ignored for UDP). */
    static SimTarget open(URI uri, String device, String token) throws IOException {
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("--target needs a host and a port: udp://HOST:PORT or "
                    + "mqtt://HOST:PORT, got " + uri);
        }
        return switch (uri.getScheme() == null ? "" : uri.getScheme()) {
            case "udp" -> new Udp(DatagramChannel.open(), new InetSocketAddress(uri.getHost(), uri.getPort()));
            case "mqtt" -> Mqtt.connect(uri.getHost(), uri.getPort(), device, token);
            default -> throw new IllegalArgumentException("--target is udp://HOST:PORT or mqtt://HOST:PORT, got "
                    + uri);
        };
    }

    /** Bare UPER, one message per datagram. */
    record Udp(DatagramChannel channel, InetSocketAddress to) implements SimTarget {
        @Override
        public void send(WireEncoder.Message message) throws IOException {
            channel.send(ByteBuffer.wrap(message.octets()), to);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** QoS 0 publishes, like an RSU's high-rate uplink (a lost BSM is superseded 100 ms later). */
    record Mqtt(Mqtt3AsyncClient client, String device) implements SimTarget {

        static Mqtt connect(String host, int port, String device, String token) throws IOException {
            Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3().identifier(device + "-sim")
                    .serverHost(host).serverPort(port).buildAsync();
            try {
                client.connectWith().simpleAuth().username(device).password(token.getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth().send().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("MQTT broker " + host + ":" + port + " refused " + device + ": "
                        + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + host + ":" + port, e);
            }
            return new Mqtt(client, device);
        }

        @Override
        public void send(WireEncoder.Message message) {
            client.publishWith().topic("v2x/rsu/" + device + "/up/" + message.type()).qos(MqttQos.AT_MOST_ONCE)
                    .payload(message.octets()).send();
        }

        @Override
        public void close() throws IOException {
            try {
                client.disconnect().get(10, TimeUnit.SECONDS); // flushes what is queued
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("MQTT disconnect: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while disconnecting", e);
            }
        }
    }
}
