package io.cheluyun.model;

/** What a road event announces (CSAE 53 RSI RTEData/RTSData, J2735 TIM, ETSI DENM cause codes, grouped). */
public enum RoadEventType {
    HAZARD, ACCIDENT, WORK_ZONE, SPEED_LIMIT, CONGESTION, ADVERSE_WEATHER, ROAD_CLOSURE, TRAFFIC_SIGN
}
