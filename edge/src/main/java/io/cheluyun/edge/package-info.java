/**
 * The network edge: transports in and out (UDP, MQTT, WebSocket), who may talk (device registry, tokens, mTLS,
 * signed messages), plausibility and misbehaviour checks, back-pressure and the targeted downlink. Depends on
 * {@code model} and {@code codec} only; the server wires it to the pipeline.
 */
package io.cheluyun.edge;
