package io.cheluyun.twin.agent;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Agent} on its own thread until closed. An exception from {@code doWork()} is a bug in the agent:
 * it is counted and logged (the first one with its stack), and the duty cycle goes on, so one bad message cannot
 * stop a shard.
 */
public final class AgentRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

    private final Agent agent;
    private final IdleStrategy idle;
    private final Thread thread;
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean running = true;

    private AgentRunner(Agent agent, IdleStrategy idle) {
        this.agent = agent;
        this.idle = idle;
        this.thread = new Thread(this::run, agent.roleName());
    }

    /** Starts the agent on a new platform thread named after its role. */
    public static AgentRunner start(Agent agent, IdleStrategy idle) {
        AgentRunner runner = new AgentRunner(agent, idle);
        runner.thread.start();
        return runner;
    }

    public long errorCount() {
        return errors.get();
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            while (running) {
                int work;
                try {
                    work = agent.doWork();
                } catch (RuntimeException e) {
                    long n = errors.incrementAndGet();
                    if (n == 1) {
                        LOG.error("agent={} event=work_failed count={}", agent.roleName(), n, e);
                    } else {
                        LOG.error("agent={} event=work_failed count={} error={}", agent.roleName(), n, e.toString());
                    }
                    work = 1;
                }
                idle.idle(work);
            }
        } finally {
            agent.onClose();
        }
    }

    /** Stops the duty cycle after the current {@code doWork()} and waits for the thread to end. */
    @Override
    public void close() {
        running = false;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
