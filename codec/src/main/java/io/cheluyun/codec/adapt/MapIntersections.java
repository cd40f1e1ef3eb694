package io.cheluyun.codec.adapt;

import io.cheluyun.asn1.runtime.Absent;
import io.cheluyun.codec.csae2017.PositionOffsetLL;
import io.cheluyun.model.Connection;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.LaneType;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * MAP to and from the canonical {@link MapIntersection}. A T/CSAE 53 MAP describes each node (intersection) with
 * the links that enter it; every lane of an entering link is an ingress lane of the node, its points are offsets in
 * 1/10 microdegree from the node's reference position (or absolute positions, {@code position-LatLon}) listed from
 * upstream to downstream (DF_PointList), and its connections name the downstream node, the downstream lane and the
 * signal phase that governs the movement. A J2735 MAP lists all lanes of an intersection, ingress and egress, with
 * node lists in centimetres starting at the stop line. The model's centreline starts at the stop line in both.
 */
public final class MapIntersections {

    /** Lane width when neither the lane nor its link gives one: 3.5 m, the GB 50688 urban lane width. */
    static final double DEFAULT_LANE_WIDTH_M = 3.5;
    /**
     * Ingress lanes whose directions of travel at the stop line differ by less than this are one approach (one CSAE
     * link): the lanes of an approach are parallel there (give or take a flared or curving turn bay), while the legs
     * of an at-grade intersection rarely meet at less than 45°.
     */
    static final double APPROACH_TOLERANCE_DEG = 30.0;
    /** J2735 DE_DSRCmsgID of the MapData. */
    static final int J2735_MAP_ID = 18;
    /** DE_AllowedManeuvers: the bit of each maneuver, bit 0 first (J2735 and CSAE 53 alike). */
    private static final Maneuver[] MANEUVER_BY_BIT = {Maneuver.STRAIGHT, Maneuver.LEFT_TURN, Maneuver.RIGHT_TURN,
        Maneuver.U_TURN, Maneuver.LEFT_TURN_ON_RED, Maneuver.RIGHT_TURN_ON_RED, Maneuver.LANE_CHANGE};

    private MapIntersections() {
    }

    /** Every node of a CSAE 53 MAP, with its lanes that have at least two points. */
    public static List<MapIntersection> fromCsae2017(io.cheluyun.codec.csae2017.MapData map) {
        List<MapIntersection> out = new ArrayList<>();
        for (var node : map.nodes()) {
            var ref = node.refPos();
            GeoPoint refPoint = new GeoPoint(ref.lat() * VehicleStates.DEG_PER_LSB, ref.long_() * VehicleStates.DEG_PER_LSB);
            IntersectionId nodeId = id(node.id());
            List<Lane> lanes = new ArrayList<>();
            if (node.inLinks() != null) {
                for (var link : node.inLinks()) {
                    for (var lane : link.lanes()) {
                        Lane l = lane(lane, link, refPoint, nodeId);
                        if (l != null) {
                            lanes.add(l);
                        }
                    }
                }
            }
            out.add(new MapIntersection(nodeId, node.name() == null ? "" : node.name(), map.msgCnt(), refPoint,
                    lanes));
        }
        return out;
    }

