package io.cheluyun.server;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.VehicleStates;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Transport;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.sim.SyntheticCity;
import io.cheluyun.twin.OfferResult;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cheluyun load}: drives the platform open-loop at a target rate with a {@link SyntheticCity} and measures
 * it. Message {@code i} is due at {@code start + i / rate}; its timestamp is that due time, whether or not the sender
 * keeps up, so a warning's latency (now − the timestamp of the input that raised it) includes any time the message
 * spent waiting to be sent: no coordinated omission. Messages go in-process (straight to the twin's ingest) or as
 * CSAE 53-2017 UPER BSMs over loopback UDP through the edge (decode, gate). The misbehaviour checks are off (the
 * hazard pairs jump back every cycle by design).
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Drive the platform open-loop with a synthetic city at a target rate and report throughput, "
                + "ingest-to-warning latency (p50/p99/p99.9, no coordinated omission), losses, heap and GC. "
                + "See docs/benchmarks.md."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    Main.ConfigOptions configOptions;

    @Option(names = "--vehicles", defaultValue = "10000", description = "Fleet size (default ${DEFAULT-VALUE})")
    int vehicles;

    @Option(names = "--rate", defaultValue = "10", description = "Messages per vehicle per second (default "
            + "${DEFAULT-VALUE})")
    double rateHz;

    @Option(names = "--duration", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long to send (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--hazards", defaultValue = "0.01",
            description = "Share of the fleet in hazard pairs that raise FCW (default ${DEFAULT-VALUE})")
    double hazards;

    @Option(names = "--transport", defaultValue = "inproc", description = "inproc or udp (default ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--warmup", converter = DurationConverter.class, defaultValue = "5s",
            description = "Latency of warnings raised in the first part of the run is not recorded (JIT warm-up; "
                    + "default ${DEFAULT-VALUE})")
    Duration warmup = Duration.ofSeconds(5);

    /** The numbers of a run. */
    record Report(double targetRate, double sentRate, long sent, long accepted, long lost, long warnings,
                  long expectedWarnings, Histogram latencyMicros, long heapUsedBytes, long gcCount, long gcMillis) {
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = Main.Streams.OUT.get();
        if (!transport.equals("inproc") && !transport.equals("udp")) {
            Main.Streams.ERR.get().println("load: --transport is inproc or udp, got " + transport);
            return 2;
        }
        Report r = run(configOptions.load());
        Histogram h = r.latencyMicros();
        out.printf("load: %d vehicles at %.1f Hz over %s via %s%n", vehicles, rateHz, duration, transport);
        out.printf("  target %.0f msg/s, sent %.0f msg/s (%d messages), accepted %d, lost %d (%.3f %%)%n",
                r.targetRate(), r.sentRate(), r.sent(), r.accepted(), r.lost(),
                r.sent() == 0 ? 0.0 : 100.0 * r.lost() / r.sent());
        out.printf("  FCW warnings %d (hazard pairs x cycles: %d)%n", r.warnings(), r.expectedWarnings());
        out.printf("  input-to-warning latency ms (after %s warm-up): p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%d "
                        + "samples)%n", warmup,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
        out.printf("  heap used after GC %.0f MiB; GC %d collections, %d ms%n", r.heapUsedBytes() / 1048576.0,
                r.gcCount(), r.gcMillis());
        return 0;
    }

    Report run(CheluyunConfig base) throws Exception {
        SyntheticCity city = new SyntheticCity(vehicles, hazards, new GeoPoint(43.80, 125.20));
        boolean udp = transport.equals("udp");
        EdgeConfig edge = base.edge().withOpenDemo(true)
                .withMisbehaviour(base.edge().misbehaviour().withEnabled(false))
                .withUdp(new EdgeConfig.Udp(udp, "127.0.0.1", List.of(new EdgeConfig.UdpPort(0, "csae53-2017",
                        "none"))));
        Recorder latency = new Recorder(3_600_000_000L, 3);
        long startNanos = System.nanoTime();
        Instant wall = Instant.now();
        long startMicros = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000;
        long[] warnings = new long[1];
        long measureFromMicros = startMicros + warmup.toMillis() * 1_000L;
        WarningDispatcher.Sink sink = (Warning w, long ingestLatencyNanos) -> {
            if (w.type() == WarningType.FCW) {
                warnings[0]++;
                if (w.timeMicros() < measureFromMicros) {
                    return;
                }
                long nowMicros = startMicros + (System.nanoTime() - startNanos) / 1_000;
                latency.recordValue(Math.max(0, Math.min(3_600_000_000L, nowMicros - w.timeMicros())));
            }
        };
        long gcCountBefore = gcCount();
        long gcMillisBefore = gcMillis();
        Platform platform = new Platform(base.withEdge(edge), List.of(sink), System::nanoTime);
        long sent = 0;
        long notTaken = 0;
        double seconds;
        try (DatagramChannel channel = udp ? DatagramChannel.open() : null) {
            platform.start();
            platform.startEdge();
            InetSocketAddress target = udp ? new InetSocketAddress("127.0.0.1",
                    platform.edge().udp().ports().getFirst()) : null;
            double total = vehicles * rateHz;
            double periodNanos = 1e9 / total;
            long messages = (long) (total * duration.toMillis() / 1000.0);
            ByteBuffer buffer = ByteBuffer.allocate(512);
            for (long i = 0; i < messages; i++) {
                long dueNanos = startNanos + (long) (i * periodNanos);
                long wait = dueNanos - System.nanoTime();
                if (wait > 20_000) {
                    LockSupport.parkNanos(wait - 10_000);
                }
                while (System.nanoTime() < dueNanos) {
                    Thread.onSpinWait();
                }
                int v = (int) (i % vehicles);
                long dueMicros = startMicros + (dueNanos - startNanos) / 1_000;
                VehicleState s = city.state(v, (dueNanos - startNanos) / 1e9, dueMicros);
                if (udp) {
                    buffer.clear();
                    buffer.put(Family.CSAE53_2017.encode(VehicleStates.toCsae2017(s, (int) i))).flip();
                    channel.send(buffer, target);
                } else if (platform.ingest().offer(s) != OfferResult.ACCEPTED) {
                    notTaken++;
                }
                sent++;
            }
            seconds = (System.nanoTime() - startNanos) / 1e9;
            if (udp) {
                waitForUdp(platform, sent);
            }
            platform.awaitProcessed(Duration.ofSeconds(30));
        } finally {
            platform.close();
        }
        long accepted = platform.pipeline().ingest().acceptedCount();
        long lost = udp ? sent - accepted : notTaken;
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long cycles = (long) Math.floor(duration.toMillis() / 1000.0 / SyntheticCity.HAZARD_CYCLE_S);
        return new Report(vehicles * rateHz, sent / seconds, sent, accepted, lost, warnings[0],
                city.hazardPairs() * cycles, latency.getIntervalHistogram(), heap, gcCount() - gcCountBefore,
                gcMillis() - gcMillisBefore);
    }

    /** UDP: until every datagram has been taken in or counted as refused, or nothing moved for a second. */
    private static void waitForUdp(Platform platform, long sent) throws IOException {
        long last = -1;
        long stillSince = System.nanoTime();
        while (true) {
            long seen = platform.edge().udp().datagramCount();
            if (seen >= sent || System.nanoTime() - stillSince > 1_000_000_000L) {
                return;
            }
            if (seen != last) {
                last = seen;
                stillSince = System.nanoTime();
            }
            LockSupport.parkNanos(1_000_000);
            if (platform.inputRejectedCount(Transport.UDP, InputProblem.MALFORMED_UPER) > 0) {
                throw new IOException("the platform could not decode the harness's BSMs");
            }
        }
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }
}
