package io.cheluyun.model;

/** Class of a road participant detected by roadside sensors (CSAE 53 RSM ParticipantType, ETSI CPM classes). */
public enum ObjectClass {
    UNKNOWN, PEDESTRIAN, CYCLIST, MOTORCYCLE, VEHICLE, TRUCK, BUS, ANIMAL;

    /** Vulnerable road users, the subjects of VRUCW. */
    public boolean isVulnerable() {
        return this == PEDESTRIAN || this == CYCLIST || this == MOTORCYCLE;
    }
}
