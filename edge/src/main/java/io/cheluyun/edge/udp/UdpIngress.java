package io.cheluyun.edge.udp;

import io.cheluyun.codec.CsaeRsuFrame;
import io.cheluyun.codec.Family;
import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.Gate;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP ingress: one socket and one receiving thread per configured port, each bound to a family and a framing
 * ({@link EdgeConfig.UdpPort}). A datagram is decoded on the receiving thread and handed to the {@link Gate}; the
 * pipeline's offer never blocks, so the only queue is the kernel's socket buffer (4 MiB asked; what overflows it
 * the kernel drops and counts in {@code netstat -su} "receive buffer errors").
 *
 * <p>Who sent it: with the CSAE RSU framing, the RSU id in the frame's header; otherwise the registered device
 * whose {@code udpAddress} is the datagram's source address. Anyone else is refused ({@code unknown_sender})
 * unless the edge is in open-demo mode.
 */
public final class UdpIngress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpIngress.class);
    private static final int MAX_DATAGRAM = 65_535;

    private final Gate gate;
    private final DeviceRegistry registry;
    private final List<Listener> listeners = new ArrayList<>();
    private final LongAdder datagrams = new LongAdder();

    private record Listener(EdgeConfig.UdpPort port, Family family, DatagramChannel channel, Thread thread) {
    }

    private UdpIngress(Gate gate, DeviceRegistry registry) {
        this.gate = gate;
        this.registry = registry;
    }

    /** Binds every configured port and starts its thread. */
    public static UdpIngress start(EdgeConfig.Udp config, Gate gate, DeviceRegistry registry) throws IOException {
        UdpIngress ingress = new UdpIngress(gate, registry);
        try {
            for (EdgeConfig.UdpPort port : config.ports()) {
                ingress.bind(config.host(), port);
            }
        } catch (IOException | RuntimeException e) {
            ingress.close();
            throw e;
        }
        return ingress;
    }

    private void bind(String host, EdgeConfig.UdpPort port) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.bind(new InetSocketAddress(host, port.port()));
        Family family = Family.byName(port.family());
        int bound = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        Listener listener = new Listener(port, family, channel, null);
        Thread thread = Thread.ofPlatform().daemon().name("cheluyun-udp-" + bound).unstarted(() -> receive(listener));
        listeners.add(new Listener(port, family, channel, thread));
        thread.start();
        LOG.info("udp listening port={} family={} framing={}", bound, family.cliName(), port.framing());
    }

    /** The bound ports, in configuration order (a configured 0 becomes the port the system picked). */
    public List<Integer> ports() {
        List<Integer> out = new ArrayList<>();
        for (Listener l : listeners) {
            try {
                out.add(((InetSocketAddress) l.channel().getLocalAddress()).getPort());
            } catch (IOException e) {
                out.add(-1);
            }
        }
        return out;
    }

    public long datagramCount() {
        return datagrams.sum();
    }

    private void receive(Listener l) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (l.channel().isOpen()) {
            SocketAddress from;
            try {
                buffer.clear();
                from = l.channel().receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("udp receive failed port={} error=\"{}\"", l.port().port(), e.getMessage());
                continue;
            }
            datagrams.increment();
            buffer.flip();
            byte[] octets = new byte[buffer.remaining()];
            buffer.get(octets);
            String source = from instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : String.valueOf(from);
            try {
                handle(l, octets, source);
            } catch (RuntimeException e) { // a bug must not kill the port for everyone else
                gate.refuse(Transport.UDP, InputProblem.MALFORMED_FRAME, "unexpected " + e + " from " + source);
                LOG.error("udp datagram handling failed source={}", source, e);
            }
        }
    }

    /** One datagram: framing, sender, then the gate. Package-private for tests that step it without a socket. */
    void handle(Listener l, byte[] octets, String source) {
        switch (l.port().framing()) {
            case "csae-rsu" -> csaeRsu(l.family(), octets, source);
            case "hex" -> hexLines(l.family(), octets, source);
            default -> {
                Gate.Sender sender = senderByAddress(source);
                if (sender != null) {
                    gate.uper(Transport.UDP, sender, l.family(), octets, null);
                }
            }
        }
    }

    private Gate.Sender senderByAddress(String source) {
        Device d = registry.byAddress(source);
        if (d != null) {
            return d.isRsu() ? Gate.Sender.relayedBy(d) : Gate.Sender.direct(d);
        }
        if (gate.config().openDemo()) {
            return Gate.Sender.direct(Device.anonymous("udp-" + source.replace(':', '.'), Device.Kind.RSU));
        }
        gate.refuse(Transport.UDP, InputProblem.UNKNOWN_SENDER, "no registered device has udpAddress " + source);
        return null;
    }

    /** The CSAE RSU forwarding frame ({@link CsaeRsuFrame}: framing D, one message, or E, several). */
    private void csaeRsu(Family family, byte[] b, String source) {
        CsaeRsuFrame frame;
        switch (CsaeRsuFrame.parse(b)) {
            case CsaeRsuFrame.Bad bad -> {
                gate.refuse(Transport.UDP, bad.wrongLength() ? InputProblem.WRONG_LENGTH : InputProblem.MALFORMED_FRAME,
                        bad.detail() + " (from " + source + ")");
                return;
            }
            case CsaeRsuFrame.Ok ok -> frame = ok.frame();
        }
        byte[] id = frame.rsuId();
        String ascii = new String(id, StandardCharsets.US_ASCII).strip();
        Device rsu = registry.byRsuId(HexFormat.of().formatHex(id));
        if (rsu == null && ascii.matches("[A-Za-z0-9._-]{1,8}")) {
            rsu = registry.byId(ascii);
        }
        if (rsu == null) {
            if (!gate.config().openDemo()) {
                gate.refuse(Transport.UDP, InputProblem.UNKNOWN_SENDER, "RSU id " + HexFormat.of().formatHex(id)
                        + " (\"" + printable(ascii) + "\") is not registered (from " + source + ")");
                return;
            }
            rsu = Device.anonymous("rsu-" + HexFormat.of().formatHex(id), Device.Kind.RSU);
        }
        Gate.Sender sender = Gate.Sender.relayedBy(rsu);
        for (int[] m : frame.messages()) {
            gate.uper(Transport.UDP, sender, family, Arrays.copyOfRange(b, m[0], m[0] + m[1]), null);
        }
    }

    private void hexLines(Family family, byte[] octets, String source) {
        Gate.Sender sender = senderByAddress(source);
        if (sender == null) {
            return;
        }
        String text = new String(octets, StandardCharsets.US_ASCII);
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            byte[] message;
            try {
                message = HexFormat.of().parseHex(line.replace(" ", ""));
            } catch (IllegalArgumentException e) {
                gate.refuse(Transport.UDP, InputProblem.MALFORMED_FRAME, "not a hex line: " + e.getMessage()
                        + " (from " + source + ")");
                continue;
            }
            gate.uper(Transport.UDP, sender, family, message, null);
        }
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public void close() {
        for (Listener l : listeners) {
            try {
                l.channel().close();
            } catch (IOException e) {
                LOG.warn("udp close failed port={}", l.port().port(), e);
            }
            if (l.thread() != null) {
                try {
                    l.thread().join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
