package io.cheluyun.codec.adapt;

import io.cheluyun.asn1.runtime.Absent;
import io.cheluyun.codec.csae2017.PositionOffsetLL;
import io.cheluyun.model.Connection;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.LaneType;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * MAP to the canonical {@link MapIntersection}. A T/CSAE 53 MAP describes each node (intersection) with the links
 * that enter it; every lane of an entering link is an ingress lane of the node, its points are offsets in 1/10
 * microdegree from the node's reference position (or absolute positions, {@code position-LatLon}), and its
 * connections name the downstream lane and the signal phase that governs the movement.
 */
public final class MapIntersections {

    /** Lane width when neither the lane nor its link gives one: 3.5 m, the GB 50688 urban lane width. */
    static final double DEFAULT_LANE_WIDTH_M = 3.5;

    private MapIntersections() {
    }

    /** Every node of a CSAE 53 MAP, with its lanes that have at least two points. */
    public static List<MapIntersection> fromCsae2017(io.cheluyun.codec.csae2017.MapData map) {
        List<MapIntersection> out = new ArrayList<>();
        for (var node : map.nodes()) {
            var ref = node.refPos();
            GeoPoint refPoint = new GeoPoint(ref.lat() * VehicleStates.DEG_PER_LSB, ref.long_() * VehicleStates.DEG_PER_LSB);
            List<Lane> lanes = new ArrayList<>();
            if (node.inLinks() != null) {
                for (var link : node.inLinks()) {
                    for (var lane : link.lanes()) {
                        Lane l = lane(lane, link, refPoint);
                        if (l != null) {
                            lanes.add(l);
                        }
                    }
                }
            }
            out.add(new MapIntersection(id(node.id()), node.name() == null ? "" : node.name(), map.msgCnt(), refPoint,
                    lanes));
        }
        return out;
    }

    /**
     * Every intersection of a J2735 MAP. Lane nodes are offsets in centimetres east/north, the first from the
     * intersection's reference point and each next one from the previous node (DF_NodeListXY); a lane is ingress or
     * egress by its directionalUse bits (0 ingress path, 1 egress path).
     */
    public static List<MapIntersection> fromJ2735(io.cheluyun.codec.j2735v2016.MapData map) {
        List<MapIntersection> out = new ArrayList<>();
        if (map.intersections() == null) {
            return out;
        }
        for (var ig : map.intersections()) {
            var ref = ig.refPoint();
            GeoPoint refPoint = new GeoPoint(ref.lat() * VehicleStates.DEG_PER_LSB,
                    ref.long_() * VehicleStates.DEG_PER_LSB);
            io.cheluyun.model.LocalEnu frame = new io.cheluyun.model.LocalEnu(refPoint.latDeg(), refPoint.lonDeg());
            List<Lane> lanes = new ArrayList<>();
            for (var lane : ig.laneSet()) {
                List<GeoPoint> centreline = new ArrayList<>();
                if (lane.nodeList() instanceof io.cheluyun.codec.j2735v2016.NodeListXY.Nodes(var nodes)) {
                    double x = 0;
                    double y = 0;
                    for (var node : nodes) {
                        double[] d = j2735Offset(node.delta());
                        if (d == null) {
                            continue;
                        }
                        if (d.length == 2) {
                            x += d[0];
                            y += d[1];
                            centreline.add(frame.toGeo(x, y));
                        } else { // absolute node: the following offsets continue from it
                            GeoPoint abs = new GeoPoint(d[1], d[2]);
                            x = frame.eastM(abs.latDeg(), abs.lonDeg());
                            y = frame.northM(abs.latDeg(), abs.lonDeg());
                            centreline.add(abs);
                        }
                    }
                }
                if (centreline.size() < 2) {
                    continue; // computed lanes and lanes without geometry: not matchable
                }
                int widthCm = ig.laneWidth() == Absent.INT ? Absent.INT : ig.laneWidth();
                List<Connection> connections = new ArrayList<>();
                if (lane.connectsTo() != null) {
                    for (var c : lane.connectsTo()) {
                        long bits = c.connectingLane().maneuver();
                        connections.add(new Connection(c.connectingLane().lane(),
                                c.remoteIntersection() == null ? null : new IntersectionId(
                                        c.remoteIntersection().region() == Absent.INT ? 0
                                                : c.remoteIntersection().region(), c.remoteIntersection().id()),
                                c.signalGroup() == Absent.INT ? -1 : c.signalGroup(),
                                bits == Absent.LONG ? null : first(maneuvers(bits))));
                    }
                }
                long use = lane.laneAttributes().directionalUse();
                lanes.add(new Lane(lane.laneID(), j2735LaneType(lane.laneAttributes().laneType()), (use & 1) != 0,
                        centreline, widthCm == Absent.INT || widthCm <= 0 ? DEFAULT_LANE_WIDTH_M : widthCm / 100.0,
                        lane.maneuvers() == Absent.LONG ? Set.of() : maneuvers(lane.maneuvers()), connections));
            }
            var id = ig.id();
            out.add(new MapIntersection(new IntersectionId(id.region() == Absent.INT ? 0 : id.region(), id.id()),
                    ig.name() == null ? "" : ig.name(), ig.revision(), refPoint, lanes));
        }
        return out;
    }

