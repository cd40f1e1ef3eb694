package io.cheluyun.sim;

import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;

/**
 * A synthetic city for load tests: {@code vehicles} cars on a grid of east–west two-way roads 200 m apart across as
 * many tiles as the fleet needs (about 100 m of lane per car), each state computed in closed form from the vehicle
 * number and the time, so any rate and any length cost no memory. Every car of a lane drives at that lane's speed,
 * so ordinary traffic never closes on anyone; a share of the fleet are <em>hazard pairs</em> on roads of their own,
 * a follower closing at 10 m/s on a slow leader from 60 m, the gap reset every {@value #HAZARD_CYCLE_S} s — so each
 * pair raises a forward-collision warning once per cycle, whose latency a harness can measure.
 *
 * <p>Deterministic: the same parameters give the same states. Thread-safe (immutable).
 */
public final class SyntheticCity {

    /** Road spacing, m. */
    static final double ROAD_SPACING_M = 200;
    /** Lane centre offset from the road axis, m (right-hand traffic: eastbound south of the axis). */
    static final double LANE_OFFSET_M = 1.75;
    /** A hazard pair's cycle: gap from 60 m down to 10 m at 10 m/s closing, then reset. */
    public static final double HAZARD_CYCLE_S = 5.0;
    private static final double HAZARD_GAP_M = 60;
    private static final double HAZARD_CLOSING_MPS = 10;
    private static final double HAZARD_PAIR_SPACING_M = 400;

    private final int vehicles;
    private final int hazardPairs;
    private final int roads;
    private final double roadLengthM;
    private final LocalEnu frame;

    /**
     * @param vehicles    fleet size (≥ 1)
     * @param hazardShare share of the fleet in hazard pairs (0 to 0.5)
     * @param origin      south-west corner of the city
     */
    public SyntheticCity(int vehicles, double hazardShare, GeoPoint origin) {
        if (vehicles < 1 || !(hazardShare >= 0 && hazardShare <= 0.5)) {
            throw new IllegalArgumentException("vehicles >= 1 and hazardShare in [0, 0.5] required");
        }
        this.vehicles = vehicles;
        this.hazardPairs = (int) Math.floor(vehicles * hazardShare / 2);
        // a square city with ~100 m of lane per car: n roads of length n * 200 m, two lanes each
        double laneM = Math.max(2_000, vehicles * 100.0);
        this.roads = Math.max(4, (int) Math.ceil(Math.sqrt(laneM / 2 / ROAD_SPACING_M)));
        this.roadLengthM = roads * ROAD_SPACING_M;
        this.frame = new LocalEnu(origin.latDeg(), origin.lonDeg());
    }

    public int vehicles() {
        return vehicles;
    }

    public int hazardPairs() {
        return hazardPairs;
    }

    /** The city's extent east and north, m. */
    public double sizeM() {
        return roadLengthM;
    }

    /** The id of vehicle {@code v}: 16 hex digits, as a BSM carries it. */
    public static String id(int v) {
        return String.format("%016x", v);
    }

    /** True for the followers of hazard pairs: the targets of the warnings the city must raise. */
    public boolean isHazardFollower(int v) {
        return v < 2 * hazardPairs && v % 2 == 1;
    }

    /** Vehicle {@code v}'s state at {@code timeS} seconds of city time, stamped {@code timeMicros}. */
    public VehicleState state(int v, double timeS, long timeMicros) {
        double east;
        double north;
        double heading;
        double speed;
        if (v < 2 * hazardPairs) {
            int pair = v / 2;
            // hazard roads sit between the ordinary roads, eastbound, pairs 400 m apart
            int perRoad = Math.max(1, (int) (roadLengthM / HAZARD_PAIR_SPACING_M) - 1);
            int road = pair / perRoad;
            double start = 100 + (pair % perRoad) * HAZARD_PAIR_SPACING_M;
            north = (road % roads) * ROAD_SPACING_M + ROAD_SPACING_M / 2 - LANE_OFFSET_M;
            double phase = timeS % HAZARD_CYCLE_S;
            double leaderSpeed = 3;
            double leader = start + HAZARD_GAP_M + leaderSpeed * phase;
            if (v % 2 == 0) {
                east = leader;
                speed = leaderSpeed;
            } else {
                speed = leaderSpeed + HAZARD_CLOSING_MPS;
                east = leader - (HAZARD_GAP_M - HAZARD_CLOSING_MPS * phase);
            }
            heading = 90;
        } else {
            int road = v % roads;
            boolean eastbound = (v / roads) % 2 == 0;
            // every car of a lane at the lane's speed: 8 to 16 m/s by lane
            speed = 8 + ((road * 2 + (eastbound ? 0 : 1)) % 9);
            double slot = ((long) v * 7919L % (long) roadLengthM);
            double along = (slot + speed * timeS) % roadLengthM;
            north = road * ROAD_SPACING_M + (eastbound ? -LANE_OFFSET_M : LANE_OFFSET_M);
            east = eastbound ? along : roadLengthM - along;
            heading = eastbound ? 90 : 270;
        }
        return new VehicleState(id(v), timeMicros, new GeoPoint(frame.latDeg(east, north), frame.lonDeg(east, north)),
                Double.NaN, heading, speed, 0, 0, 4.6, 1.8, VehicleClass.PASSENGER_CAR,
                new BrakeState(false, false, false, false), ExteriorLights.NONE);
    }
}
