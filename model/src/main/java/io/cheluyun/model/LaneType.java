package io.cheluyun.model;

/** What a lane is for (J2735 / CSAE 53 LaneTypeAttributes choice). */
public enum LaneType {
    VEHICLE, CROSSWALK, BIKE_LANE, SIDEWALK, MEDIAN, STRIPING, TRACKED_VEHICLE, PARKING
}