    /** Every intersection of an ETSI MAPEM (ISO TS 19091 MapData, the J2735-2016 type on the wire). */
    public static List<MapIntersection> fromMapem(io.cheluyun.codec.etsi.MAPEM mapem) {
        io.cheluyun.asn1.per.BitWriter w = new io.cheluyun.asn1.per.BitWriter();
        io.cheluyun.codec.etsi.MapData.encode(w, mapem.map());
        return fromJ2735(Transcode.to(w, io.cheluyun.codec.j2735v2016.MapData::decode));
    }

    /** {east m, north m} of a relative node, {0, lat, lon} of an absolute one, null for a regional one. */
    static double[] j2735Offset(io.cheluyun.codec.j2735v2016.NodeOffsetPointXY p) {
        return switch (p) {
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY1(var v) -> new double[] {v.x() / 100.0, v.y() / 100.0};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY2(var v) -> new double[] {v.x() / 100.0, v.y() / 100.0};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY3(var v) -> new double[] {v.x() / 100.0, v.y() / 100.0};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY4(var v) -> new double[] {v.x() / 100.0, v.y() / 100.0};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY5(var v) -> new double[] {v.x() / 100.0, v.y() / 100.0};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY6(var v) -> new double[] {v.x() / 100.0, v.y() / 100.0};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeLatLon(var v) ->
                    new double[] {0, v.lat() * VehicleStates.DEG_PER_LSB, v.lon() * VehicleStates.DEG_PER_LSB};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.Regional r -> null;
        };
    }

    private static LaneType j2735LaneType(io.cheluyun.codec.j2735v2016.LaneTypeAttributes t) {
        return switch (t) {
            case io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Crosswalk c -> LaneType.CROSSWALK;
            case io.cheluyun.codec.j2735v2016.LaneTypeAttributes.BikeLane b -> LaneType.BIKE_LANE;
            case io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Sidewalk s -> LaneType.SIDEWALK;
            case io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Median m -> LaneType.MEDIAN;
            case io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Striping s -> LaneType.STRIPING;
            case io.cheluyun.codec.j2735v2016.LaneTypeAttributes.TrackedVehicle v -> LaneType.TRACKED_VEHICLE;
            case io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Parking p -> LaneType.PARKING;
            default -> LaneType.VEHICLE;
        };
    }

    private static Lane lane(io.cheluyun.codec.csae2017.Lane lane, io.cheluyun.codec.csae2017.Link link,
                             GeoPoint ref) {
        List<GeoPoint> centreline = new ArrayList<>();
        var points = lane.points() != null ? lane.points() : link.points();
        if (points != null) {
            for (var p : points) {
                centreline.add(offset(p.posOffset().offsetLL(), ref));
            }
        }
        if (centreline.size() < 2) {
            return null; // a lane without geometry cannot be matched against; the MAP's other lanes still count
        }
        int widthCm = lane.laneWidth() != Absent.INT ? lane.laneWidth() : link.linkWidth();
        List<Connection> connections = new ArrayList<>();
        if (lane.connectsTo() != null) {
            for (var c : lane.connectsTo()) {
                long bits = c.connectingLane().maneuver();
                connections.add(new Connection(c.connectingLane().lane(),
                        c.remoteIntersection() == null ? null : id(c.remoteIntersection()),
                        c.phaseId() == Absent.INT ? -1 : c.phaseId(),
                        bits == Absent.LONG ? null : first(maneuvers(bits))));
            }
        }
        return new Lane(lane.laneID(), laneType(lane.laneAttributes()), true, centreline,
                widthCm == Absent.INT || widthCm <= 0 ? DEFAULT_LANE_WIDTH_M : widthCm / 100.0,
                lane.maneuvers() == Absent.LONG ? Set.of() : maneuvers(lane.maneuvers()), connections);
    }

