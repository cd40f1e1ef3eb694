package io.cheluyun.codec.adapt;

import io.cheluyun.codec.csae2017.ParticipantType;
import io.cheluyun.codec.csae2017.PositionConfidence;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.VehicleClass;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * T/CSAE 53 RSM (road-side safety message: participants a roadside sensor detected) to the canonical
 * {@link PerceivedObject}. Positions are offsets from the RSM's reference position; times are the participants' own
 * secMark resolved against receipt; a participant the RSU relays from a vehicle's own BSM keeps that vehicle's id,
 * so the twin can associate the two reports.
 */
public final class PerceivedObjects {

    /** PositionConfidence enumeration (T/CSAE 53 DE_PositionConfidence): the 95 % bound of each item, metres. */
    private static final double[] CONFIDENCE_M = {Double.NaN, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05,
        0.02, 0.01};

    private PerceivedObjects() {
    }

    /** Every participant of an RSM; the RSU itself ({@code ptcType rsu}) is left out. */
    public static List<PerceivedObject> fromCsae2017(io.cheluyun.codec.csae2017.RoadsideSafetyMessage rsm,
                                                     long receivedMicros) {
        String rsu = HexFormat.of().formatHex(rsm.id());
        GeoPoint ref = new GeoPoint(rsm.refPos().lat() * VehicleStates.DEG_PER_LSB,
                rsm.refPos().long_() * VehicleStates.DEG_PER_LSB);
        List<PerceivedObject> out = new ArrayList<>();
        for (var p : rsm.participants()) {
            if (p.ptcType() == ParticipantType.rsu) {
                continue;
            }
            ObjectClass cls = objectClass(p.ptcType(), p.vehicleClass());
            String id = p.id() != null ? HexFormat.of().formatHex(p.id()) : rsu + ":" + p.ptcId();
            double speed = p.speed() == VehicleStates.SPEED_UNAVAILABLE ? Double.NaN
                    : p.speed() * VehicleStates.MPS_PER_SPEED_LSB;
            double heading = p.heading() == VehicleStates.HEADING_UNAVAILABLE ? Double.NaN
                    : p.heading() * VehicleStates.DEG_PER_HEADING_LSB;
            PositionConfidence conf = p.posConfidence().pos();
            // the enumeration gives a 95 % bound; 1-sigma of a 2-D normal error is about half of it
            double sigma = conf.ordinal() < CONFIDENCE_M.length ? CONFIDENCE_M[conf.ordinal()] / 2.0 : Double.NaN;
            out.add(new PerceivedObject(id, rsu, cls, VehicleStates.secMarkTime(p.secMark(), receivedMicros),
                    MapIntersections.offset(p.pos().offsetLL(), ref), heading, speed,
                    p.size().length() > 0 ? p.size().length() / 100.0 : Double.NaN,
                    p.size().width() > 0 ? p.size().width() / 100.0 : Double.NaN, sigma));
        }
        return out;
    }

    static ObjectClass objectClass(ParticipantType type, io.cheluyun.codec.csae2017.VehicleClassification vc) {
        return switch (type) {
            case pedestrian -> ObjectClass.PEDESTRIAN;
            case non_motor -> ObjectClass.CYCLIST;
            case motor -> {
                VehicleClass c = vc == null ? VehicleClass.PASSENGER_CAR
                        : VehicleStates.basicVehicleClass(vc.classification());
                yield switch (c) {
                    case TRUCK, TRAILER -> ObjectClass.TRUCK;
                    case BUS -> ObjectClass.BUS;
                    case MOTORCYCLE -> ObjectClass.MOTORCYCLE;
                    default -> ObjectClass.VEHICLE;
                };
            }
            default -> ObjectClass.UNKNOWN;
        };
    }
}
