package io.cheluyun.edge;

import java.util.Queue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One daemon thread that takes items from a bounded queue and hands them to a handler: spins a few times when the
 * queue is empty, then parks for up to 1 ms (a backlog is picked up within a millisecond, an idle edge costs no
 * CPU). After {@link #close()} it finishes what is queued, then stops. The handler must not throw; it is given
 * each item exactly once, on this thread.
 */
public final class QueueDrainer<T> implements AutoCloseable {

    private final Queue<T> queue;
    private final Consumer<T> handler;
    private final Thread thread;
    private volatile boolean running = true;

    private QueueDrainer(String name, Queue<T> queue, Consumer<T> handler) {
        this.queue = queue;
        this.handler = handler;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    public static <T> QueueDrainer<T> start(String name, Queue<T> queue, Consumer<T> handler) {
        QueueDrainer<T> d = new QueueDrainer<>(name, queue, handler);
        d.thread.start();
        return d;
    }

    private void run() {
        int idle = 0;
        while (running || !queue.isEmpty()) {
            T item = queue.poll();
            if (item == null) {
                idle = Math.min(idle + 1, 20);
                if (idle > 10) {
                    LockSupport.parkNanos(idle * 50_000L);
                } else {
                    Thread.onSpinWait();
                }
                continue;
            }
            idle = 0;
            handler.accept(item);
        }
    }

    /** Finishes the queue (for up to 2 s), then stops the thread. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
