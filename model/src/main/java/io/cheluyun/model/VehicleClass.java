package io.cheluyun.model;

/**
 * Vehicle class, the union of the classes the message families distinguish (CSAE 53 / J2735 BasicVehicleClass,
 * ETSI StationType) at the granularity applications need: size, priority and vulnerability.
 */
public enum VehicleClass {
    UNKNOWN,
    PASSENGER_CAR,
    MOTORCYCLE,
    BUS,
    TRUCK,
    TRAILER,
    SPECIAL,
    /** Ambulance, fire engine, police: the subjects of EVW. */
    EMERGENCY,
    TRAM
}
