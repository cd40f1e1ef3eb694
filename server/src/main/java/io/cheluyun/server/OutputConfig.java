package io.cheluyun.server;

/**
 * Warning output settings.
 *
 * @param queueCapacity  bounded queue between the shards and the warning writers; beyond it warnings are dropped
 *                       and counted (shards never block on output)
 */
public record OutputConfig(int queueCapacity) {

    public static OutputConfig defaults() {
        return new OutputConfig(16_384);
    }

    public OutputConfig conclude() {
        if (queueCapacity < 2 || queueCapacity > (1 << 22)) {
            throw new IllegalArgumentException("output.queueCapacity must be 2..4194304, got " + queueCapacity);
        }
        return this;
    }
}
