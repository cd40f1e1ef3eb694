package io.cheluyun.sim;

import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A SUMO run as the road would send it, step by step: every {@code mapIntervalS} each signalised intersection's MAP
 * (from the net), every step each signal's SPaT (from SaveTLSStates output) and each vehicle's state (from the FCD
 * output, {@code --fcd-output.geo}), pedestrians as objects perceived by the roadside. Times are SUMO seconds plus
 * {@code startMicros}; headings are corrected from grid north to true north. The two files are streamed together,
 * so a run of any length uses constant memory.
 *
 * <p>Mapping: vehicle class, length and width from the vType; brake applied when decelerating harder than
 * {@value #BRAKE_DECEL_MPS2} m/s² (SUMO reports no brake lights); SUMO signal letters G/g/y/r/u/s/o/O to protected /
 * permissive green, amber, red, red-amber, stop-then-proceed, flashing amber, dark; the phase's end from the static
 * program (fixed time: min = max = likely end) when the record's phase is where the program says it is, else
 * unknown.
 */
public final class SumoReplay {

    /** Deceleration taken as the brake pedal being pressed (gentle engine braking stays below it). */
    static final double BRAKE_DECEL_MPS2 = 0.5;
    /** Position accuracy of a pedestrian as a roadside sensor reports it (1-sigma, m). */
    static final double OBJECT_ACCURACY_M = 0.5;

    /** What a step produced, in the order to send it (maps, signals, vehicles, objects). */
    public record Step(double timeS, List<Object> records) {
    }

    /** Receives each step as it is read. */
    @FunctionalInterface
    public interface Listener {
        void step(Step step) throws IOException;
    }

    /** Totals of a run. */
    public record Counts(long steps, long maps, long spats, long vehicles, long objects) {
    }

    private final SumoScenario scenario;
    private final long startMicros;
    private final double mapIntervalS;

    public SumoReplay(SumoScenario scenario, long startMicros, double mapIntervalS) {
        this.scenario = scenario;
        this.startMicros = startMicros;
        this.mapIntervalS = mapIntervalS;
    }

    /**
     * Streams {@code fcd} and {@code tls} (plain or {@code .gz}) up to {@code untilS} of simulation time.
     */
    public Counts run(Path fcd, Path tls, double untilS, Listener listener) throws IOException {
        try (InputStream fcdIn = open(fcd); InputStream tlsIn = open(tls)) {
            XMLStreamReader f = Xml.reader(fcdIn);
            XMLStreamReader t = Xml.reader(tlsIn);
            TlsCursor signals = new TlsCursor(t);
            long steps = 0;
            long maps = 0;
            long spats = 0;
            long vehicles = 0;
            long objects = 0;
            double nextMapS = 0;
            List<Object> records = null;
            double time = Double.NaN;
            while (f.hasNext()) {
                int event = f.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    switch (f.getLocalName()) {
                        case "timestep" -> {
                            time = Xml.number(f, "time");
                            if (time > untilS) {
                                return new Counts(steps, maps, spats, vehicles, objects);
                            }
                            records = new ArrayList<>();
                            if (time + 1e-9 >= nextMapS) {
                                for (MapIntersection m : scenario.net().intersections()) {
                                    records.add(m);
                                    maps++;
                                }
                                nextMapS += mapIntervalS;
                            }
                            for (SignalState s : signals.upTo(time, this)) {
                                records.add(s);
                                spats++;
                            }
                        }
                        case "vehicle" -> {
                            records.add(vehicle(f, time));
                            vehicles++;
                        }
                        case "person" -> {
                            records.add(person(f, time));
                            objects++;
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamReader.END_ELEMENT && f.getLocalName().equals("timestep")) {
                    steps++;
                    listener.step(new Step(time, List.copyOf(records)));
                }
            }
            return new Counts(steps, maps, spats, vehicles, objects);
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException(fcd + " / " + tls + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        return p.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    long micros(double timeS) {
        return startMicros + Math.round(timeS * 1e6);
    }

    private double heading(double sumoAngleDeg) {
        double h = (sumoAngleDeg + scenario.net().convergenceDeg()) % 360.0;
        return h < 0 ? h + 360.0 : h;
    }

    private VehicleState vehicle(XMLStreamReader f, double time) {
        return vehicle(Xml.required(f, "id"), Xml.attr(f, "type"), time, new GeoPoint(Xml.number(f, "y"),
                Xml.number(f, "x")), Xml.number(f, "angle"), Xml.number(f, "speed"),
                Xml.number(f, "acceleration", Double.NaN));
    }

    /** A SUMO vehicle as a BSM would describe it (FCD record or TraCI reading). */
    public VehicleState vehicle(String id, String typeId, double timeS, GeoPoint position, double sumoAngleDeg,
                                double speedMps, double accelMps2) {
        SumoScenario.VehicleType type = scenario.type(typeId);
        return new VehicleState(id, micros(timeS), position, Double.NaN, heading(sumoAngleDeg), speedMps, accelMps2,
                Double.NaN, type.lengthM(), type.widthM(), type.vehicleClass(),
                new BrakeState(accelMps2 < -BRAKE_DECEL_MPS2, false, false, false), ExteriorLights.NONE);
    }

    private PerceivedObject person(XMLStreamReader f, double time) {
        return new PerceivedObject(Xml.required(f, "id"), "sumo", ObjectClass.PEDESTRIAN, micros(time),
                new GeoPoint(Xml.number(f, "y"), Xml.number(f, "x")), heading(Xml.number(f, "angle")),
                Xml.number(f, "speed"), 0.5, 0.5, OBJECT_ACCURACY_M);
    }

    /** One signal's state at {@code timeS}: its SPaT. */
    public SignalState signal(String tlsId, double timeS, int phaseIndex, String state) {
        IntersectionId id = scenario.net().intersectionOf(tlsId);
        if (id == null) {
            throw new IllegalArgumentException("traffic light " + tlsId + " is not in the net");
        }
        SumoNet.TlsProgram program = scenario.net().programs().get(tlsId);
        int[] groupLinks = scenario.net().groupLinks(tlsId);
        List<MovementState> movements = new ArrayList<>(groupLinks.length);
        for (int g = 0; g < groupLinks.length; g++) {
            int link = groupLinks[g];
            if (link >= state.length()) {
                continue;
            }
            long end = phaseEnd(program, timeS, phaseIndex, link, state.charAt(link));
            long endMicros = end == MovementEvent.UNKNOWN_TIME ? end : micros(end / 1e6);
            movements.add(new MovementState(g + 1, List.of(new MovementEvent(phase(state.charAt(link)),
                    MovementEvent.UNKNOWN_TIME, endMicros, endMicros, endMicros))));
        }
        return new SignalState(id, micros(timeS), movements);
    }

    /**
     * When link {@code link}'s signal {@code now} ends, in simulation µs: walk the static program from the current
     * phase until the link's letter changes. Unknown when the program is not where the record says (a TraCI
     * override, an actuated program) or the letter never changes.
     */
    static long phaseEnd(SumoNet.TlsProgram program, double timeS, int phaseIndex, int link, char now) {
        if (program == null || program.phases().isEmpty()) {
            return MovementEvent.UNKNOWN_TIME;
        }
        double cycle = program.cycleS();
        double into = ((timeS - program.offsetS()) % cycle + cycle) % cycle;
        int k = 0;
        while (into >= program.phases().get(k).durationS() - 1e-9) {
            into -= program.phases().get(k).durationS();
            k = (k + 1) % program.phases().size();
        }
        if (k != phaseIndex) {
            return MovementEvent.UNKNOWN_TIME;
        }
        double end = timeS + program.phases().get(k).durationS() - into;
        for (int n = 1; n <= program.phases().size(); n++) {
            SumoNet.TlsProgram.Phase p = program.phases().get((k + n) % program.phases().size());
            if (link >= p.state().length() || p.state().charAt(link) != now) {
                return Math.round(end * 1e6);
            }
            end += p.durationS();
        }
        return MovementEvent.UNKNOWN_TIME;
    }

    /** SUMO's signal letters (sumo.dlr.de, "Traffic Lights": signal state definitions). */
    static SignalPhase phase(char c) {
        return switch (c) {
            case 'G' -> SignalPhase.PROTECTED_MOVEMENT_ALLOWED;
            case 'g' -> SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED;
            case 'y', 'Y' -> SignalPhase.PROTECTED_CLEARANCE;
            case 'r', 'R' -> SignalPhase.STOP_AND_REMAIN;
            case 'u' -> SignalPhase.PRE_MOVEMENT;
            case 's' -> SignalPhase.STOP_THEN_PROCEED;
            case 'o' -> SignalPhase.CAUTION_CONFLICTING_TRAFFIC;
            case 'O' -> SignalPhase.DARK;
            default -> SignalPhase.UNAVAILABLE;
        };
    }

    /** Reads {@code <tlsState>} records in file order, handing out those up to a time. */
    private static final class TlsCursor {
        private final XMLStreamReader r;
        private String[] pending;

        TlsCursor(XMLStreamReader r) {
            this.r = r;
        }

        List<SignalState> upTo(double timeS, SumoReplay replay) throws XMLStreamException {
            List<SignalState> out = new ArrayList<>();
            while (true) {
                if (pending == null) {
                    pending = next();
                    if (pending == null) {
                        return out;
                    }
                }
                double t = Double.parseDouble(pending[0]);
                if (t > timeS + 1e-9) {
                    return out;
                }
                if (t > timeS - 1e-9) { // records of earlier steps without FCD timesteps are not sent late
                    out.add(replay.signal(pending[1], t, Integer.parseInt(pending[2]), pending[3]));
                }
                pending = null;
            }
        }

        private String[] next() throws XMLStreamException {
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.START_ELEMENT && r.getLocalName().equals("tlsState")) {
                    return new String[] {Xml.required(r, "time"), Xml.required(r, "id"), Xml.required(r, "phase"),
                            Xml.required(r, "state")};
                }
            }
            return null;
        }
    }
}
