package io.cheluyun.edge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cheluyun.codec.Family;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may talk: the registered RSUs, OBUs and application clients, looked up by device id, by the RSU id a CSAE
 * forwarding frame carries, and by UDP source address. Loaded from a YAML file ({@code devices:} list, see
 * docs/edge.md) and changeable at run time (thread-safe; lookups are lock-free map reads).
 */
public final class DeviceRegistry {

    /** Radio range assumed for an RSU that does not state one: C-V2X PC5 sidelink, typically 300–1000 m. */
    public static final double DEFAULT_RSU_RANGE_M = 1000;

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final Map<String, Device> byId = new ConcurrentHashMap<>();
    private final Map<String, Device> byRsuId = new ConcurrentHashMap<>();
    private final Map<String, Device> byAddress = new ConcurrentHashMap<>();

    /** The file's shape: {@code devices: [ {id, kind, ...}, ... ]}. */
    private record File(List<Device> devices) {
    }

    public DeviceRegistry() {
    }

    /** Reads a registry file; the exception names the file and the device that is wrong. */
    public static DeviceRegistry load(Path file) {
        File parsed;
        try {
            parsed = YAML.readValue(Files.readString(file, StandardCharsets.UTF_8), File.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a device registry: " + e.getMessage(), e);
        }
        DeviceRegistry registry = new DeviceRegistry();
        if (parsed != null && parsed.devices() != null) {
            for (Device d : parsed.devices()) {
                try {
                    registry.register(d);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                }
            }
        }
        return registry;
    }

    /** Adds or replaces a device after checking it; returns the stored (normalised) device. */
    public Device register(Device device) {
        Device d = validate(device);
        Device old = byId.put(d.id(), d);
        if (old != null) {
            unindex(old);
        }
        if (d.rsuId() != null) {
            byRsuId.put(d.rsuId(), d);
        }
        if (d.udpAddress() != null) {
            byAddress.put(d.udpAddress(), d);
        }
        return d;
    }

    public void unregister(String id) {
        Device old = byId.remove(id);
        if (old != null) {
            unindex(old);
        }
    }

    private void unindex(Device old) {
        if (old.rsuId() != null) {
            byRsuId.remove(old.rsuId(), old);
        }
        if (old.udpAddress() != null) {
            byAddress.remove(old.udpAddress(), old);
        }
    }

    public Device byId(String id) {
        return id == null ? null : byId.get(id);
    }

    /** The RSU whose 8-octet id (16 lower-case hex digits) this is. */
    public Device byRsuId(String rsuIdHex) {
        return rsuIdHex == null ? null : byRsuId.get(rsuIdHex.toLowerCase(Locale.ROOT));
    }

    /** The device registered with this UDP source address (textual IP, as {@code InetAddress.getHostAddress}). */
    public Device byAddress(String hostAddress) {
        return hostAddress == null ? null : byAddress.get(hostAddress);
    }

    public Collection<Device> devices() {
        return List.copyOf(byId.values());
    }

    /**
     * The device with this id if {@code token} is its token (constant-time comparison of SHA-256 digests, so
     * timing does not reveal how much of a guess was right); null otherwise.
     */
    public Device authenticate(String id, byte[] token) {
        Device d = byId(id);
        if (d == null || d.tokenSha256() == null || token == null) {
            return null;
        }
        byte[] expected = HexFormat.of().parseHex(d.tokenSha256());
        return MessageDigest.isEqual(expected, sha256(token)) ? d : null;
    }

    /** RSUs whose range covers {@code p}, nearest first. */
    public List<Device> rsusCovering(GeoPoint p) {
        List<Device> out = new ArrayList<>();
        for (Device d : byId.values()) {
            if (d.isRsu() && d.position() != null && LocalEnu.distanceM(d.position(), p) <= d.rangeM()) {
                out.add(d);
            }
        }
        out.sort((a, b) -> Double.compare(LocalEnu.distanceM(a.position(), p),
                LocalEnu.distanceM(b.position(), p)));
        return out;
    }

    /** Hex SHA-256 of a token, as the registry stores it ({@code tokenSha256}). */
    public static String tokenSha256(String token) {
        return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Device validate(Device d) {
        if (d == null || d.id() == null || d.id().isBlank()) {
            throw new IllegalArgumentException("a device needs an id");
        }
        String id = d.id();
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("device '" + id + "': an id is 1-64 of A-Z a-z 0-9 . _ - (it is an "
                    + "MQTT topic level)");
        }
        if (d.kind() == null) {
            throw new IllegalArgumentException("device '" + id + "': kind is one of rsu, obu, app");
        }
        String token = d.tokenSha256();
        if (token != null && !token.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("device '" + id + "': tokenSha256 is 64 hex digits (sha256sum of the"
                    + " token)");
        }
        String rsuId = d.rsuId();
        if (rsuId != null) {
            if (!rsuId.matches("[0-9a-fA-F]{16}")) {
                throw new IllegalArgumentException("device '" + id + "': rsuId is 8 octets as 16 hex digits");
            }
            rsuId = rsuId.toLowerCase(Locale.ROOT);
        }
        if (d.family() != null) {
            try {
                Family.byName(d.family());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("device '" + id + "': " + e.getMessage(), e);
            }
        }
        GeoPoint p = d.position();
        if (p != null && (!(Math.abs(p.latDeg()) <= 90) || !(Math.abs(p.lonDeg()) <= 180))) {
            throw new IllegalArgumentException("device '" + id + "': position is not a WGS84 latitude/longitude");
        }
        double range = d.rangeM();
        if (d.isRsu() && !(range > 0)) {
            range = DEFAULT_RSU_RANGE_M;
        }
        if (d.udpDownlinkPort() < 0 || d.udpDownlinkPort() > 65535) {
            throw new IllegalArgumentException("device '" + id + "': udpDownlinkPort is 0..65535");
        }
        List<String> vehicles = new ArrayList<>();
        for (String v : d.vehicleIds()) {
            vehicles.add(v.toLowerCase(Locale.ROOT));
        }
        return new Device(id, d.kind(), token == null ? null : token.toLowerCase(Locale.ROOT), d.certificatePem(),
                rsuId, d.family(), p, range, d.udpAddress(), d.udpDownlinkPort(), vehicles);
    }
}
