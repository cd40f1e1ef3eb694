package io.cheluyun.apps.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleState;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoadScriptTest {

    static final long T0 = 1_790_000_000_000_000L;

    @Test
    void brakingVehicleFollowsConstantDecelerationAndStops() {
        RoadScript road = RoadScript.straight(43.8868, 125.3245, 90.0, 10.0);
        RoadScript.Vehicle v = road.vehicle("v").speedKmh(72).accel(1.0, -5.0);
        assertThat(road.motion(v, 1.0).alongM()).isCloseTo(20.0, within(1e-6));
        assertThat(road.motion(v, 2.0).speedMps()).isCloseTo(15.0, within(1e-6));
        assertThat(road.motion(v, 2.0).alongM()).isCloseTo(20.0 + 17.5, within(1e-6));
        // 20 m/s at 5 m/s² stops after 4 s and 40 m, then stays
        assertThat(road.motion(v, 9.0).speedMps()).isZero();
        assertThat(road.motion(v, 9.0).alongM()).isCloseTo(60.0, within(1e-3));
        assertThat(road.motion(v, 9.0).accelMps2()).isZero();
    }

    @Test
    void messagesArePlacedOnTheRoadWithLaneOffsetsAndHeadings() {
        RoadScript road = RoadScript.straight(43.8868, 125.3245, 90.0, 10.0);
        road.vehicle("east").at(50).speedKmh(36);
        road.vehicle("west").lateral(-3.5).oncoming().at(200).speedKmh(36);
        List<VehicleState> messages = road.messages(T0, 1.0);
        assertThat(messages).hasSize(20);
        assertThat(messages).isSortedAccordingTo(java.util.Comparator.comparingLong(VehicleState::timeMicros));

        LocalEnu frame = new LocalEnu(43.8868, 125.3245);
        VehicleState east = messages.get(0);
        VehicleState west = messages.get(1);
        assertThat(east.headingDeg()).isEqualTo(90.0);
        assertThat(west.headingDeg()).isEqualTo(270.0);
        assertThat(frame.eastM(east.latDeg(), east.lonDeg())).isCloseTo(50.0, within(1e-6));
        assertThat(frame.northM(east.latDeg(), east.lonDeg())).isCloseTo(0.0, within(1e-6));
        // left of an eastward road is north
        assertThat(frame.northM(west.latDeg(), west.lonDeg())).isCloseTo(3.5, within(1e-6));
        VehicleState westLater = messages.get(19);
        assertThat(frame.eastM(westLater.latDeg(), westLater.lonDeg())).isCloseTo(191.0, within(1e-6));
        assertThat(messages).allSatisfy(m -> assertThat(m.problem()).isNull());
    }
}
