package io.cheluyun.model;

/** Allowed manoeuvres of a lane (J2735 / CSAE 53 AllowedManeuvers, the movements relevant to applications). */
public enum Maneuver {
    STRAIGHT, LEFT_TURN, RIGHT_TURN, U_TURN, LEFT_TURN_ON_RED, RIGHT_TURN_ON_RED, LANE_CHANGE
}
