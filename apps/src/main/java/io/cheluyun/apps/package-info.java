/**
 * Cooperative applications behind one small SPI, {@link io.cheluyun.apps.CooperativeApp}. Applications are pure
 * reactions to twin changes on message time: they read the shard through {@link io.cheluyun.twin.TwinView}, keep
 * their own per-shard state (one instance per shard, one thread), and emit {@link io.cheluyun.model.Warning}s.
 * They never see a socket, a wire format or a wall clock.
 */
package io.cheluyun.apps;
