package io.cheluyun.sim;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A TraCI client over TCP for SUMO 1.15 (TraCI API 20), the subset the closed loop needs: version, stepping,
 * vehicles (ids, position, speed, angle, type, acceleration; slowDown, setSpeed), traffic lights (ids, state,
 * phase). No JVM TraCI library is on Maven Central (libtraci and TraaS are not published there), so this is ours,
 * written from the protocol description (sumo.dlr.de/docs/TraCI/Protocol.html) and checked against a real sumo.
 *
 * <p>Wire format, all big-endian: a message is an {@code int32} total length (itself included) and commands; a
 * command is a {@code ubyte} length counting itself and the id ({@code 0} then an {@code int32} length for long
 * ones), a {@code ubyte} command id and its content. Every answer starts with a status command (result 0x00 OK,
 * 0x01 not implemented, 0xFF error, then a description string). Strings are an {@code int32} length and UTF-8.
 * Not thread-safe: one client per connection, as SUMO serves one client by default.
 */
public final class TraciClient implements AutoCloseable {

    /** A command the server refused, with its description. */
    public static final class TraciException extends IOException {
        private static final long serialVersionUID = 1L;

        TraciException(String message) {
            super(message);
        }
    }

    /** What {@code getVersion} answers. */
    public record Version(int api, String identifier) {
    }

    static final int CMD_GETVERSION = 0x00;
    static final int CMD_SIMSTEP = 0x02;
    static final int CMD_CLOSE = 0x7F;
    static final int CMD_GET_TL_VARIABLE = 0xa2;
    static final int CMD_GET_VEHICLE_VARIABLE = 0xa4;
    static final int CMD_GET_SIM_VARIABLE = 0xab;
    static final int CMD_SET_VEHICLE_VARIABLE = 0xc4;

    static final int ID_LIST = 0x00;
    static final int VAR_SPEED = 0x40;
    static final int VAR_POSITION = 0x42;
    static final int VAR_ANGLE = 0x43;
    static final int VAR_TYPE = 0x4f;
    static final int VAR_ACCELERATION = 0x72;
    static final int VAR_SLOWDOWN = 0x14;
    static final int VAR_LANE_ID = 0x51;
    static final int VAR_LANEPOSITION = 0x56;
    static final int VAR_TIME = 0x66;
    static final int VAR_COLLIDING_VEHICLES_IDS = 0x81;
    static final int TL_RED_YELLOW_GREEN_STATE = 0x20;
    static final int TL_CURRENT_PHASE = 0x28;