    /**
     * Every intersection of a J2735 MAP. Lane nodes are offsets in centimetres east/north, the first from the
     * intersection's reference point and each next one from the previous node (DF_NodeListXY); a lane is ingress or
     * egress by its directionalUse bits (0 ingress path, 1 egress path). A lane's width is the intersection's
     * laneWidth plus the dWidth of its first node (DF_NodeAttributeSetXY), the width at the stop line.
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
                int widthCm = ig.laneWidth() == Absent.INT ? Absent.INT : ig.laneWidth() + firstNodeDWidth(lane);
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

    /**
     * Intersections as a T/CSAE 53-2017 MAP (annex, Msg_MAP; DF_Node, DF_Link, DF_Lane, DF_Connection,
     * DF_PointList): the inverse of {@link #fromCsae2017} for the ingress lanes.
     * <ul>
     *   <li>One DF_Node per intersection: its id (DF_NodeReferenceID, region left out when 0), name
     *       (DE_DescriptiveName: IA5String of 1 to 63 characters, so it is cut to 63 and left out when empty or not
     *       ASCII) and reference position (DF_Position3D, no elevation). The MAP's timeStamp is left out (optional;
     *       nothing here knows the time) and its msgCnt is {@code msgCnt}, which the decoder reads as every
     *       intersection's revision.</li>
     *   <li>Ingress lanes only. A CSAE node is described by the links that enter it; its egress lanes are lanes of
     *       the links entering the next nodes, which the model does not know, so they are left out.</li>
     *   <li>Ingress lanes are grouped into one DF_Link per approach: lanes whose directions of travel at the stop
     *       line differ by less than {@value #APPROACH_TOLERANCE_DEG}° (and whose upstream node, below, is the
     *       same). The link's upstreamNodeId (mandatory) is the intersection it comes from when this MAP says so:
     *       another intersection of the list with a connection into one of the approach's lanes
     *       (remoteIntersection this node). Otherwise it is unknown, and the node itself is no answer (a link from
     *       a node to itself is a loop). A DF_NodeReferenceID may name "an intersection or the end of a road", so
     *       the approach's far end is named as a road-end node of its own, in the node's region: approach k
     *       (0-based) of node n is 65535 − (32·n + k) mod 65536, stepping down past the ids of the MAP's
     *       intersections and of road ends already named. The ids sit at the top of the id space, away from the low
     *       ids intersections get, stay the same from one MAP to the next and differ between the nodes of a region
     *       with ids below 2048 even when each node goes out in a MAP of its own. These nodes are not described in
     *       the MAP; receivers resolve lanes by the node that holds the link, not by its upstream node.</li>
     *   <li>Lanes: id, width (DE_LaneWidth, cm, at least 1), type (DF_LaneAttributes), maneuvers
     *       (DE_AllowedManeuvers, left out when none), points listed upstream to downstream, the stop line last
     *       (DF_PointList), each as the smallest DF_PositionOffsetLL alternative that holds its offset from the
     *       node's reference position in 1/10 microdegree, {@code position-LatLon} beyond ±0.84°.</li>
     *   <li>Connections (DF_Connection): remoteIntersection is mandatory and names the node the connecting lane
     *       belongs to; a connection to one of the node's own (egress) lanes names the node itself, which
     *       {@link #fromCsae2017} reads back as a connection within the node. phaseId is the signal group (left out
     *       when none, clamped to 0..255), the maneuver the connection's.</li>
     * </ul>
     * More than 63 intersections, 32 approaches per intersection, 32 lanes per approach, 16 connections per lane
     * or 31 points per lane than the lists hold is an error: the caller splits the MAP or simplifies the lane.
     */
    public static io.cheluyun.codec.csae2017.MapData toCsae2017(List<MapIntersection> intersections, int msgCnt) {
        checkSize("intersections", intersections.size(), 1, 63);
        Set<IntersectionId> taken = new HashSet<>();
        intersections.forEach(m -> taken.add(m.id()));
        List<io.cheluyun.codec.csae2017.Node> nodes = new ArrayList<>();
        for (MapIntersection m : intersections) {
            int refLat = VehicleStates.latLsb(m.referencePoint().latDeg());
            int refLon = VehicleStates.lonLsb(m.referencePoint().lonDeg());
            LocalEnu frame = new LocalEnu(refLat * VehicleStates.DEG_PER_LSB, refLon * VehicleStates.DEG_PER_LSB);
            List<Approach> approaches = approaches(m, intersections, frame);
            checkSize("approaches of intersection " + m.id(), approaches.size(), 0, 32);
            List<io.cheluyun.codec.csae2017.Link> links = new ArrayList<>();
            for (int k = 0; k < approaches.size(); k++) {
                Approach a = approaches.get(k);
                checkSize("lanes of an approach of intersection " + m.id(), a.lanes().size(), 1, 32);
                IntersectionId upstream = a.upstream() != null ? a.upstream() : roadEnd(m.id(), k, taken);
                List<io.cheluyun.codec.csae2017.Lane> lanes = new ArrayList<>();
                for (Lane lane : a.lanes()) {
                    lanes.add(csaeLane(lane, m.id(), refLat, refLon));
                }
                links.add(new io.cheluyun.codec.csae2017.Link(null, csaeNodeRef(upstream), null, Absent.INT, null,
                        null, lanes));
            }
            nodes.add(new io.cheluyun.codec.csae2017.Node(descriptiveName(m.name()), csaeNodeRef(m.id()),
                    new io.cheluyun.codec.csae2017.Position3D(refLat, refLon, Absent.INT),
                    links.isEmpty() ? null : links));
        }
        return new io.cheluyun.codec.csae2017.MapData(msgCnt & 127, Absent.INT, nodes);
    }

