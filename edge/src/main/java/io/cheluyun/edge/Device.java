package io.cheluyun.edge;

import io.cheluyun.model.GeoPoint;
import java.util.List;
import java.util.Locale;

/**
 * A registered sender/receiver: a road-side unit, a vehicle's on-board unit, or an application client.
 *
 * @param id             the device id: MQTT client id / username, WebSocket token owner, the CN of its client
 *                       certificate; topics carry it ({@code v2x/rsu/{id}/up/...})
 * @param kind           what it is
 * @param tokenSha256    hex SHA-256 of its access token (MQTT password, WebSocket bearer token); null: no token
 * @param certificatePem path of its X.509 certificate (PEM) whose key signs its messages; null: none
 * @param rsuId          RSUs: the 8-octet id (16 hex digits) the CSAE RSU forwarding frame and the RSI carry
 * @param family         RSUs: the message family and vintage it speaks (decides the downlink: RSI, TIM or DENM)
 * @param position       RSUs: where it stands; messages it relays from farther than its range are implausible
 * @param rangeM         RSUs: the radio range used for that check and for choosing RSUs for a warning
 * @param udpAddress     RSUs: {@code host} of its UDP source (identifies raw UDP without a frame) and downlink
 * @param udpDownlinkPort RSUs: UDP port warnings are sent to (0: no UDP downlink)
 * @param vehicleIds     OBUs: the vehicle ids (BSM id, hex) it may report as itself; empty: any
 */
public record Device(String id, Kind kind, String tokenSha256, String certificatePem, String rsuId, String family,
                     GeoPoint position, double rangeM, String udpAddress, int udpDownlinkPort,
                     List<String> vehicleIds) {

    /** The kinds of device. */
    public enum Kind {
        RSU, OBU, APP;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Device {
        vehicleIds = vehicleIds == null ? List.of() : List.copyOf(vehicleIds);
    }

    /** A sender admitted without registration in open-demo mode. */
    public static Device anonymous(String id, Kind kind) {
        return new Device(id, kind, null, null, null, null, null, Double.NaN, null, 0, List.of());
    }

    public boolean isRsu() {
        return kind == Kind.RSU;
    }
}
