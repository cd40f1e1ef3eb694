package io.cheluyun.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleState;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load generator's city: hazard pairs close at 10 m/s every cycle; ordinary traffic never closes on anyone. */
class SyntheticCityTest {

    private static final GeoPoint ORIGIN = new GeoPoint(43.80, 125.20);
    private final LocalEnu frame = new LocalEnu(ORIGIN.latDeg(), ORIGIN.lonDeg());

    @Test
    void aHazardFollowerClosesOnItsLeaderFromSixtyToTenMetresEveryCycle() {
        SyntheticCity city = new SyntheticCity(1_000, 0.02, ORIGIN);
        assertThat(city.hazardPairs()).isEqualTo(10);
        assertThat(city.isHazardFollower(1)).isTrue();
        assertThat(city.isHazardFollower(0)).isFalse();
        assertThat(gap(city, 6, 0.0)).isCloseTo(60.0, within(0.01));
        assertThat(gap(city, 6, 2.5)).isCloseTo(35.0, within(0.01));
        assertThat(gap(city, 6, 4.9)).isCloseTo(11.0, within(0.01));
        assertThat(gap(city, 6, 5.0)).isCloseTo(60.0, within(0.01)); // the next cycle
        VehicleState leader = city.state(6, 1.0, 0);
        VehicleState follower = city.state(7, 1.0, 0);
        assertThat(follower.speedMps() - leader.speedMps()).isEqualTo(10.0);
        assertThat(north(follower)).isCloseTo(north(leader), within(0.01));
    }

    @Test
    void ordinaryCarsShareTheirLaneSpeedSoNobodyClosesOnAnother() {
        SyntheticCity city = new SyntheticCity(5_000, 0.01, ORIGIN);
        Map<Long, Double> laneSpeed = new HashMap<>();
        for (int v = 2 * city.hazardPairs(); v < city.vehicles(); v++) {
            VehicleState s = city.state(v, 3.0, 0);
            long lane = Math.round(north(s) * 10) * 2 + (s.headingDeg() == 90 ? 0 : 1);
            Double speed = laneSpeed.putIfAbsent(lane, s.speedMps());
            if (speed != null) {
                assertThat(s.speedMps()).isEqualTo(speed);
            }
            assertThat(east(s)).isBetween(-0.01, city.sizeM() + 0.01);
        }
        assertThat(laneSpeed).hasSizeGreaterThan(10);
    }

    private double gap(SyntheticCity city, int leader, double t) {
        return east(city.state(leader, t, 0)) - east(city.state(leader + 1, t, 0));
    }

    private double east(VehicleState s) {
        return frame.eastM(s.position().latDeg(), s.position().lonDeg());
    }

    private double north(VehicleState s) {
        return frame.northM(s.position().latDeg(), s.position().lonDeg());
    }
}