    /**
     * Intersections as a J2735-2016 MessageFrame holding a MapData (DE_DSRCmsgID 18; DF_IntersectionGeometry,
     * DF_GenericLane, DF_NodeListXY, DF_Connection): the inverse of {@link #fromJ2735}.
     * <ul>
     *   <li>MapData: msgIssueRevision {@code msgCnt}, layerType {@code intersectionData} (DE_LayerType), no
     *       timeStamp. One DF_IntersectionGeometry per intersection: id (region left out when 0), revision, name as
     *       in {@link #toCsae2017}, refPoint without elevation.</li>
     *   <li>All lanes, ingress and egress by DE_LaneDirection (bit 0 ingress path, bit 1 egress path), type, maneuvers
     *       (left out when none), connections with signalGroup (DE_SignalGroupID, left out when none, clamped to
     *       0..255), maneuver and remoteIntersection (left out for the intersection's own lanes).</li>
     *   <li>Widths: the intersection's laneWidth (DE_LaneWidth, cm) is the width most of its lanes have; a lane of
     *       another width says so with dWidth on its first node (DF_NodeAttributeSetXY, DE_Offset-B10, cm, clamped
     *       to −512..511).</li>
     *   <li>Nodes (DF_NodeSetXY, 2 to 63): east/north centimetres in the frame of the (rounded) reference point,
     *       the first from it and each next from the previous node as the receiver sums them, each the smallest
     *       DF_NodeOffsetPointXY alternative that holds it; an offset beyond ±327.67 m (DE_Offset-B16) is an absolute
     *       node ({@code node-LatLon}), which the next offsets continue from. Rounding does not accumulate: each
     *       offset is taken from where the receiver will have put the previous node.</li>
     * </ul>
     * More than 32 intersections, 255 lanes, 16 connections or 63 nodes per lane, or an intersection without lanes
     * (DF_LaneList holds at least one), is an error.
     */
    public static io.cheluyun.codec.j2735v2016.MessageFrame toJ2735(List<MapIntersection> intersections,
                                                                   int msgCnt) {
        checkSize("intersections", intersections.size(), 1, 32);
        List<io.cheluyun.codec.j2735v2016.IntersectionGeometry> out = new ArrayList<>();
        for (MapIntersection m : intersections) {
            checkSize("lanes of intersection " + m.id(), m.lanes().size(), 1, 255);
            int refLat = VehicleStates.latLsb(m.referencePoint().latDeg());
            int refLon = VehicleStates.lonLsb(m.referencePoint().lonDeg());
            LocalEnu frame = new LocalEnu(refLat * VehicleStates.DEG_PER_LSB, refLon * VehicleStates.DEG_PER_LSB);
            int laneWidthCm = commonWidthCm(m.lanes());
            List<io.cheluyun.codec.j2735v2016.GenericLane> lanes = new ArrayList<>();
            for (Lane lane : m.lanes()) {
                checkSize("connections of lane " + lane.laneId(), lane.connections().size(), 0, 16);
                List<io.cheluyun.codec.j2735v2016.Connection> connections = new ArrayList<>();
                for (Connection c : lane.connections()) {
                    var remote = c.remoteIntersection();
                    connections.add(new io.cheluyun.codec.j2735v2016.Connection(
                            new io.cheluyun.codec.j2735v2016.ConnectingLane(
                                    VehicleStates.clamp(c.connectingLaneId(), 0, 255), connectionManeuver(c)),
                            remote == null ? null : new io.cheluyun.codec.j2735v2016.IntersectionReferenceID(
                                    regionOrAbsent(remote), remote.id()),
                            signalGroupOrAbsent(c), Absent.INT, Absent.INT));
                }
                var attributes = new io.cheluyun.codec.j2735v2016.LaneAttributes(lane.ingress() ? 0b01L : 0b10L, 0L,
                        j2735LaneTypeOf(lane.type()), null);
                lanes.add(new io.cheluyun.codec.j2735v2016.GenericLane(lane.laneId(), null, Absent.INT, Absent.INT,
                        attributes, maneuverBits(lane.allowedManeuvers()),
                        new io.cheluyun.codec.j2735v2016.NodeListXY.Nodes(
                                nodeSet(lane, frame, widthCm(lane.widthM()) - laneWidthCm)),
                        connections.isEmpty() ? null : connections, null, null));
            }
            out.add(new io.cheluyun.codec.j2735v2016.IntersectionGeometry(descriptiveName(m.name()),
                    new io.cheluyun.codec.j2735v2016.IntersectionReferenceID(regionOrAbsent(m.id()), m.id().id()),
                    m.revision(), new io.cheluyun.codec.j2735v2016.Position3D(refLat, refLon, Absent.INT, null),
                    laneWidthCm, null, lanes, null, null));
        }
        return new io.cheluyun.codec.j2735v2016.MessageFrame(J2735_MAP_ID, new io.cheluyun.codec.j2735v2016.MapData(
                Absent.INT, msgCnt & 127, io.cheluyun.codec.j2735v2016.LayerType.intersectionData, Absent.INT, out,
                null, null, null, null));
    }

