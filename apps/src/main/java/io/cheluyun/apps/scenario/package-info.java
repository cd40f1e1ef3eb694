/**
 * Deterministic scenarios on message time: scripted vehicles on a straight road ({@link
 * io.cheluyun.apps.scenario.RoadScript}) and a runner that drives them through the real pipeline and
 * applications, stepped on one thread ({@link io.cheluyun.apps.scenario.ScenarioRunner}). Used by the application
 * tests, the demo and the benchmarks.
 */
package io.cheluyun.apps.scenario;
