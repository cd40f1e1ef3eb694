/**
 * Composition root: configuration, the command line, the {@link io.cheluyun.server.Platform} that wires ingest,
 * shards, applications and outputs together, and the HTTP endpoints. The only module that knows them all.
 */
package io.cheluyun.server;