    static GeoPoint offset(PositionOffsetLL o, GeoPoint ref) {
        double d = VehicleStates.DEG_PER_LSB;
        return switch (o) {
            case PositionOffsetLL.PositionLL1(var p) -> new GeoPoint(ref.latDeg() + p.lat() * d, ref.lonDeg() + p.lon() * d);
            case PositionOffsetLL.PositionLL2(var p) -> new GeoPoint(ref.latDeg() + p.lat() * d, ref.lonDeg() + p.lon() * d);
            case PositionOffsetLL.PositionLL3(var p) -> new GeoPoint(ref.latDeg() + p.lat() * d, ref.lonDeg() + p.lon() * d);
            case PositionOffsetLL.PositionLL4(var p) -> new GeoPoint(ref.latDeg() + p.lat() * d, ref.lonDeg() + p.lon() * d);
            case PositionOffsetLL.PositionLL5(var p) -> new GeoPoint(ref.latDeg() + p.lat() * d, ref.lonDeg() + p.lon() * d);
            case PositionOffsetLL.PositionLL6(var p) -> new GeoPoint(ref.latDeg() + p.lat() * d, ref.lonDeg() + p.lon() * d);
            case PositionOffsetLL.PositionLatLon(var p) -> new GeoPoint(p.lat() * d, p.lon() * d);
        };
    }

    /** AllowedManeuvers bits (DE_AllowedManeuvers, same in J2735 and CSAE 53). */
    static Set<Maneuver> maneuvers(long bits) {
        Set<Maneuver> out = EnumSet.noneOf(Maneuver.class);
        Maneuver[] byBit = {Maneuver.STRAIGHT, Maneuver.LEFT_TURN, Maneuver.RIGHT_TURN, Maneuver.U_TURN,
            Maneuver.LEFT_TURN_ON_RED, Maneuver.RIGHT_TURN_ON_RED, Maneuver.LANE_CHANGE};
        for (int b = 0; b < byBit.length; b++) {
            if ((bits >>> b & 1) != 0) {
                out.add(byBit[b]);
            }
        }
        return out;
    }

    private static Maneuver first(Set<Maneuver> m) {
        return m.isEmpty() ? null : m.iterator().next();
    }

    static LaneType laneType(io.cheluyun.codec.csae2017.LaneAttributes a) {
        if (a == null) {
            return LaneType.VEHICLE;
        }
        return switch (a.laneType()) {
            case io.cheluyun.codec.csae2017.LaneTypeAttributes.Crosswalk c -> LaneType.CROSSWALK;
            case io.cheluyun.codec.csae2017.LaneTypeAttributes.BikeLane b -> LaneType.BIKE_LANE;
            case io.cheluyun.codec.csae2017.LaneTypeAttributes.Sidewalk s -> LaneType.SIDEWALK;
            case io.cheluyun.codec.csae2017.LaneTypeAttributes.Median m -> LaneType.MEDIAN;
            case io.cheluyun.codec.csae2017.LaneTypeAttributes.Striping s -> LaneType.STRIPING;
            case io.cheluyun.codec.csae2017.LaneTypeAttributes.TrackedVehicle t -> LaneType.TRACKED_VEHICLE;
            case io.cheluyun.codec.csae2017.LaneTypeAttributes.Parking p -> LaneType.PARKING;
            default -> LaneType.VEHICLE;
        };
    }

    private static IntersectionId id(io.cheluyun.codec.csae2017.NodeReferenceID id) {
        return new IntersectionId(id.region() == Absent.INT ? 0 : id.region(), id.id());
    }
}
