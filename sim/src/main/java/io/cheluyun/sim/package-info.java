/**
 * SUMO co-simulation: reads a SUMO network (lanes, junctions, traffic-light link indices), its floating-car data
 * and its saved traffic-light states, and turns them into the canonical model — MAP intersections, SPaT signal
 * states, vehicle states (BSM/CAM) and pedestrians as perceived objects — in the order a road would send them.
 * Depends on {@code model} and {@code codec} only.
 */
package io.cheluyun.sim;
