package io.cheluyun.model;

/**
 * A road participant detected by a roadside sensor: the canonical form of an RSM participant (CSAE 53) or a CPM
 * perceived object (ETSI TS 103 324).
 *
 * @param objectId              sensor-local track id, unique per source
 * @param sourceId              sensor / RSU that reported it
 * @param objectClass           what it is
 * @param timeMicros            measurement time, epoch microseconds
 * @param position              WGS84 position of the object's centre
 * @param headingDeg            direction of travel, degrees from north, {@code NaN} if unknown (standing pedestrian)
 * @param speedMps              ground speed, m/s
 * @param lengthM               length, m, {@code NaN} if unknown
 * @param widthM                width, m, {@code NaN} if unknown
 * @param positionAccuracyM     1-sigma horizontal position accuracy, m, {@code NaN} if unknown
 */
public record PerceivedObject(String objectId, String sourceId, ObjectClass objectClass, long timeMicros,
                              GeoPoint position, double headingDeg, double speedMps, double lengthM, double widthM,
                              double positionAccuracyM) {

    public PerceivedObject {
        if (objectId == null || sourceId == null || objectClass == null || position == null) {
            throw new IllegalArgumentException("objectId, sourceId, objectClass and position are required");
        }
    }
}
