package io.cheluyun.codec.adapt;

import io.cheluyun.asn1.runtime.Absent;
import io.cheluyun.codec.csae2017.Description;
import io.cheluyun.codec.csae2017.EventSource;
import io.cheluyun.codec.csae2017.Position3D;
import io.cheluyun.codec.csae2017.PositionLLmD64b;
import io.cheluyun.codec.csae2017.PositionOffsetLL;
import io.cheluyun.codec.csae2017.PositionOffsetLLV;
import io.cheluyun.codec.csae2017.RSITimeDetails;
import io.cheluyun.codec.csae2017.RTEData;
import io.cheluyun.codec.csae2017.RTSData;
import io.cheluyun.codec.csae2017.RoadSideInformation;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.RoadEventType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * T/CSAE 53 RSI (road-side information) to and from the canonical {@link RoadEvent}: what an RSU announces is read
 * as events, and what the platform decides to broadcast (work zones, hazards, speed-limit zones drawn by operators)
 * is written as RSI for the RSUs in range.
 *
 * <p>Geometry: an RSI event is a point (offset from the RSI reference position) with a radius in 0.1 m, or
 * reference paths with a half-width; a {@link RoadEvent} is a polygon. Reading makes the polygon of the circle
 * ({@value #CIRCLE_VERTICES} vertices) or of the buffered path; writing sends the polygon's covering circle, which
 * every RSI receiver understands. Events (RTE) carry the GB/T 29100 event code and signs (RTS) the GB 5768 sign
 * code in {@link RoadEvent#typeCode()}.
 */
public final class RoadEvents {

    static final int CIRCLE_VERTICES = 16;
    /** Radius assumed when an event gives neither a radius nor a path: 50 m, a typical hazard warning zone. */
    static final double DEFAULT_RADIUS_M = 50.0;
    /** Validity assumed when an event gives no end time: 10 minutes, then it must be announced again. */
    static final long DEFAULT_VALIDITY_MICROS = 600_000_000L;
    static final Charset GB2312 = Charset.forName("GB2312");
    /** RSI holds at most 8 events (RTEList) and 16 signs (RTSList). */
    static final int MAX_RTE = 8;
    static final int MAX_RTS = 16;

    private RoadEvents() {
    }

    /** The events and signs of an RSI, with validity resolved against the receive time. */
    public static List<RoadEvent> fromCsae2017(RoadSideInformation rsi, long receivedMicros) {
        String rsu = HexFormat.of().formatHex(rsi.id());
        GeoPoint ref = position(rsi.refPos());
        List<RoadEvent> out = new ArrayList<>();
        if (rsi.rtes() != null) {
            for (RTEData e : rsi.rtes()) {
                GeoPoint centre = e.eventPos() == null ? ref : MapIntersections.offset(e.eventPos().offsetLL(), ref);
                double radius = e.eventRadius() == Absent.INT ? DEFAULT_RADIUS_M : e.eventRadius() / 10.0;
                List<GeoPoint> area = area(e.referencePaths(), ref, centre, radius);
                long[] times = times(e.timeDetails(), receivedMicros);
                out.add(new RoadEvent("rsi:" + rsu + ":rte:" + e.rteId(), rsu, RoadEventType.HAZARD, e.eventType(),
                        area, Double.NaN, times[0], times[1], text(e.description())));
            }
        }
        if (rsi.rtss() != null) {
            for (RTSData s : rsi.rtss()) {
                GeoPoint centre = s.signPos() == null ? ref : MapIntersections.offset(s.signPos().offsetLL(), ref);
                List<GeoPoint> area = area(s.referencePaths(), ref, centre, DEFAULT_RADIUS_M);
                long[] times = times(s.timeDetails(), receivedMicros);
                out.add(new RoadEvent("rsi:" + rsu + ":rts:" + s.rtsId(), rsu, RoadEventType.TRAFFIC_SIGN,
                        s.signType(), area, Double.NaN, times[0], times[1], text(s.description())));
            }
        }
        return out;
    }

    /**
     * An RSI announcing {@code events} from the RSU {@code rsuId} (8 octets): traffic signs and speed limits as
     * signs (RTS), everything else as events (RTE). More events than RSI can carry (8 and 16) are an error: the
     * caller splits them over several messages.
     */
    public static RoadSideInformation toCsae2017(List<RoadEvent> events, byte[] rsuId, int msgCnt, long nowMicros) {
        if (rsuId.length != 8) {
            throw new IllegalArgumentException("an RSU id is 8 octets, got " + rsuId.length);
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an RSI needs at least one event");
        }
        GeoPoint ref = centroid(events.getFirst().area());
        List<RTEData> rtes = new ArrayList<>();
        List<RTSData> rtss = new ArrayList<>();
        for (RoadEvent e : events) {
            GeoPoint c = centroid(e.area());
            PositionOffsetLLV pos = new PositionOffsetLLV(new PositionOffsetLL.PositionLatLon(
                    new PositionLLmD64b(lsb(c.lonDeg()), lsb(c.latDeg()))), null);
            RSITimeDetails time = new RSITimeDetails(moy(Math.max(e.startMicros(), nowMicros)), moy(e.endMicros()), null);
            Description text = description(e.description());
            int code = Math.max(0, Math.min(65535, e.typeCode()));
            if (e.type() == RoadEventType.TRAFFIC_SIGN || e.type() == RoadEventType.SPEED_LIMIT) {
                rtss.add(new RTSData(rtss.size(), code, pos, text, time, null, null, null));
            } else {
                int radius = (int) Math.min(65535, Math.ceil(coveringRadiusM(e.area(), c) * 10.0));
                rtes.add(new RTEData(rtes.size(), code, EventSource.unknown, pos, radius, text, time, null, null, null,
                        Absent.INT));
            }
        }
        if (rtes.size() > MAX_RTE || rtss.size() > MAX_RTS) {
            throw new IllegalArgumentException("an RSI carries at most " + MAX_RTE + " events and " + MAX_RTS
                    + " signs; got " + rtes.size() + " and " + rtss.size());
        }
        return new RoadSideInformation(msgCnt & 127, moy(nowMicros), rsuId.clone(),
                new Position3D(lsb(ref.latDeg()), lsb(ref.lonDeg()), Absent.INT),
                rtes.isEmpty() ? null : rtes, rtss.isEmpty() ? null : rtss);
    }

    /** DistanceUnits (J2735 DE_DistanceUnits) in metres: cm, 2.5 cm, dm, m, km, ft, yd, mi. */
    private static final double[] DISTANCE_UNIT_M = {0.01, 0.025, 0.1, 1, 1000, 0.3048, 0.9144, 1609.344};

    /**
     * The data frames of a J2735 TIM as events: a work-zone frame as a work zone, speed limit as a speed-limit
     * zone, generic signage and exit services as signs, advisories as hazards; the first ITIS code is the type code
     * and the texts the description; the area is the first region's circle, or its path buffered by the lane
     * width; validity from startYear/startTime (minute of the year) for duratonTime minutes (32000: until replaced,
     * taken as one day).
     */
    public static List<RoadEvent> fromJ2735(io.cheluyun.codec.j2735v2016.TravelerInformation tim, long receivedMicros) {
        String packet = tim.packetID() == null ? "msg" + tim.msgCnt() : HexFormat.of().formatHex(tim.packetID());
        List<RoadEvent> out = new ArrayList<>();
        for (int k = 0; k < tim.dataFrames().size(); k++) {
            var f = tim.dataFrames().get(k);
            List<GeoPoint> area = timArea(f.regions());
            if (area == null) {
                continue; // no usable geometry: nothing to geofence
            }
            long start = timStart(f.startYear(), f.startTime(), receivedMicros);
            long end = f.duratonTime() >= 32_000 ? start + 86_400_000_000L : start + f.duratonTime() * 60_000_000L;
            List<Integer> codes = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            RoadEventType type = switch (f.content()) {
                case io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content.WorkZone(var items) -> {
                    items.forEach(i -> itis(i.item(), codes, text));
                    yield RoadEventType.WORK_ZONE;
                }
                case io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content.SpeedLimit(var items) -> {
                    items.forEach(i -> itis(i.item(), codes, text));
                    yield RoadEventType.SPEED_LIMIT;
                }
                case io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content.GenericSign(var items) -> {
                    items.forEach(i -> itis(i.item(), codes, text));
                    yield RoadEventType.TRAFFIC_SIGN;
                }
                case io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content.ExitService(var items) -> {
                    items.forEach(i -> itis(i.item(), codes, text));
                    yield RoadEventType.TRAFFIC_SIGN;
                }
                case io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content.Advisory(var items) -> {
                    items.forEach(i -> itis(i.item(), codes, text));
                    yield RoadEventType.HAZARD;
                }
                default -> RoadEventType.HAZARD;
            };
            out.add(new RoadEvent("tim:" + packet + ":" + k, packet, type, codes.isEmpty() ? -1 : codes.getFirst(),
                    area, Double.NaN, start, end > start ? end : start + DEFAULT_VALIDITY_MICROS, text.toString()));
        }
        return out;
    }

    /**
     * Events as a J2735 TIM for the RSUs that speak it: one data frame per event (at most 8), its geofence as the
     * covering circle in metres around the centroid, the type code as the ITIS code of a work-zone, speed-limit,
     * signage or advisory content, valid from its start for its duration in minutes (at most 32000).
     */
    public static io.cheluyun.codec.j2735v2016.TravelerInformation toJ2735(List<RoadEvent> events, byte[] packetId, int msgCnt,
                                                                   long nowMicros) {
        if (events.isEmpty() || events.size() > MAX_RTE) {
            throw new IllegalArgumentException("a TIM carries 1 to 8 data frames here; got " + events.size());
        }
        if (packetId.length != 9) {
            throw new IllegalArgumentException("a TIM packetID is 9 octets, got " + packetId.length);
        }
        List<io.cheluyun.codec.j2735v2016.TravelerDataFrame> frames = new ArrayList<>();
        for (RoadEvent e : events) {
            GeoPoint c = centroid(e.area());
            var centre = new io.cheluyun.codec.j2735v2016.Position3D(lsb(c.latDeg()), lsb(c.lonDeg()), Absent.INT, null);
            int radius = (int) Math.min(4094, Math.ceil(coveringRadiusM(e.area(), c)));
            var projection = new io.cheluyun.codec.j2735v2016.GeometricProjection(0xFFFFL, null, Absent.INT,
                    new io.cheluyun.codec.j2735v2016.Circle(centre, radius, io.cheluyun.codec.j2735v2016.DistanceUnits.meter), null);
            var region = new io.cheluyun.codec.j2735v2016.GeographicalPath(null, null, centre, Absent.INT, null, null, Absent.LONG,
                    new io.cheluyun.codec.j2735v2016.GeographicalPath.Description.Geometry(projection), null);
            long start = Math.max(nowMicros, e.startMicros());
            int minutes = (int) Math.max(1, Math.min(32_000, (e.endMicros() - start + 59_999_999L) / 60_000_000L));
            int year = Instant.ofEpochSecond(start / 1_000_000L).atZone(ZoneOffset.UTC).getYear();
            frames.add(new io.cheluyun.codec.j2735v2016.TravelerDataFrame(0, io.cheluyun.codec.j2735v2016.TravelerInfoType.advisory,
                    new io.cheluyun.codec.j2735v2016.TravelerDataFrame.MsgId.FurtherInfoID(new byte[] {0, (byte) frames.size()}), year,
                    moy(start), minutes, 5, 0, List.of(region), 0, 0, timContent(e), null));
        }
        return new io.cheluyun.codec.j2735v2016.TravelerInformation(msgCnt & 127, moy(nowMicros), packetId.clone(), null, frames, null);
    }

    private static io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content timContent(RoadEvent e) {
        int code = Math.max(0, Math.min(65535, e.typeCode()));
        return switch (e.type()) {
            case WORK_ZONE, ROAD_CLOSURE -> new io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content.WorkZone(List.of(
                    new io.cheluyun.codec.j2735v2016.WorkZone.WorkZoneItemItem(new io.cheluyun.codec.j2735v2016.WorkZone.WorkZoneItemItem.Item.Itis(code))));
            case SPEED_LIMIT -> new io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content.SpeedLimit(List.of(
                    new io.cheluyun.codec.j2735v2016.SpeedLimit.SpeedLimitItemItem(new io.cheluyun.codec.j2735v2016.SpeedLimit.SpeedLimitItemItem.Item.Itis(code))));
            case TRAFFIC_SIGN -> new io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content.GenericSign(List.of(
                    new io.cheluyun.codec.j2735v2016.GenericSignage.GenericSignageItemItem(
                            new io.cheluyun.codec.j2735v2016.GenericSignage.GenericSignageItemItem.Item.Itis(code))));
            default -> new io.cheluyun.codec.j2735v2016.TravelerDataFrame.Content.Advisory(List.of(
                    new io.cheluyun.codec.j2735v2016.ITIScodesAndText.ITIScodesAndTextItemItem(
                            new io.cheluyun.codec.j2735v2016.ITIScodesAndText.ITIScodesAndTextItemItem.Item.Itis(code))));
        };
    }

    /** An ITIS code or text of any of the TIM content lists (their item CHOICEs are alike but distinct types). */
    private static void itis(Object item, List<Integer> codes, StringBuilder text) {
        Integer code = switch (item) {
            case io.cheluyun.codec.j2735v2016.ITIScodesAndText.ITIScodesAndTextItemItem.Item.Itis(int v) -> v;
            case io.cheluyun.codec.j2735v2016.WorkZone.WorkZoneItemItem.Item.Itis(int v) -> v;
            case io.cheluyun.codec.j2735v2016.GenericSignage.GenericSignageItemItem.Item.Itis(int v) -> v;
            case io.cheluyun.codec.j2735v2016.SpeedLimit.SpeedLimitItemItem.Item.Itis(int v) -> v;
            case io.cheluyun.codec.j2735v2016.ExitService.ExitServiceItemItem.Item.Itis(int v) -> v;
            default -> null;
        };
        String t = switch (item) {
            case io.cheluyun.codec.j2735v2016.ITIScodesAndText.ITIScodesAndTextItemItem.Item.Text(String v) -> v;
            case io.cheluyun.codec.j2735v2016.WorkZone.WorkZoneItemItem.Item.Text(String v) -> v;
            case io.cheluyun.codec.j2735v2016.GenericSignage.GenericSignageItemItem.Item.Text(String v) -> v;
            case io.cheluyun.codec.j2735v2016.SpeedLimit.SpeedLimitItemItem.Item.Text(String v) -> v;
            case io.cheluyun.codec.j2735v2016.ExitService.ExitServiceItemItem.Item.Text(String v) -> v;
            default -> null;
        };
        if (code != null) {
            codes.add(code);
        }
        if (t != null) {
            text.append(text.isEmpty() ? "" : " ").append(t);
        }
    }

    private static List<GeoPoint> timArea(List<io.cheluyun.codec.j2735v2016.GeographicalPath> regions) {
        if (regions == null || regions.isEmpty()) {
            return null;
        }
        var region = regions.getFirst();
        GeoPoint anchor = region.anchor() == null ? null : new GeoPoint(region.anchor().lat() * VehicleStates.DEG_PER_LSB,
                region.anchor().long_() * VehicleStates.DEG_PER_LSB);
        double halfWidth = region.laneWidth() == Absent.INT ? 1.75 : region.laneWidth() / 200.0;
        return switch (region.description()) {
            case io.cheluyun.codec.j2735v2016.GeographicalPath.Description.Geometry(var g) -> {
                var c = g.circle();
                GeoPoint centre = new GeoPoint(c.center().lat() * VehicleStates.DEG_PER_LSB,
                        c.center().long_() * VehicleStates.DEG_PER_LSB);
                yield circle(centre, c.radius() * DISTANCE_UNIT_M[c.units().ordinal()]);
            }
            case io.cheluyun.codec.j2735v2016.GeographicalPath.Description.Path(var p)
                    when anchor != null && p.offset() instanceof io.cheluyun.codec.j2735v2016.OffsetSystem.Offset.Xy(
                            io.cheluyun.codec.j2735v2016.NodeListXY.Nodes(var nodes)) -> {
                LocalEnu frame = new LocalEnu(anchor.latDeg(), anchor.lonDeg());
                List<GeoPoint> line = new ArrayList<>(List.of(anchor));
                double x = 0;
                double y = 0;
                for (var n : nodes) {
                    double[] d = MapIntersections.j2735Offset(n.delta());
                    if (d != null && d.length == 2) {
                        x += d[0];
                        y += d[1];
                        line.add(frame.toGeo(x, y));
                    }
                }
                yield line.size() < 2 ? circle(anchor, DEFAULT_RADIUS_M) : buffer(line, Math.max(1.0, halfWidth));
            }
            case io.cheluyun.codec.j2735v2016.GeographicalPath.Description.Path(var p)
                    when anchor != null && p.offset() instanceof io.cheluyun.codec.j2735v2016.OffsetSystem.Offset.Ll(
                            io.cheluyun.codec.j2735v2016.NodeListLL.Nodes(var nodes)) -> {
                List<GeoPoint> line = new ArrayList<>(List.of(anchor));
                double lat = anchor.latDeg();
                double lon = anchor.lonDeg();
                for (var n : nodes) {
                    double[] d = llOffset(n.delta());
                    if (d != null) { // cumulative offsets in 1e-7 degree (DF_NodeListLL)
                        lat = d.length == 2 ? lat + d[0] : d[0];
                        lon = d.length == 2 ? lon + d[1] : d[1];
                        line.add(new GeoPoint(lat, lon));
                    }
                }
                yield line.size() < 2 ? circle(anchor, DEFAULT_RADIUS_M) : buffer(line, Math.max(1.0, halfWidth));
            }
            case null -> anchor == null ? null : circle(anchor, DEFAULT_RADIUS_M);
            default -> anchor == null ? null : circle(anchor, DEFAULT_RADIUS_M);
        };
    }

    /** {dLat, dLon} of a relative LL node, {lat, lon, 0} of an absolute one, null for a regional one. */
    private static double[] llOffset(io.cheluyun.codec.j2735v2016.NodeOffsetPointLL p) {
        double d = VehicleStates.DEG_PER_LSB;
        return switch (p) {
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointLL.NodeLL1(var v) -> new double[] {v.lat() * d, v.lon() * d};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointLL.NodeLL2(var v) -> new double[] {v.lat() * d, v.lon() * d};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointLL.NodeLL3(var v) -> new double[] {v.lat() * d, v.lon() * d};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointLL.NodeLL4(var v) -> new double[] {v.lat() * d, v.lon() * d};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointLL.NodeLL5(var v) -> new double[] {v.lat() * d, v.lon() * d};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointLL.NodeLL6(var v) -> new double[] {v.lat() * d, v.lon() * d};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointLL.NodeLatLon(var v) -> new double[] {v.lat() * d, v.lon() * d, 0};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointLL.Regional r -> null;
        };
    }

    /** startYear (0: unknown, the year of receipt) + MinuteOfTheYear (527040: unknown, receipt). */
    private static long timStart(int year, int moy, long receivedMicros) {
        if (moy == Absent.INT || moy >= 527_040) {
            return receivedMicros;
        }
        int y = year == Absent.INT || year == 0
                ? Instant.ofEpochSecond(Math.floorDiv(receivedMicros, 1_000_000L)).atZone(ZoneOffset.UTC).getYear()
                : year;
        return ZonedDateTime.of(y, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond() * 1_000_000L
                + moy * 60_000_000L;
    }

    /** RelevanceDistance (TS 102 894-2): the upper bound of each class, metres. */
    private static final double[] RELEVANCE_M = {50, 100, 200, 500, 1000, 5000, 10000, 20000};

    /**
     * A DENM (EN 302 637-3) as an event: identified by its actionID, located by its event position with the
     * relevance distance as radius, valid from detection for the validity duration; {@link RoadEvent#typeCode()} is
     * {@code causeCode × 256 + subCauseCode}. A cancellation or negation (termination present) is returned as null:
     * the caller withdraws the event with that id.
     */
    public static RoadEvent fromDenm(io.cheluyun.codec.etsi.DENM denm) {
        var d = denm.denm();
        var m = d.management();
        if (m.termination() != null) {
            return null;
        }
        String id = "denm:" + m.actionID().originatingStationID() + ":" + m.actionID().sequenceNumber();
        var pos = m.eventPosition();
        GeoPoint centre = new GeoPoint(pos.latitude() * VehicleStates.DEG_PER_LSB,
                pos.longitude() * VehicleStates.DEG_PER_LSB);
        double radius = m.relevanceDistance() == null || m.relevanceDistance().ordinal() >= RELEVANCE_M.length
                ? DEFAULT_RADIUS_M : RELEVANCE_M[m.relevanceDistance().ordinal()];
        long start = VehicleStates.itsToEpochMicros(m.detectionTime());
        long end = VehicleStates.itsToEpochMicros(m.referenceTime()) + m.validityDuration() * 1_000_000L;
        var cause = d.situation() == null ? null : d.situation().eventType();
        int code = cause == null ? -1 : cause.causeCode() * 256 + cause.subCauseCode();
        return new RoadEvent(id, Long.toString(denm.header().stationID()),
                cause == null ? RoadEventType.HAZARD : denmType(cause.causeCode()), code, circle(centre, radius),
                Double.NaN, start, end > start ? end : start + 1_000_000L, "");
    }

    /**
     * An event as a DENM from the station {@code stationId} (an RSU: station type 15), action sequence number
     * {@code sequence}; the geofence goes out as its centroid with the smallest relevance distance covering it.
     */
    public static io.cheluyun.codec.etsi.DENM toDenm(RoadEvent e, long stationId, int sequence, long nowMicros) {
        GeoPoint c = centroid(e.area());
        double r = coveringRadiusM(e.area(), c);
        int relevance = 0;
        while (relevance < RELEVANCE_M.length - 1 && RELEVANCE_M[relevance] < r) {
            relevance++;
        }
        long reference = Math.max(nowMicros, e.startMicros());
        int validityS = (int) Math.max(0, Math.min(86_400, (e.endMicros() - reference) / 1_000_000L));
        int[] cause = denmCause(e);
        var position = new io.cheluyun.codec.etsi.ReferencePosition(lsb(c.latDeg()), lsb(c.lonDeg()),
                new io.cheluyun.codec.etsi.PosConfidenceEllipse(4095, 4095, 3601),
                new io.cheluyun.codec.etsi.Altitude(800001, io.cheluyun.codec.etsi.AltitudeConfidence.unavailable));
        var management = new io.cheluyun.codec.etsi.DENMPDUDescriptionsManagementContainer(
                new io.cheluyun.codec.etsi.ActionID(stationId, sequence & 0xffff),
                VehicleStates.epochMicrosToIts(e.startMicros()), VehicleStates.epochMicrosToIts(reference), null,
                position, io.cheluyun.codec.etsi.RelevanceDistance.values()[relevance], null, validityS, Absent.INT, 15);
        var situation = new io.cheluyun.codec.etsi.SituationContainer(0,
                new io.cheluyun.codec.etsi.CauseCode(cause[0], cause[1]), null, null);
        var location = new io.cheluyun.codec.etsi.LocationContainer(null, null, List.of(List.of()), null);
        return new io.cheluyun.codec.etsi.DENM(new io.cheluyun.codec.etsi.ItsPduHeader(2, 1, stationId),
                new io.cheluyun.codec.etsi.DecentralizedEnvironmentalNotificationMessage(management, situation,
                        location, null));
    }

    /** CauseCodeType (TS 102 894-2 A.10) to the canonical kinds. */
    static RoadEventType denmType(int causeCode) {
        return switch (causeCode) {
            case 1, 27 -> RoadEventType.CONGESTION;      // trafficCondition, dangerousEndOfQueue
            case 2 -> RoadEventType.ACCIDENT;
            case 3 -> RoadEventType.WORK_ZONE;            // roadworks
            case 6, 17, 18, 19 -> RoadEventType.ADVERSE_WEATHER; // adhesion, visibility, precipitation, extreme
            default -> RoadEventType.HAZARD;              // obstacles, animals, stationary vehicles, wrong way...
        };
    }

    /** {causeCode, subCauseCode}: the event's own DENM code when it came from one, else its kind's cause. */
    static int[] denmCause(RoadEvent e) {
        if (e.typeCode() >= 256 && e.eventId().startsWith("denm:")) {
            return new int[] {e.typeCode() / 256, e.typeCode() % 256};
        }
        return switch (e.type()) {
            case CONGESTION -> new int[] {1, 0};
            case ACCIDENT -> new int[] {2, 0};
            case WORK_ZONE -> new int[] {3, 0};
            case ADVERSE_WEATHER -> new int[] {19, 0};
            case ROAD_CLOSURE -> new int[] {3, 1}; // roadworks: majorRoadworks
            default -> new int[] {99, 0};          // dangerousSituation
        };
    }

    /**
     * A warning as a short-lived road event around its location, for the families whose downlink is a broadcast
     * (RSI, TIM, DENM): the receiver's own application matches itself against the area; the warning's target and
     * related parties ride in the description. Radius: {@code radiusM} (the warning zone the operator configures).
     */
    public static RoadEvent fromWarning(io.cheluyun.model.Warning w, double radiusM) {
        RoadEventType type = switch (w.type()) {
            case SLW -> RoadEventType.SPEED_LIMIT;
            case IVS -> RoadEventType.TRAFFIC_SIGN;
            case TJW -> RoadEventType.CONGESTION;
            default -> RoadEventType.HAZARD;
        };
        String text = w.type() + " for " + w.targetId() + (w.relatedIds().isEmpty() ? "" : " re " + String.join(",",
                w.relatedIds()));
        return new RoadEvent(w.warningId(), "cheluyun", type, -1, circle(w.location(), radiusM), Double.NaN,
                w.timeMicros(), Math.max(w.validUntilMicros(), w.timeMicros() + 1), text);
    }

    private static List<GeoPoint> area(List<io.cheluyun.codec.csae2017.ReferencePath> paths, GeoPoint ref,
                                       GeoPoint centre, double radiusM) {
        if (paths != null && !paths.isEmpty()) {
            var path = paths.getFirst();
            List<GeoPoint> points = new ArrayList<>();
            for (var p : path.activePath()) {
                points.add(MapIntersections.offset(p.offsetLL(), ref));
            }
            double halfWidth = Math.max(1.0, path.pathRadius() / 10.0);
            return points.size() == 1 ? circle(points.getFirst(), halfWidth) : buffer(points, halfWidth);
        }
        return circle(centre, radiusM);
    }

    static List<GeoPoint> circle(GeoPoint c, double radiusM) {
        LocalEnu frame = new LocalEnu(c.latDeg(), c.lonDeg());
        List<GeoPoint> out = new ArrayList<>(CIRCLE_VERTICES);
        for (int k = 0; k < CIRCLE_VERTICES; k++) {
            double a = 2 * Math.PI * k / CIRCLE_VERTICES;
            out.add(frame.toGeo(radiusM * Math.sin(a), radiusM * Math.cos(a)));
        }
        return out;
    }

    /** The band of half-width {@code w} along a polyline: left side forwards, right side back. */
    static List<GeoPoint> buffer(List<GeoPoint> line, double w) {
        LocalEnu frame = new LocalEnu(line.getFirst().latDeg(), line.getFirst().lonDeg());
        int n = line.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = frame.eastM(line.get(k).latDeg(), line.get(k).lonDeg());
            y[k] = frame.northM(line.get(k).latDeg(), line.get(k).lonDeg());
        }
        List<GeoPoint> left = new ArrayList<>();
        List<GeoPoint> right = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int a = Math.max(0, k - 1);
            int b = Math.min(n - 1, k + 1);
            double dx = x[b] - x[a];
            double dy = y[b] - y[a];
            double len = Math.max(1e-9, Math.hypot(dx, dy));
            double nx = -dy / len * w;
            double ny = dx / len * w;
            left.add(frame.toGeo(x[k] + nx, y[k] + ny));
            right.addFirst(frame.toGeo(x[k] - nx, y[k] - ny));
        }
        left.addAll(right);
        return left;
    }

    static GeoPoint centroid(List<GeoPoint> area) {
        double lat = 0;
        double lon = 0;
        for (GeoPoint p : area) {
            lat += p.latDeg();
            lon += p.lonDeg();
        }
        return new GeoPoint(lat / area.size(), lon / area.size());
    }

    static double coveringRadiusM(List<GeoPoint> area, GeoPoint c) {
        LocalEnu frame = new LocalEnu(c.latDeg(), c.lonDeg());
        double r = 0;
        for (GeoPoint p : area) {
            r = Math.max(r, Math.hypot(frame.eastM(p.latDeg(), p.lonDeg()), frame.northM(p.latDeg(), p.lonDeg())));
        }
        return r;
    }

    private static long[] times(RSITimeDetails t, long received) {
        long start = t == null || t.startTime() == Absent.INT ? received
                : SignalStates.moyTime(t.startTime(), Absent.INT, received);
        long end = t == null || t.endTime() == Absent.INT ? start + DEFAULT_VALIDITY_MICROS
                : SignalStates.moyTime(t.endTime(), Absent.INT, received);
        return new long[] {start, end > start ? end : start + DEFAULT_VALIDITY_MICROS};
    }

    /** DE_MinuteOfTheYear of an epoch time (UTC). */
    static int moy(long micros) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).atZone(ZoneOffset.UTC);
        long yearStart = ZonedDateTime.of(t.getYear(), 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
        return (int) ((t.toEpochSecond() - yearStart) / 60);
    }

    private static String text(Description d) {
        return switch (d) {
            case null -> "";
            case Description.TextString(String s) -> s;
            case Description.TextGB2312(byte[] b) -> new String(b, GB2312);
        };
    }

    /** ASCII text as IA5String, anything else as GB2312-80 octets (T/CSAE 53 Description), cut to 512 octets. */
    static Description description(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(s)) {
            return new Description.TextString(s.length() > 512 ? s.substring(0, 512) : s);
        }
        byte[] b = s.getBytes(GB2312);
        if (b.length > 512) {
            int n = 512;
            while (n > 0 && (b[n - 1] & 0x80) != 0 && countHighBytes(b, n) % 2 != 0) {
                n--; // never cut a two-octet GB2312 character in half
            }
            b = java.util.Arrays.copyOf(b, n);
        }
        return b.length < 2 ? null : new Description.TextGB2312(b);
    }

    private static int countHighBytes(byte[] b, int end) {
        int k = end - 1;
        int count = 0;
        while (k >= 0 && (b[k] & 0x80) != 0) {
            count++;
            k--;
        }
        return count;
    }

    private static GeoPoint position(Position3D p) {
        return new GeoPoint(p.lat() * VehicleStates.DEG_PER_LSB, p.long_() * VehicleStates.DEG_PER_LSB);
    }

    private static int lsb(double deg) {
        return (int) Math.round(deg / VehicleStates.DEG_PER_LSB);
    }
}
