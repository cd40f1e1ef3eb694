package io.cheluyun.sim;

import io.cheluyun.model.VehicleClass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A SUMO scenario folder: its {@code .sumocfg} (net file, route files), the net, and the vehicle types of the
 * route files (length, width, class: what a BSM says about the vehicle).
 */
public final class SumoScenario {

    /**
     * A vehicle type: size and the class a BSM reports, and every attribute of its {@code <vType>} element (to
     * derive variants from, {@link #writeTypeVariants}).
     */
    public record VehicleType(String id, double lengthM, double widthM, VehicleClass vehicleClass,
                              Map<String, String> attributes) {
        public VehicleType {
            attributes = Map.copyOf(attributes);
        }
    }

    private final Path directory;
    private final Path config;
    private final SumoNet net;
    private final Map<String, VehicleType> types;
    private final List<String> additionalFiles;
    private final double endS;

    private SumoScenario(Path directory, Path config, SumoNet net, Map<String, VehicleType> types,
                         List<String> additionalFiles, double endS) {
        this.endS = endS;
        this.directory = directory;
        this.config = config;
        this.net = net;
        this.types = types;
        this.additionalFiles = List.copyOf(additionalFiles);
    }

    /** Opens the scenario in {@code directory}: its only {@code *.sumocfg}, the net and route files it names. */
    public static SumoScenario open(Path directory) throws IOException {
        List<Path> configs;
        try (var files = Files.list(directory)) {
            configs = files.filter(p -> p.getFileName().toString().endsWith(".sumocfg")).sorted().toList();
        }
        if (configs.size() != 1) {
            throw new IOException(directory + ": expected one .sumocfg, found " + configs.size());
        }
        Path config = configs.getFirst();
        String netFile = null;
        List<String> routeFiles = new ArrayList<>();
        List<String> additionalFiles = new ArrayList<>();
        double end = Double.NaN;
        try (InputStream in = Files.newInputStream(config)) {
            XMLStreamReader r = Xml.reader(in);
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "net-file" -> netFile = Xml.required(r, "value");
                        case "route-files" -> routeFiles.addAll(List.of(Xml.required(r, "value").split(",")));
                        case "end" -> end = Xml.number(r, "value");
                        case "additional-files" -> additionalFiles.addAll(
                                List.of(Xml.required(r, "value").strip().split("\\s*,\\s*")));
                        default -> {
                        }
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException(config + ": not a SUMO configuration: " + e.getMessage(), e);
        }
        if (netFile == null) {
            throw new IOException(config + ": no <net-file>");
        }
        Map<String, VehicleType> types = new LinkedHashMap<>();
        for (String f : routeFiles) {
            readTypes(directory.resolve(f.strip()), types);
        }
        return new SumoScenario(directory, config, SumoNet.read(directory.resolve(netFile)), types, additionalFiles, end);
    }

    private static void readTypes(Path routes, Map<String, VehicleType> types) throws IOException {
        try (InputStream in = Files.newInputStream(routes)) {
            XMLStreamReader r = Xml.reader(in);
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.START_ELEMENT && r.getLocalName().equals("vType")) {
                    String vClass = Xml.attr(r, "vClass");
                    VehicleClass cls = vehicleClass(vClass == null ? "passenger" : vClass);
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int k = 0; k < r.getAttributeCount(); k++) {
                        attributes.put(r.getAttributeLocalName(k), r.getAttributeValue(k));
                    }
                    types.put(Xml.required(r, "id"), new VehicleType(Xml.required(r, "id"),
                            Xml.number(r, "length", 5.0), Xml.number(r, "width", 1.8), cls, attributes));
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException(routes + ": not a SUMO route file: " + e.getMessage(), e);
        }
    }

    /** SUMO vClass → the model's class (as a BSM's basic vehicle class reports it). */
    static VehicleClass vehicleClass(String vClass) {
        return switch (vClass) {
            case "passenger", "private", "taxi", "evehicle", "custom1", "custom2" -> VehicleClass.PASSENGER_CAR;
            case "truck", "delivery" -> VehicleClass.TRUCK;
            case "trailer" -> VehicleClass.TRAILER;
            case "bus", "coach" -> VehicleClass.BUS;
            case "emergency", "authority" -> VehicleClass.EMERGENCY;
            case "motorcycle", "moped" -> VehicleClass.MOTORCYCLE;
            case "tram", "rail_urban" -> VehicleClass.TRAM;
            default -> VehicleClass.UNKNOWN;
        };
    }

    /**
     * Copies the scenario's files (not its {@code out/}) into {@code dir} and creates {@code dir/out}: a place where
     * sumo can run without touching the scenario (which may be read-only, and whose outputs a run would overwrite).
     */
    public void copyInto(Path dir) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Files.createDirectories(dir.resolve("out"));
    }

    public Path directory() {
        return directory;
    }

    public Path config() {
        return config;
    }

    public SumoNet net() {
        return net;
    }

    /** The type {@code id}, or a passenger car of SUMO's default size when the route files do not define it. */
    public VehicleType type(String id) {
        VehicleType t = types.get(id);
        return t != null ? t : new VehicleType(id, 5.0, 1.8, id != null && id.startsWith("DEFAULT_PED")
                ? VehicleClass.UNKNOWN : VehicleClass.PASSENGER_CAR, Map.of());
    }

    /** The vehicle types of the route files, in file order. */
    public List<VehicleType> vehicleTypes() {
        return List.copyOf(types.values());
    }

    /** The configuration's simulation end, s; NaN when it sets none (sumo then runs until the routes are done). */
    public double endS() {
        return endS;
    }

    /** The configuration's {@code additional-files}, as sumo resolves them (relative to the configuration). */
    public List<String> additionalFiles() {
        return additionalFiles;
    }

    /**
     * Writes {@code dir/file}: an additional file with a variant of each of {@code baseTypes}, id
     * {@code base + suffix}, with the base type's attributes overridden by {@code overrides} (SUMO vType attribute
     * names). Load it with {@code --additional-files} next to {@link #additionalFiles()}; a vehicle is switched to a
     * variant and back with TraCI's {@code setType}.
     */
    public void writeTypeVariants(Path dir, String file, List<String> baseTypes, String suffix,
                                  Map<String, String> overrides) throws IOException {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<additional>\n");
        for (String base : baseTypes) {
            VehicleType t = types.get(base);
            if (t == null) {
                throw new IOException(config + ": no vType '" + base + "' in the route files");
            }
            Map<String, String> attributes = new LinkedHashMap<>(t.attributes());
            attributes.putAll(overrides);
            attributes.put("id", base + suffix);
            b.append("    <vType");
            attributes.forEach((k, v) -> b.append(' ').append(k).append("=\"").append(xmlEscape(v)).append('"'));
            b.append("/>\n");
        }
        Files.writeString(dir.resolve(file), b.append("</additional>\n"));
    }

    private static String xmlEscape(String v) {
        return v.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
