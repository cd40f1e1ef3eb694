package io.cheluyun.twin.agent;

/**
 * A unit of work run by a duty cycle, in the shape of Agrona's agent: {@link #doWork()} does a bounded amount of
 * work and says how much, so an {@link AgentRunner} can idle it on its own thread, or a test can step it by hand.
 */
public interface Agent {

    /** Does some work and returns how much (0 when there was nothing to do). Never blocks. */
    int doWork();

    /** Name for the thread and the logs. */
    String roleName();

    /** Called once on the agent's thread after its last {@link #doWork()}. */
    default void onClose() {
    }
}
