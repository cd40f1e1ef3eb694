package io.cheluyun.server;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.model.VehicleClass;

/**
 * The demo's scripted traffic: a 12 s cycle on an eastbound urban road in Changchun, repeated. In the host lane a
 * leader at 60 km/h brakes hard (−6 m/s²) at 3 s with a follower 30 m behind, who reacts 1.9 s later; around them,
 * the traps FCW must not fall into: a car overtaking in the adjacent lane, an oncoming truck, a faster car ahead.
 */
final class DemoScenario {

    static final double CYCLE_S = 12.0;
    static final double ORIGIN_LAT_DEG = 43.8868;
    static final double ORIGIN_LON_DEG = 125.3245;

    private DemoScenario() {
    }

    static RoadScript road() {
        RoadScript road = RoadScript.straight(ORIGIN_LAT_DEG, ORIGIN_LON_DEG, 90.0, 10.0);
        road.vehicle("leader").at(130).speedKmh(60).accel(3.0, -6.0).sendPhase(0.00);
        road.vehicle("follower").at(100).speedKmh(60).accel(4.9, -7.0).sendPhase(0.02);
        road.vehicle("overtaker").lateral(-3.5).at(80).speedKmh(70).sendPhase(0.04);
        road.vehicle("truck").lateral(-7.0).oncoming().at(420).speedKmh(50)
                .size(VehicleClass.TRUCK, 12.0, 2.5).sendPhase(0.06);
        road.vehicle("ahead").at(220).speedKmh(75).sendPhase(0.08);
        return road;
    }
}
