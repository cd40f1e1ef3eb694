package io.cheluyun.sim;

import io.cheluyun.model.Connection;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.LaneType;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * A SUMO network ({@code net.xml}) as the platform sees it: every traffic-light-controlled junction becomes a MAP
 * intersection whose approach lanes (vehicle lanes of the edges ending there, centreline from the stop line
 * upstream) connect to exit lanes with the signal group of the connection's traffic-light link
 * ({@link #signalGroup}: links the static program always switches together share one, as the movements of one
 * controller signal group do), and the net's projection turns net metres into WGS84.
 *
 * <p>Intersection ids: region 1, ids 1… in the sorted order of the traffic-light ids. Sidewalks (lanes allowing only
 * pedestrians) and internal lanes are left out. Not thread-safe (the projection keeps scratch state): one reader.
 */
public final class SumoNet {

    /** MAP region of the intersections made from a SUMO net. */
    public static final int REGION = 1;

    /** A static traffic-light program. */
    public record TlsProgram(String id, double offsetS, List<Phase> phases) {

        /** One phase: how long, and the signal of each link ({@code state.charAt(linkIndex)}). */
        public record Phase(double durationS, String state) {
        }

        public double cycleS() {
            return phases.stream().mapToDouble(Phase::durationS).sum();
        }
    }

    private record RawLane(String id, int index, boolean sidewalk, double widthM, List<double[]> shape) {
    }

    private record RawEdge(String id, String from, String to, List<RawLane> lanes) {
    }

    private record RawConnection(String from, String to, int fromLane, int toLane, String tl, int linkIndex,
                                 String dir, String via) {
    }

    /** A traffic-light link: which light, which index of its state. */
    public record Link(String tl, int linkIndex) {
    }

    private final CoordinateTransform toWgs84;
    private final double offsetX;
    private final double offsetY;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();
    private final double convergenceDeg;
    private final Map<String, TlsProgram> programs;
    private final Map<String, IntersectionId> intersectionIds = new LinkedHashMap<>();
    private final List<MapIntersection> intersections = new ArrayList<>();
    private final Map<String, double[]> junctions;
    private final Map<String, Link> linksByVia = new LinkedHashMap<>();
    private final Set<String> approachLanes = new java.util.HashSet<>();
    private final GeoPoint centre;
    /** Per traffic light: the signal group (1…) of each link index. */
    private final Map<String, int[]> signalGroups = new java.util.HashMap<>();

    private SumoNet(String proj, double offsetX, double offsetY, double[] centre, Map<String, double[]> junctions,
                    Map<String, RawEdge> edges, List<RawConnection> connections, Map<String, TlsProgram> programs) {
        CRSFactory crs = new CRSFactory();
        this.toWgs84 = new CoordinateTransformFactory().createTransform(crs.createFromParameters("net", proj),
                crs.createFromParameters("wgs84", "+proj=longlat +datum=WGS84 +no_defs"));
        this.offsetX = offsetX;
        this.offsetY = offsetY;
        this.junctions = junctions;
        this.programs = programs;
        // the bearing of grid north, measured from true north: SUMO angles are against the grid
        GeoPoint a = toGeo(centre[0], centre[1]);
        this.centre = a;
        GeoPoint b = toGeo(centre[0], centre[1] + 100);
        double east = (b.lonDeg() - a.lonDeg()) * LocalEnu.metresPerDegreeLon(a.latDeg());
        double north = (b.latDeg() - a.latDeg()) * LocalEnu.metresPerDegreeLat(a.latDeg());
        this.convergenceDeg = Math.toDegrees(Math.atan2(east, north));
        programs.forEach((tl, program) -> signalGroups.put(tl, groups(program)));
        int next = 1;
        for (String tl : new TreeSet<>(programs.keySet())) {
            intersectionIds.put(tl, new IntersectionId(REGION, next++));
        }
        for (Map.Entry<String, IntersectionId> e : intersectionIds.entrySet()) {
            intersections.add(intersection(e.getKey(), e.getValue(), edges, connections));
        }
        for (RawConnection c : connections) {
            if (c.via() != null) {
                linksByVia.put(c.via(), new Link(c.tl(), c.linkIndex()));
            }
            approachLanes.add(c.from() + "_" + c.fromLane());
        }
    }

    /** Reads a {@code net.xml}; the exception names the file and what is missing. */
    public static SumoNet read(Path netXml) throws IOException {
        try (InputStream in = Files.newInputStream(netXml)) {
            return read(in, netXml.toString());
        }
    }

    static SumoNet read(InputStream input, String name) throws IOException {
        String proj = null;
        double[] offset = null;
        double[] centre = {0, 0};
        Map<String, double[]> junctions = new TreeMap<>();
        Map<String, RawEdge> edges = new LinkedHashMap<>();
        List<RawConnection> connections = new ArrayList<>();
        Map<String, TlsProgram> programs = new TreeMap<>();
        try {
            XMLStreamReader r = Xml.reader(input);
            RawEdge edge = null;
            String tlsId = null;
            double tlsOffset = 0;
            List<TlsProgram.Phase> phases = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamReader.END_ELEMENT) {
                    if (r.getLocalName().equals("edge")) {
                        edge = null;
                    } else if (r.getLocalName().equals("tlLogic") && tlsId != null) {
                        programs.put(tlsId, new TlsProgram(tlsId, tlsOffset, List.copyOf(phases)));
                        tlsId = null;
                    }
                    continue;
                }
                if (event != XMLStreamReader.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "location" -> {
                        proj = Xml.attr(r, "projParameter");
                        String[] o = Xml.required(r, "netOffset").split(",");
                        offset = new double[] {Double.parseDouble(o[0]), Double.parseDouble(o[1])};
                        String[] b = Xml.required(r, "convBoundary").split(",");
                        centre = new double[] {(Double.parseDouble(b[0]) + Double.parseDouble(b[2])) / 2,
                                (Double.parseDouble(b[1]) + Double.parseDouble(b[3])) / 2};
                    }
                    case "junction" -> {
                        String type = Xml.attr(r, "type");
                        if (!"internal".equals(type)) {
                            junctions.put(Xml.required(r, "id"), new double[] {Xml.number(r, "x"), Xml.number(r, "y")});
                        }
                    }
                    case "edge" -> {
                        if (Xml.attr(r, "function") == null) {
                            edge = new RawEdge(Xml.required(r, "id"), Xml.required(r, "from"), Xml.required(r, "to"),
                                    new ArrayList<>());
                            edges.put(edge.id(), edge);
                        }
                    }
                    case "lane" -> {
                        if (edge != null) {
                            String allow = Xml.attr(r, "allow");
                            String width = Xml.attr(r, "width");
                            edge.lanes().add(new RawLane(Xml.required(r, "id"), (int) Xml.number(r, "index"),
                                    "pedestrian".equals(allow), width == null ? 3.2 : Double.parseDouble(width),
                                    shape(Xml.required(r, "shape"))));
                        }
                    }
                    case "tlLogic" -> {
                        tlsId = Xml.required(r, "id");
                        String off = Xml.attr(r, "offset");
                        tlsOffset = off == null ? 0 : Double.parseDouble(off);
                        phases = new ArrayList<>();
                    }
                    case "phase" -> {
                        if (tlsId != null) {
                            phases.add(new TlsProgram.Phase(Xml.number(r, "duration"), Xml.required(r, "state")));
                        }
                    }
                    case "connection" -> {
                        String tl = Xml.attr(r, "tl");
                        if (tl != null) {
                            connections.add(new RawConnection(Xml.required(r, "from"), Xml.required(r, "to"),
                                    (int) Xml.number(r, "fromLane"), (int) Xml.number(r, "toLane"), tl,
                                    (int) Xml.number(r, "linkIndex"), Xml.attr(r, "dir"), Xml.attr(r, "via")));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException(name + ": not a SUMO network: " + e.getMessage(), e);
        }
        if (proj == null || offset == null) {
            throw new IOException(name + ": no <location> with projParameter and netOffset: the net is not "
                    + "geo-referenced (netconvert --proj)");
        }
        return new SumoNet(proj, offset[0], offset[1], centre, junctions, edges, connections, programs);
    }

    private static List<double[]> shape(String text) {
        List<double[]> points = new ArrayList<>();
        for (String p : text.trim().split("\\s+")) {
            String[] xy = p.split(",");
            points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return points;
    }

    private MapIntersection intersection(String tl, IntersectionId id, Map<String, RawEdge> edges,
                                         List<RawConnection> connections) {
        Map<String, Integer> ingress = new LinkedHashMap<>();
        Map<String, Integer> egress = new LinkedHashMap<>();
        int next = 1;
        for (RawEdge e : edges.values()) {
            if (e.to().equals(tl)) {
                for (RawLane l : e.lanes()) {
                    if (!l.sidewalk()) {
                        ingress.put(l.id(), next++);
                    }
                }
            }
        }
        for (RawEdge e : edges.values()) {
            if (e.from().equals(tl)) {
                for (RawLane l : e.lanes()) {
                    if (!l.sidewalk()) {
                        egress.put(l.id(), next++);
                    }
                }
            }
        }
        List<Lane> lanes = new ArrayList<>();
        for (RawEdge e : edges.values()) {
            boolean in = e.to().equals(tl);
            if (!in && !e.from().equals(tl)) {
                continue;
            }
            for (RawLane l : e.lanes()) {
                if (l.sidewalk()) {
                    continue;
                }
                List<GeoPoint> line = new ArrayList<>();
                for (double[] p : l.shape()) {
                    line.add(toGeo(p[0], p[1]));
                }
                if (in) {
                    java.util.Collections.reverse(line); // MAP node lists start at the stop line
                }
                List<Connection> links = new ArrayList<>();
                Set<Maneuver> maneuvers = EnumSet.noneOf(Maneuver.class);
                if (in) {
                    for (RawConnection c : connections) {
                        Integer to = egress.get(c.to() + "_" + c.toLane());
                        if (c.tl().equals(tl) && c.from().equals(e.id()) && c.fromLane() == l.index() && to != null) {
                            Maneuver m = maneuver(c.dir());
                            maneuvers.add(m);
                            links.add(new Connection(to, id, signalGroup(tl, c.linkIndex()), m));
                        }
                    }
                }
                int laneId = in ? ingress.get(l.id()) : egress.get(l.id());
                lanes.add(new Lane(laneId, LaneType.VEHICLE, in, line, l.widthM(), maneuvers, links));
            }
        }
        lanes.sort(java.util.Comparator.comparingInt(Lane::laneId));
        double[] j = junctions.get(tl);
        GeoPoint reference = j == null ? lanes.getFirst().centreline().getFirst() : toGeo(j[0], j[1]);
        return new MapIntersection(id, tl, 1, reference, lanes);
    }

    /** SUMO's connection direction: s straight, r/R right, l/L left, t turnaround. */
    static Maneuver maneuver(String dir) {
        if (dir == null) {
            return Maneuver.STRAIGHT;
        }
        return switch (dir) {
            case "r", "R" -> Maneuver.RIGHT_TURN;
            case "l", "L" -> Maneuver.LEFT_TURN;
            case "t" -> Maneuver.U_TURN;
            default -> Maneuver.STRAIGHT;
        };
    }

    /**
     * The MAP/SPaT signal group of a traffic light's link: links whose letters agree in every phase of the static
     * program share a group, numbered 1… in the order of their first link (0 is "none" in MAP). T/CSAE 53-2017 SPaT
     * carries at most 16 phases per intersection, and a 4-arm junction has 24 links but about 6 distinct
     * movements-switched-together. A light without a program: {@code linkIndex + 1}; a link beyond its program's
     * states: 0 (no signal group).
     */
    public int signalGroup(String tl, int linkIndex) {
        int[] groups = signalGroups.get(tl);
        if (groups == null) {
            return linkIndex + 1;
        }
        return linkIndex < groups.length ? groups[linkIndex] : 0;
    }

    /** For each signal group of the light (index group − 1), the first link index in it. */
    public int[] groupLinks(String tl) {
        int[] groups = signalGroups.get(tl);
        if (groups == null) {
            return new int[0];
        }
        int[] first = new int[java.util.Arrays.stream(groups).max().orElse(0)];
        for (int link = groups.length - 1; link >= 0; link--) {
            first[groups[link] - 1] = link;
        }
        return first;
    }

    private static int[] groups(TlsProgram program) {
        int links = program.phases().stream().mapToInt(p -> p.state().length()).min().orElse(0);
        Map<String, Integer> byColumn = new LinkedHashMap<>();
        int[] groups = new int[links];
        for (int link = 0; link < links; link++) {
            StringBuilder column = new StringBuilder();
            for (TlsProgram.Phase p : program.phases()) {
                column.append(p.state().charAt(link));
            }
            groups[link] = byColumn.computeIfAbsent(column.toString(), k -> byColumn.size() + 1);
        }
        return groups;
    }

    /** The centre of the net's boundary (where a single RSU covering the scenario would stand). */
    public GeoPoint centre() {
        return centre;
    }

    /** Net metres to WGS84 through the net's projection ({@code lon/lat = inverse proj of (x - netOffset)}). */
    public GeoPoint toGeo(double x, double y) {
        in.x = x - offsetX;
        in.y = y - offsetY;
        toWgs84.transform(in, out);
        return new GeoPoint(out.y, out.x);
    }

    /**
     * The bearing of the net's "up" (grid north) from true north at the net's centre, degrees: a SUMO angle plus
     * this is a true heading (about +1.5° for UTM 51N at 125.2° E).
     */
    public double convergenceDeg() {
        return convergenceDeg;
    }

    /** The signalised link a junction-internal lane belongs to (the connection's {@code via}), or null. */
    public Link linkOfInternalLane(String laneId) {
        return linksByVia.get(laneId);
    }

    /** True for a lane that ends at a traffic light (it has signalised connections). */
    public boolean isSignalisedApproach(String laneId) {
        return approachLanes.contains(laneId);
    }

    public List<MapIntersection> intersections() {
        return List.copyOf(intersections);
    }

    /** The MAP id of a traffic light's intersection, or null. */
    public IntersectionId intersectionOf(String tlsId) {
        return intersectionIds.get(tlsId);
    }

    public Map<String, TlsProgram> programs() {
        return programs;
    }
}
