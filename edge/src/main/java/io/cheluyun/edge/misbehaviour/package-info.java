/**
 * Plausibility and misbehaviour detection for vehicle states before they reach the twin: per-message plausibility
 * (speed, acceleration, timestamps, relay range), per-vehicle consistency over time (position jumps, speed and
 * heading against movement), replay and rate limits, Sybil-like ghosts, and quarantine of senders that keep
 * misbehaving. In the style of ETSI TR 103 460 (local misbehaviour detection by plausibility and consistency
 * checks), the observation types of ETSI TS 103 759, and the checks and attacks of VeReMi / F2MD.
 *
 * <p>{@link io.cheluyun.edge.misbehaviour.MisbehaviourDetector} is the hot-path API;
 * {@link io.cheluyun.edge.misbehaviour.AttackTraces} and
 * {@link io.cheluyun.edge.misbehaviour.MisbehaviourEvaluation} are the VeReMi-style evaluation that produces the
 * table in docs/security.md.
 */
package io.cheluyun.edge.misbehaviour;
