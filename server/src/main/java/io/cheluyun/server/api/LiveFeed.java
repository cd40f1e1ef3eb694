package io.cheluyun.server.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live push to operators over Server-Sent Events ({@code GET /api/v1/stream}): the twin's snapshot about once a
 * second, and every warning, safety event and signal-monitor finding as it happens. Publishing never blocks the
 * caller (the dispatcher, the analytics): each subscriber has a bounded queue, and one that cannot keep up is
 * disconnected (counted in {@code cheluyun_live_subscribers_dropped_total}); its browser reconnects by itself.
 * Each subscriber is written by a virtual thread of its own. Thread-safe.
 */
public final class LiveFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    /** Frames a subscriber may have queued before it counts as too slow. */
    static final int QUEUE_FRAMES = 512;
    /** A comment line this often keeps proxies and the connector's idle timeout from closing a quiet stream. */
    static final long KEEPALIVE_MS = 15_000;
    private static final byte[] CLOSE = new byte[0];
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.UTF_8);

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Counter dropped;
    private final Counter published;
    private volatile boolean closed;

    public LiveFeed(MeterRegistry meters) {
        Gauge.builder("cheluyun.live.subscribers", subscribers, java.util.List::size)
                .description("Operators connected to the live stream").register(meters);
        this.dropped = Counter.builder("cheluyun.live.subscribers.dropped")
                .description("Live-stream subscribers disconnected because they could not keep up").register(meters);
        this.published = Counter.builder("cheluyun.live.events.published")
                .description("Events published to the live stream").register(meters);
    }

    /** Whether anyone listens: publishers skip building JSON nobody reads. */
    public boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Sends one SSE event (name and a JSON body on one line) to every subscriber. Never blocks. */
    public void publish(String event, String json) {
        if (subscribers.isEmpty()) {
            return;
        }
        byte[] frame = ("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
        published.increment();
        for (Subscriber s : subscribers) {
            if (!s.queue.offer(frame)) {
                dropped.increment();
                s.stop();
            }
        }
    }

    /**
     * Starts streaming to this response: writes the SSE headers, then frames until the client goes away, it falls
     * behind, or the feed closes; completes {@code callback} at the end. Returns at once.
     */
    void subscribe(String who, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Accel-Buffering", "no");
        Subscriber s = new Subscriber(who);
        if (closed) {
            callback.succeeded();
            return;
        }
        subscribers.add(s);
        Thread.ofVirtual().name("cheluyun-live-" + who).start(() -> s.run(response, callback));
    }

    private final class Subscriber {
        final String who;
        final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES + 1);

        Subscriber(String who) {
            this.who = who;
        }

        void stop() {
            queue.clear();
            queue.offer(CLOSE);
        }

        void run(Response response, Callback callback) {
            try {
                write(response, "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8), false);
                while (true) {
                    byte[] frame = queue.poll(KEEPALIVE_MS, TimeUnit.MILLISECONDS);
                    if (frame == CLOSE || closed) {
                        break;
                    }
                    write(response, frame == null ? KEEPALIVE : frame, false);
                }
                write(response, CLOSE, true);
                callback.succeeded();
            } catch (Exception e) { // the client went away (or the server stops): the normal end of a stream
                LOG.debug("live: stream of {} ended: {}", who, e.toString());
                callback.failed(e);
            } finally {
                subscribers.remove(this);
            }
        }

        private static void write(Response response, byte[] bytes, boolean last) throws Exception {
            FutureCallback done = new FutureCallback();
            response.write(last, ByteBuffer.wrap(bytes), done);
            done.get(10, TimeUnit.SECONDS);
        }
    }

    /** Ends every stream. */
    @Override
    public void close() {
        closed = true;
        for (Subscriber s : subscribers) {
            s.stop();
        }
    }
}
