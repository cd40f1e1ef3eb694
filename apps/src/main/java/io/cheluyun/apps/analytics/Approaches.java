package io.cheluyun.apps.analytics;

import io.cheluyun.twin.LaneGeometry;

/** Names an intersection approach by the compass side its traffic comes from: N, E, S or W. */
public final class Approaches {

    private static final String[] FROM = {"S", "W", "N", "E"};

    private Approaches() {
    }

    /** The side traffic on this ingress lane comes from (northbound traffic comes from the south: "S"). */
    public static String of(LaneGeometry lane) {
        return fromTravelHeading(lane.travelHeadingAtStopLineDeg());
    }

    /** "S" for a travel heading of 0° (northbound), "W" for 90°, "N" for 180°, "E" for 270°; quadrants around each. */
    public static String fromTravelHeading(double headingDeg) {
        double h = ((headingDeg % 360.0) + 360.0) % 360.0;
        return FROM[(int) Math.floor((h + 45.0) / 90.0) % 4];
    }
}
