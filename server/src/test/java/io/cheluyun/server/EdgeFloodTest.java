package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.VehicleStates;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Transport;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Overload: a stalled pipeline (shards not consuming) flooded with 60,000 BSM datagrams from 1,000 vehicles. The
 * shard queues stay at their capacity, everything beyond it is shed and counted under {@code shed}, the heap does
 * not grow with the flood, and once the pipeline moves again the next message is taken as usual.
 */
@Timeout(60)
class EdgeFloodTest {

    private static final int QUEUE = 1_024;
    private static final int DATAGRAMS = 60_000;

    @Test
    void aFloodIsShedAtTheBoundedQueuesAndCountedWithoutGrowingTheHeap() throws Exception {
        CheluyunConfig defaults = CheluyunConfig.defaults();
        // queue shedding on its own: 60 identical messages per vehicle would (rightly) be refused as replays
        EdgeConfig edge = defaults.edge().withOpenDemo(true)
                .withMisbehaviour(defaults.edge().misbehaviour().withEnabled(false)).withUdp(new EdgeConfig.Udp(true, "127.0.0.1",
                List.of(new EdgeConfig.UdpPort(0, "csae53-2017", "none"))));
        CheluyunConfig config = defaults.withPipeline(defaults.pipeline().withShards(2).withQueueCapacity(QUEUE))
                .withEdge(edge);
        byte[][] bsms = new byte[1_000][];
        long now = System.currentTimeMillis() * 1_000L;
        for (int k = 0; k < bsms.length; k++) {
            bsms[k] = bsm(k, now);
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Platform platform = new Platform(config, List.of(), System::nanoTime)) {
            platform.startEdge(); // stepped pipeline: nothing drains the shard queues until step()
            int port = platform.edge().udp().ports().getFirst();
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            long start = System.nanoTime();
            try (DatagramChannel sender = DatagramChannel.open()) {
                InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
                for (int k = 0; k < DATAGRAMS; k++) {
                    sender.send(ByteBuffer.wrap(bsms[k % bsms.length]), to);
                    if ((k & 255) == 0) {
                        Thread.sleep(1); // let the receiving thread keep up with the socket buffer
                    }
                }
            }
            long received;
            long deadline = System.nanoTime() + 20_000_000_000L;
            do {
                received = platform.edge().udp().datagramCount();
                Thread.sleep(20);
            } while (received != platform.edge().udp().datagramCount() || received < DATAGRAMS / 2
                    && System.nanoTime() < deadline);
            // the receive thread counts a datagram before it classifies it: let the last one settle
            long settle = System.nanoTime() + 5_000_000_000L;
            while (platform.pipeline().ingest().acceptedCount()
                    + platform.inputRejectedCount(Transport.UDP, InputProblem.SHED) < received
                    && System.nanoTime() < settle) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.gc();
            long heapAfter = memory.getHeapMemoryUsage().getUsed();

            long shed = platform.inputRejectedCount(Transport.UDP, InputProblem.SHED);
            long accepted = platform.pipeline().ingest().acceptedCount();
            System.out.printf("flood: %d datagrams received of %d sent in %.2f s; %d accepted, %d shed; heap "
                    + "%+.1f MiB%n", received, DATAGRAMS, seconds, accepted, shed, (heapAfter - heapBefore) / 1048576.0);
            assertThat(received).isGreaterThan(DATAGRAMS / 2);
            for (var worker : platform.pipeline().workers()) {
                assertThat(worker.queueDepth()).isLessThanOrEqualTo(QUEUE);
            }
            assertThat(accepted).isLessThanOrEqualTo(2L * QUEUE);
            assertThat(shed).isGreaterThan(received - 2L * QUEUE - 1_000);
            assertThat(accepted + shed).isEqualTo(received);
            assertThat(heapAfter - heapBefore).isLessThan(64L << 20);

            platform.step(); // the pipeline moves again: the queues drain and new input is taken
            long before = platform.pipeline().ingest().acceptedCount();
            try (DatagramChannel sender = DatagramChannel.open()) {
                sender.send(ByteBuffer.wrap(bsm(5_000, System.currentTimeMillis() * 1_000L)),
                        new InetSocketAddress("127.0.0.1", port));
            }
            long until = System.nanoTime() + 5_000_000_000L;
            while (platform.pipeline().ingest().acceptedCount() == before && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(platform.pipeline().ingest().acceptedCount()).isEqualTo(before + 1);
        }
    }

    private static byte[] bsm(int vehicle, long nowMicros) {
        VehicleState s = new VehicleState(String.format("%016x", vehicle), nowMicros,
                new GeoPoint(43.88 + (vehicle % 100) * 1e-4, 125.32 + (vehicle / 100) * 1e-4), 200, 90, 12, 0, 0,
                4.5, 1.8, VehicleClass.PASSENGER_CAR, new BrakeState(false, false, false, false), ExteriorLights.NONE);
        return Family.CSAE53_2017.encode(VehicleStates.toCsae2017(s, vehicle));
    }
}
