package io.cheluyun.edge.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.edge.InputProblem;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import org.junit.jupiter.api.Test;

class VehicleStateJsonTest {

    private final VehicleStateJson json = new VehicleStateJson();

    private static final String MINIMAL = "{\"vehicleId\":\"v1\",\"timeMicros\":1790000000000000,\"latDeg\":43.88,"
            + "\"lonDeg\":125.32,\"headingDeg\":90.0,\"speedMps\":16.7}";

    @Test
    void roundTripsEveryField() {
        VehicleState s = new VehicleState("veh-1", 1_790_000_000_123_456L, new GeoPoint(43.8868, 125.3245), 212.5,
                87.5, 16.7, -4.2, 1.5, 12.0, 2.5, VehicleClass.TRUCK, new BrakeState(true, true, false, true),
                ExteriorLights.of(ExteriorLights.Light.HAZARD_SIGNAL, ExteriorLights.Light.LOW_BEAM));
        VehicleStateJson.Parsed parsed = json.parse(json.write(s));
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.state()).isEqualTo(s);
    }

    @Test
    void optionalFieldsDefaultToUnknown() {
        VehicleState s = json.parse(MINIMAL).state();
        assertThat(s.accelMps2()).isNaN();
        assertThat(s.vehicleClass()).isEqualTo(VehicleClass.UNKNOWN);
        assertThat(s.brakes()).isEqualTo(BrakeState.NONE);
    }

    @Test
    void reportsEachKindOfBadLineWithAReason() {
        assertThat(json.parse("{\"vehicleId\":").problem()).isEqualTo(InputProblem.MALFORMED_JSON);
        assertThat(json.parse("[1,2]").problem()).isEqualTo(InputProblem.NOT_AN_OBJECT);
        VehicleStateJson.Parsed missing = json.parse(MINIMAL.replace(",\"speedMps\":16.7", ""));
        assertThat(missing.problem()).isEqualTo(InputProblem.MISSING_FIELD);
        assertThat(missing.detail()).contains("speedMps");
        VehicleStateJson.Parsed nan = json.parse(MINIMAL.replace("16.7", "NaN"));
        assertThat(nan.problem()).isEqualTo(InputProblem.INVALID_VALUE);
        assertThat(nan.detail()).contains("speedMps").contains("NaN");
        assertThat(json.parse(MINIMAL.replace("16.7", "\"fast\"")).problem()).isEqualTo(InputProblem.WRONG_TYPE);
        VehicleStateJson.Parsed typo = json.parse(MINIMAL.replace("}", ",\"accelMsp2\":1}"));
        assertThat(typo.problem()).isEqualTo(InputProblem.UNKNOWN_FIELD);
        assertThat(typo.detail()).contains("accelMsp2").contains("accelMps2");
        VehicleStateJson.Parsed range = json.parse(MINIMAL.replace("16.7", "500"));
        assertThat(range.problem()).isEqualTo(InputProblem.INVALID_VALUE);
        assertThat(json.parse(MINIMAL.replace("}", ",\"vehicleClass\":\"SPACESHIP\"}")).problem())
                .isEqualTo(InputProblem.INVALID_VALUE);
    }
}