    static final int TYPE_POSITION_2D = 0x01;
    static final int TYPE_INTEGER = 0x09;
    static final int TYPE_DOUBLE = 0x0B;
    static final int TYPE_STRING = 0x0C;
    static final int TYPE_STRINGLIST = 0x0E;
    static final int TYPE_COMPOUND = 0x0F;

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    private TraciClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
        this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
    }

    /**
     * Connects, retrying while the server is still starting (sumo opens its port a moment after it starts).
     */
    public static TraciClient connect(String host, int port, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(host, port), 1_000);
                return new TraciClient(s);
            } catch (ConnectException e) {
                s.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("no TraCI server on " + host + ":" + port + " within " + timeout, e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while connecting", ie);
                }
            }
        }
    }

    public Version version() throws IOException {
        ByteBuffer r = exchange(CMD_GETVERSION, new byte[0]);
        skipCommandHeader(r);
        return new Version(r.getInt(), string(r));
    }

    /** One simulation step. */
    public void step() throws IOException {
        stepTo(0.0);
    }

    /** Steps until simulation time {@code timeS} (0: one step). Subscription results are not used. */
    public void stepTo(double timeS) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(8);
        new DataOutputStream(b).writeDouble(timeS);
        exchange(CMD_SIMSTEP, b.toByteArray());
    }

    /** Simulation time, s. */
    public double time() throws IOException {
        return getDouble(CMD_GET_SIM_VARIABLE, VAR_TIME, "");
    }

    public List<String> vehicleIds() throws IOException {
        return getStringList(CMD_GET_VEHICLE_VARIABLE, ID_LIST, "");
    }

    public double vehicleSpeed(String id) throws IOException {
        return getDouble(CMD_GET_VEHICLE_VARIABLE, VAR_SPEED, id);
    }

    public double vehicleAngle(String id) throws IOException {
        return getDouble(CMD_GET_VEHICLE_VARIABLE, VAR_ANGLE, id);
    }

    public double vehicleAcceleration(String id) throws IOException {
        return getDouble(CMD_GET_VEHICLE_VARIABLE, VAR_ACCELERATION, id);
    }

    /** The lane the vehicle is on ({@code :junction_…} inside a junction). */
    public String vehicleLane(String id) throws IOException {
        return string(get(CMD_GET_VEHICLE_VARIABLE, VAR_LANE_ID, id, TYPE_STRING));
    }

    /** Distance of the vehicle's front from its lane's start, m. */
    public double vehicleLanePosition(String id) throws IOException {
        return getDouble(CMD_GET_VEHICLE_VARIABLE, VAR_LANEPOSITION, id);
    }

    public String vehicleType(String id) throws IOException {
        ByteBuffer r = get(CMD_GET_VEHICLE_VARIABLE, VAR_TYPE, id, TYPE_STRING);
        return string(r);
    }

    /** Net coordinates {x, y}, m. */
    public double[] vehiclePosition(String id) throws IOException {
        ByteBuffer r = get(CMD_GET_VEHICLE_VARIABLE, VAR_POSITION, id, TYPE_POSITION_2D);
        return new double[] {r.getDouble(), r.getDouble()};
    }

    /** Vehicles that collided during the last step (SUMO's collision detection: {@code --collision.*} options). */
    public List<String> collidingVehicleIds() throws IOException {
        return getStringList(CMD_GET_SIM_VARIABLE, VAR_COLLIDING_VEHICLES_IDS, "");
    }

    /** Gives the vehicle another (loaded) vehicle type: its driver behaves by that type's parameters from now on. */
    public void setType(String id, String typeId) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeByte(VAR_TYPE);
        writeString(d, id);
        d.writeByte(TYPE_STRING);
        writeString(d, typeId);
        exchange(CMD_SET_VEHICLE_VARIABLE, b.toByteArray());
    }

    /** Slows the vehicle linearly to {@code speedMps} over {@code durationS} (capped by its type's decel). */
    public void slowDown(String id, double speedMps, double durationS) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeByte(VAR_SLOWDOWN);
        writeString(d, id);
        d.writeByte(TYPE_COMPOUND);
        d.writeInt(2);
        d.writeByte(TYPE_DOUBLE);
        d.writeDouble(speedMps);
        d.writeByte(TYPE_DOUBLE);
        d.writeDouble(durationS);
        exchange(CMD_SET_VEHICLE_VARIABLE, b.toByteArray());
    }

    /** Holds the vehicle at {@code speedMps}; a negative speed hands it back to its car-following model. */
    public void setSpeed(String id, double speedMps) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeByte(VAR_SPEED);
        writeString(d, id);
        d.writeByte(TYPE_DOUBLE);
        d.writeDouble(speedMps);
        exchange(CMD_SET_VEHICLE_VARIABLE, b.toByteArray());
    }

    public List<String> trafficLightIds() throws IOException {
        return getStringList(CMD_GET_TL_VARIABLE, ID_LIST, "");
    }

    /** The signal letters of every link (index = link index). */
    public String trafficLightState(String id) throws IOException {
        return string(get(CMD_GET_TL_VARIABLE, TL_RED_YELLOW_GREEN_STATE, id, TYPE_STRING));
    }

    public int trafficLightPhase(String id) throws IOException {
        return get(CMD_GET_TL_VARIABLE, TL_CURRENT_PHASE, id, TYPE_INTEGER).getInt();
    }

    /** Asks the server to end the simulation, then closes the connection. */
    @Override
    public void close() throws IOException {
        try {
            if (!socket.isClosed()) {
                exchange(CMD_CLOSE, new byte[0]);
            }
        } finally {
            socket.close();
        }
    }

    private double getDouble(int command, int variable, String id) throws IOException {
        return get(command, variable, id, TYPE_DOUBLE).getDouble();
    }

    private List<String> getStringList(int command, int variable, String id) throws IOException {
        ByteBuffer r = get(command, variable, id, TYPE_STRINGLIST);
        int n = r.getInt();
        if (n < 0 || n > r.remaining() / 4) {
            throw new TraciException("string list of " + n + " items does not fit its answer");
        }
        List<String> items = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            items.add(string(r));
        }
        return items;
    }

    /** A get command; returns the answer positioned at the value, after checking its type. */
    private ByteBuffer get(int command, int variable, String id, int type) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeByte(variable);
        writeString(d, id);
        ByteBuffer r = exchange(command, b.toByteArray());
        skipCommandHeader(r); // length, response id (command + 0x10)
        int var = r.get() & 0xff;
        String object = string(r);
        int actual = r.get() & 0xff;
        if (var != variable || !object.equals(id) || actual != type) {
            throw new TraciException(String.format("answer to 0x%02x/0x%02x '%s' was 0x%02x '%s' of type 0x%02x",
                    command, variable, id, var, object, actual));
        }
        return r;
    }

    /** Sends one command, reads the answer, checks its status; returns the rest of the answer. */
    private ByteBuffer exchange(int command, byte[] content) throws IOException {
        int commandLength = 2 + content.length;
        boolean wide = commandLength > 255;
        int total = 4 + (wide ? commandLength + 4 : commandLength);
        out.writeInt(total);
        if (wide) {
            out.writeByte(0);
            out.writeInt(commandLength + 4);
        } else {
            out.writeByte(commandLength);
        }
        out.writeByte(command);
        out.write(content);
        out.flush();
        int length = in.readInt();
        if (length < 4 || length > 64 << 20) {
            throw new TraciException("answer length " + length + " is not plausible");
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        ByteBuffer r = ByteBuffer.wrap(body);
        skipCommandHeaderLength(r);
        int id = r.get() & 0xff;
        int result = r.get() & 0xff;
        String description = string(r);
        if (id != command) {
            throw new TraciException(String.format("status for command 0x%02x answered command 0x%02x", id,
                    command));
        }
        if (result != 0) {
            throw new TraciException(String.format("command 0x%02x %s: %s", command,
                    result == 1 ? "not implemented" : "failed", description));
        }
        return r;
    }

    private static void skipCommandHeader(ByteBuffer r) {
        skipCommandHeaderLength(r);
        r.get(); // the response's command id
    }

    private static void skipCommandHeaderLength(ByteBuffer r) {
        if ((r.get() & 0xff) == 0) {
            r.getInt();
        }
    }

    private static String string(ByteBuffer r) throws TraciException {
        int n = r.getInt();
        if (n < 0 || n > r.remaining()) {
            throw new TraciException("string of " + n + " bytes does not fit its answer");
        }
        byte[] b = new byte[n];
        r.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeString(DataOutputStream d, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.writeInt(b.length);
        d.write(b);
    }
}
