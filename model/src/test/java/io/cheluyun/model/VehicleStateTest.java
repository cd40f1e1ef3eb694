package io.cheluyun.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VehicleStateTest {

    static VehicleState valid() {
        return new VehicleState("veh-1", 1_700_000_000_000_000L, new GeoPoint(43.8868, 125.3245), Double.NaN,
                90.0, 16.7, -0.5, Double.NaN, 4.6, 1.8, VehicleClass.PASSENGER_CAR, BrakeState.NONE,
                ExteriorLights.NONE);
    }

    @Test
    void validStateHasNoProblem() {
        assertThat(valid().problem()).isNull();
    }

    @Test
    void rejectsNotFiniteOrOutOfRangeRequiredValues() {
        VehicleState v = valid();
        assertThat(v.movedTo(v.timeMicros(), v.position(), 90.0, Double.NaN, 0.0).problem())
                .contains("speedMps");
        assertThat(v.movedTo(v.timeMicros(), v.position(), 360.0, 10.0, 0.0).problem()).contains("headingDeg");
        assertThat(v.movedTo(v.timeMicros(), new GeoPoint(91.0, 0.0), 90.0, 10.0, 0.0).problem())
                .contains("latDeg");
        assertThat(v.movedTo(v.timeMicros(), v.position(), 90.0, 10.0, -25.0).problem()).contains("accelMps2");
        assertThat(v.movedTo(0L, v.position(), 90.0, 10.0, 0.0).problem()).contains("timeMicros");
    }

    @Test
    void unknownOptionalValuesAreAllowed() {
        VehicleState v = valid();
        assertThat(v.movedTo(v.timeMicros(), v.position(), 90.0, 10.0, Double.NaN).problem()).isNull();
    }

    @Test
    void exteriorLightsFollowTheStandardBitOrder() {
        ExteriorLights lights = ExteriorLights.of(ExteriorLights.Light.HAZARD_SIGNAL);
        assertThat(lights.bits()).isEqualTo(1 << 4);
        assertThat(lights.isOn(ExteriorLights.Light.HAZARD_SIGNAL)).isTrue();
        assertThat(lights.isOn(ExteriorLights.Light.LEFT_TURN_SIGNAL)).isFalse();
    }

    @Test
    void headingDifferenceTakesTheShortWayRound() {
        assertThat(Units.headingDiffDeg(350.0, 10.0)).isEqualTo(20.0);
        assertThat(Units.headingDiffDeg(10.0, 350.0)).isEqualTo(-20.0);
        assertThat(Units.headingDiffDeg(0.0, 180.0)).isEqualTo(180.0);
        assertThat(Units.headingDiffDeg(180.0, 0.0)).isEqualTo(180.0);
        assertThat(Units.headingDiffDeg(-710.0, 350.0)).isEqualTo(-20.0);
        assertThat(Units.headingDiffDeg(359.0, -359.0)).isEqualTo(2.0);
        assertThat(Units.normaliseHeadingDeg(-90.0)).isEqualTo(270.0);
        assertThat(Units.normaliseHeadingDeg(-1e-14)).isEqualTo(0.0); // not 360: headings are [0, 360)
    }
}