    /** The ingress lanes of one approach and the node they come from (null: not known from the MAP). */
    private record Approach(double headingDeg, IntersectionId upstream, List<Lane> lanes) {
    }

    /**
     * The ingress lanes of {@code m} grouped by approach, in the order their first lanes appear: by direction of
     * travel at the stop line (the bearing from the second centreline point to the first) and by upstream node.
     */
    private static List<Approach> approaches(MapIntersection m, List<MapIntersection> all, LocalEnu frame) {
        Map<Integer, IntersectionId> upstreamOfLane = new LinkedHashMap<>();
        for (MapIntersection other : all) {
            if (other.id().equals(m.id())) {
                continue;
            }
            for (Lane lane : other.lanes()) {
                for (Connection c : lane.connections()) {
                    if (m.id().equals(c.remoteIntersection())) {
                        upstreamOfLane.putIfAbsent(c.connectingLaneId(), other.id());
                    }
                }
            }
        }
        List<Approach> out = new ArrayList<>();
        for (Lane lane : m.lanes()) {
            if (!lane.ingress()) {
                continue;
            }
            GeoPoint stop = lane.centreline().get(0);
            GeoPoint before = lane.centreline().get(1);
            double heading = Math.toDegrees(Math.atan2(
                    frame.eastM(stop.latDeg(), stop.lonDeg()) - frame.eastM(before.latDeg(), before.lonDeg()),
                    frame.northM(stop.latDeg(), stop.lonDeg()) - frame.northM(before.latDeg(), before.lonDeg())));
            IntersectionId upstream = upstreamOfLane.get(lane.laneId());
            Approach approach = null;
            for (Approach a : out) {
                double turn = Math.abs(Math.IEEEremainder(heading - a.headingDeg(), 360.0));
                if (Objects.equals(a.upstream(), upstream) && turn < APPROACH_TOLERANCE_DEG) {
                    approach = a;
                    break;
                }
            }
            if (approach == null) {
                approach = new Approach(heading, upstream, new ArrayList<>());
                out.add(approach);
            }
            approach.lanes().add(lane);
        }
        return out;
    }

    /** The road-end node at the far end of approach {@code k} of {@code node} (see {@link #toCsae2017}). */
    static IntersectionId roadEnd(IntersectionId node, int k, Set<IntersectionId> taken) {
        int id = 65535 - (node.id() * 32 + k) % 65536;
        for (int tried = 0; tried < 65536; tried++, id = Math.floorMod(id - 1, 65536)) {
            IntersectionId candidate = new IntersectionId(node.regionId(), id);
            if (taken.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no node id left in region " + node.regionId());
    }

    private static io.cheluyun.codec.csae2017.Lane csaeLane(Lane lane, IntersectionId node, int refLat, int refLon) {
        int n = lane.centreline().size();
        checkSize("points of lane " + lane.laneId(), n, 2, 31);
        List<io.cheluyun.codec.csae2017.RoadPoint> points = new ArrayList<>(n);
        for (int k = n - 1; k >= 0; k--) { // upstream to downstream: the stop line (the model's first) last
            GeoPoint p = lane.centreline().get(k);
            points.add(new io.cheluyun.codec.csae2017.RoadPoint(new io.cheluyun.codec.csae2017.PositionOffsetLLV(
                    offsetLL(VehicleStates.latLsb(p.latDeg()), VehicleStates.lonLsb(p.lonDeg()), refLat, refLon),
                    null)));
        }
        checkSize("connections of lane " + lane.laneId(), lane.connections().size(), 0, 16);
        List<io.cheluyun.codec.csae2017.Connection> connections = new ArrayList<>();
        for (Connection c : lane.connections()) {
            connections.add(new io.cheluyun.codec.csae2017.Connection(
                    csaeNodeRef(c.remoteIntersection() == null ? node : c.remoteIntersection()),
                    new io.cheluyun.codec.csae2017.ConnectingLane(VehicleStates.clamp(c.connectingLaneId(), 0, 255),
                            connectionManeuver(c)), signalGroupOrAbsent(c)));
        }
        return new io.cheluyun.codec.csae2017.Lane(lane.laneId(), widthCm(lane.widthM()),
                new io.cheluyun.codec.csae2017.LaneAttributes(Absent.LONG, csaeLaneTypeOf(lane.type())),
                maneuverBits(lane.allowedManeuvers()), connections.isEmpty() ? null : connections, null, points);
    }

    /** The smallest DF_PositionOffsetLL alternative holding the offset of (lat, lon) from the reference, in LSB. */
    static PositionOffsetLL offsetLL(int lat, int lon, int refLat, int refLon) {
        long dLat = (long) lat - refLat;
        long dLon = (long) lon - refLon;
        if (fits(dLat, dLon, 1 << 11)) {
            return new PositionOffsetLL.PositionLL1(new io.cheluyun.codec.csae2017.PositionLL24B((int) dLon, (int) dLat));
        } else if (fits(dLat, dLon, 1 << 13)) {
            return new PositionOffsetLL.PositionLL2(new io.cheluyun.codec.csae2017.PositionLL28B((int) dLon, (int) dLat));
        } else if (fits(dLat, dLon, 1 << 15)) {
            return new PositionOffsetLL.PositionLL3(new io.cheluyun.codec.csae2017.PositionLL32B((int) dLon, (int) dLat));
        } else if (fits(dLat, dLon, 1 << 17)) {
            return new PositionOffsetLL.PositionLL4(new io.cheluyun.codec.csae2017.PositionLL36B((int) dLon, (int) dLat));
        } else if (fits(dLat, dLon, 1 << 21)) {
            return new PositionOffsetLL.PositionLL5(new io.cheluyun.codec.csae2017.PositionLL44B((int) dLon, (int) dLat));
        } else if (fits(dLat, dLon, 1 << 23)) {
            return new PositionOffsetLL.PositionLL6(new io.cheluyun.codec.csae2017.PositionLL48B((int) dLon, (int) dLat));
        }
        return new PositionOffsetLL.PositionLatLon(new io.cheluyun.codec.csae2017.PositionLLmD64b(lon, lat));
    }

    /** Whether both values lie in a two's-complement field of range −half..half−1. */
    private static boolean fits(long a, long b, long half) {
        return a >= -half && a < half && b >= -half && b < half;
    }

    /**
     * A lane's DF_NodeSetXY: each offset from where the receiver has put the previous node (the reference point
     * first), in cm, the smallest alternative that holds it, else an absolute node; {@code dWidthCm} on the first.
     */
    private static List<io.cheluyun.codec.j2735v2016.NodeXY> nodeSet(Lane lane, LocalEnu frame, int dWidthCm) {
        checkSize("nodes of lane " + lane.laneId(), lane.centreline().size(), 2, 63);
        List<io.cheluyun.codec.j2735v2016.NodeXY> nodes = new ArrayList<>();
        double x = 0; // where fromJ2735 will have the previous node, metres east/north
        double y = 0;
        for (GeoPoint p : lane.centreline()) {
            long dx = Math.round((frame.eastM(p.latDeg(), p.lonDeg()) - x) * 100);
            long dy = Math.round((frame.northM(p.latDeg(), p.lonDeg()) - y) * 100);
            io.cheluyun.codec.j2735v2016.NodeOffsetPointXY delta = nodeOffset(dx, dy);
            if (delta != null) {
                x += dx / 100.0;
                y += dy / 100.0;
            } else {
                int lat = VehicleStates.latLsb(p.latDeg());
                int lon = VehicleStates.lonLsb(p.lonDeg());
                delta = new io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeLatLon(
                        new io.cheluyun.codec.j2735v2016.NodeLLmD64b(lon, lat));
                x = frame.eastM(lat * VehicleStates.DEG_PER_LSB, lon * VehicleStates.DEG_PER_LSB);
                y = frame.northM(lat * VehicleStates.DEG_PER_LSB, lon * VehicleStates.DEG_PER_LSB);
            }
            var attributes = nodes.isEmpty() && dWidthCm != 0 ? new io.cheluyun.codec.j2735v2016.NodeAttributeSetXY(
                    null, null, null, null, VehicleStates.clamp(dWidthCm, -512, 511), Absent.INT, null) : null;
            nodes.add(new io.cheluyun.codec.j2735v2016.NodeXY(delta, attributes));
        }
        return nodes;
    }

    /** The smallest DF_NodeOffsetPointXY alternative holding (dx, dy) cm, or null beyond DE_Offset-B16. */
    static io.cheluyun.codec.j2735v2016.NodeOffsetPointXY nodeOffset(long dx, long dy) {
        int x = (int) dx;
        int y = (int) dy;
        if (fits(dx, dy, 1 << 9)) {
            return new io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY1(new io.cheluyun.codec.j2735v2016.NodeXY20b(x, y));
        } else if (fits(dx, dy, 1 << 10)) {
            return new io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY2(new io.cheluyun.codec.j2735v2016.NodeXY22b(x, y));
        } else if (fits(dx, dy, 1 << 11)) {
            return new io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY3(new io.cheluyun.codec.j2735v2016.NodeXY24b(x, y));
        } else if (fits(dx, dy, 1 << 12)) {
            return new io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY4(new io.cheluyun.codec.j2735v2016.NodeXY26b(x, y));
        } else if (fits(dx, dy, 1 << 13)) {
            return new io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY5(new io.cheluyun.codec.j2735v2016.NodeXY28b(x, y));
        } else if (fits(dx, dy, 1 << 15)) {
            return new io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY6(new io.cheluyun.codec.j2735v2016.NodeXY32b(x, y));
        }
        return null;
    }

    /** The dWidth of a J2735 lane's first node, 0 when it has none. */
    private static int firstNodeDWidth(io.cheluyun.codec.j2735v2016.GenericLane lane) {
        if (lane.nodeList() instanceof io.cheluyun.codec.j2735v2016.NodeListXY.Nodes(var nodes)
                && nodes.getFirst().attributes() != null && nodes.getFirst().attributes().dWidth() != Absent.INT) {
            return nodes.getFirst().attributes().dWidth();
        }
        return 0;
    }

    /** The width in cm most lanes have (the first lane's among equals): the intersection's DE_LaneWidth. */
    private static int commonWidthCm(List<Lane> lanes) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        lanes.forEach(l -> counts.merge(widthCm(l.widthM()), 1, Integer::sum));
        int best = widthCm(lanes.getFirst().widthM());
        for (var e : counts.entrySet()) {
            if (e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** DE_LaneWidth of a width: cm, at least 1 (0 would read back as "no width"). */
    private static int widthCm(double m) {
        return Math.max(1, VehicleStates.centimetres(m, 32767));
    }

    private static long connectionManeuver(Connection c) {
        return c.maneuver() == null ? Absent.LONG : maneuverBit(c.maneuver());
    }

    private static int signalGroupOrAbsent(Connection c) {
        return c.signalGroup() < 0 ? Absent.INT : VehicleStates.clamp(c.signalGroup(), 0, 255);
    }

    private static int regionOrAbsent(IntersectionId id) {
        return id.regionId() == 0 ? Absent.INT : id.regionId();
    }

    private static io.cheluyun.codec.csae2017.NodeReferenceID csaeNodeRef(IntersectionId id) {
        return new io.cheluyun.codec.csae2017.NodeReferenceID(regionOrAbsent(id), id.id());
    }

    /** DE_DescriptiveName (IA5String, 1..63): cut to 63 characters; null when empty or not ASCII. */
    static String descriptiveName(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String cut = name.length() > 63 ? name.substring(0, 63) : name;
        return StandardCharsets.US_ASCII.newEncoder().canEncode(cut) ? cut : null;
    }

    private static void checkSize(String what, int n, int min, int max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException("a MAP holds " + min + " to " + max + " " + what + "; got " + n);
        }
    }

    private static io.cheluyun.codec.csae2017.LaneTypeAttributes csaeLaneTypeOf(LaneType t) {
        return switch (t) {
            case VEHICLE -> new io.cheluyun.codec.csae2017.LaneTypeAttributes.Vehicle(
                    new io.cheluyun.asn1.runtime.BitString(new byte[1], 8));
            case CROSSWALK -> new io.cheluyun.codec.csae2017.LaneTypeAttributes.Crosswalk(0);
            case BIKE_LANE -> new io.cheluyun.codec.csae2017.LaneTypeAttributes.BikeLane(0);
            case SIDEWALK -> new io.cheluyun.codec.csae2017.LaneTypeAttributes.Sidewalk(0);
            case MEDIAN -> new io.cheluyun.codec.csae2017.LaneTypeAttributes.Median(0);
            case STRIPING -> new io.cheluyun.codec.csae2017.LaneTypeAttributes.Striping(0);
            case TRACKED_VEHICLE -> new io.cheluyun.codec.csae2017.LaneTypeAttributes.TrackedVehicle(0);
            case PARKING -> new io.cheluyun.codec.csae2017.LaneTypeAttributes.Parking(0);
        };
    }

    private static io.cheluyun.codec.j2735v2016.LaneTypeAttributes j2735LaneTypeOf(LaneType t) {
        return switch (t) {
            case VEHICLE -> new io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Vehicle(
                    new io.cheluyun.asn1.runtime.BitString(new byte[1], 8));
            case CROSSWALK -> new io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Crosswalk(0);
            case BIKE_LANE -> new io.cheluyun.codec.j2735v2016.LaneTypeAttributes.BikeLane(0);
            case SIDEWALK -> new io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Sidewalk(0);
            case MEDIAN -> new io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Median(0);
            case STRIPING -> new io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Striping(0);
            case TRACKED_VEHICLE -> new io.cheluyun.codec.j2735v2016.LaneTypeAttributes.TrackedVehicle(0);
            case PARKING -> new io.cheluyun.codec.j2735v2016.LaneTypeAttributes.Parking(0);
        };
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

    /**
     * A lane of a CSAE link. Its points run from upstream to downstream (DF_PointList), so the stop line is the last
     * one: they are reversed into the model's order. A connection whose remoteIntersection is the node itself is a
     * connection within the node (remoteIntersection null), as {@link #toCsae2017} writes one.
     */
    private static Lane lane(io.cheluyun.codec.csae2017.Lane lane, io.cheluyun.codec.csae2017.Link link,
                             GeoPoint ref, IntersectionId node) {
        List<GeoPoint> centreline = new ArrayList<>();
        var points = lane.points() != null ? lane.points() : link.points();
        if (points != null) {
            for (var p : points) {
                centreline.addFirst(offset(p.posOffset().offsetLL(), ref));
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
                IntersectionId remote = c.remoteIntersection() == null ? null : id(c.remoteIntersection());
                connections.add(new Connection(c.connectingLane().lane(), node.equals(remote) ? null : remote,
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
        for (int b = 0; b < MANEUVER_BY_BIT.length; b++) {
            if ((bits >>> b & 1) != 0) {
                out.add(MANEUVER_BY_BIT[b]);
            }
        }
        return out;
    }

    /** The AllowedManeuvers bits of a set of maneuvers, the inverse of {@link #maneuvers}; none is absent. */
    static long maneuverBits(Set<Maneuver> maneuvers) {
        long bits = 0;
        for (Maneuver m : maneuvers) {
            bits |= maneuverBit(m);
        }
        return bits == 0 ? Absent.LONG : bits;
    }

    private static long maneuverBit(Maneuver m) {
        for (int b = 0; b < MANEUVER_BY_BIT.length; b++) {
            if (MANEUVER_BY_BIT[b] == m) {
                return 1L << b;
            }
        }
        throw new IllegalArgumentException("no AllowedManeuvers bit for " + m);
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
