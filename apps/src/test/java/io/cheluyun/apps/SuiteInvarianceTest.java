package io.cheluyun.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.apps.scenario.CityScenario;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.TileGrid;
import io.cheluyun.model.Warning;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.twin.PipelineConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The whole application suite on the city scenario (every Day-1 hazard at one intersection and its approach road):
 * warnings do not depend on where tile edges fall or how many shards there are, on the arrival order of messages
 * within a window, or on the run (replay gives the same warnings, byte for byte).
 */
class SuiteInvarianceTest {

    static final long T0 = 1_790_000_000_000_000L;
    /** A tile centre (default 0.01° grid): the reference run has the whole scenario inside one tile. */
    static final double CENTRE_LAT = 43.885;
    static final double CENTRE_LON = 125.325;
    /** A tile corner: four tiles meet here. */
    static final double CORNER_LAT = 43.88;
    static final double CORNER_LON = 125.33;

    private static List<Warning> reference;

    /** One shard, the scenario inside one tile: computed once (jqwik properties do not run JUnit's lifecycle). */
    static synchronized List<Warning> reference() {
        if (reference == null) {
            reference = run(CityScenario.timeline(CENTRE_LAT, CENTRE_LON, T0).inputs(), PipelineConfig.defaults()
                    .withShards(1));
        }
        return reference;
    }

    static List<Warning> run(List<Object> inputs, PipelineConfig pipeline) {
        return ScenarioRunner.run(inputs, AppsConfig.defaults(), pipeline);
    }

    /** What must not change: which warning, for whom, about whom, when; the geometry to a millimetre. */
    record Essence(String id, String severity, List<String> related, long ttcMm, long distanceCm) {
    }

    static List<Essence> essence(List<Warning> warnings) {
        List<Essence> out = new ArrayList<>();
        for (Warning w : warnings) {
            out.add(new Essence(w.warningId(), w.severity().name(), w.relatedIds(), mm(w.ttcS()),
                    mm(w.distanceM() / 10)));
        }
        out.sort(Comparator.comparing(Essence::id));
        return out;
    }

    private static long mm(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? Long.MIN_VALUE : Math.round(v * 100);
    }

    @Test
    void theReferenceRunRaisesEveryKindOfWarningTheSuiteHas() {
        assertThat(reference()).extracting(Warning::type).containsAll(CityScenario.EXPECTED);
    }

    @Property(tries = 12)
    void warningsDoNotDependOnWhereTileEdgesFallOrOnTheShardCount(
            @ForAll @DoubleRange(min = -350, max = 350) double eastM,
            @ForAll @DoubleRange(min = -350, max = 350) double northM,
            @ForAll @IntRange(min = 2, max = 6) int shards) {
        LocalEnu corner = new LocalEnu(CORNER_LAT, CORNER_LON);
        double lat = corner.latDeg(eastM, northM);
        double lon = corner.lonDeg(eastM, northM);
        // the halo covers the longest look-ahead (DNPW, TJW: 500 m); see PipelineConfig.haloM
        PipelineConfig pipeline = PipelineConfig.defaults().withShards(shards).withHaloM(520);
        List<Warning> shifted = run(CityScenario.timeline(lat, lon, T0).inputs(), pipeline);
        assertThat(essence(shifted)).isEqualTo(essence(reference()));
    }

    @Test
    void theScenarioDoesStraddleTileEdgesWhenShifted() {
        TileGrid grid = new TileGrid(TileGrid.DEFAULT_TILE_DEG);
        LocalEnu corner = new LocalEnu(CORNER_LAT, CORNER_LON);
        assertThat(grid.tileKey(corner.latDeg(-100, -100), corner.lonDeg(-100, -100)))
                .isNotEqualTo(grid.tileKey(corner.latDeg(100, 100), corner.lonDeg(100, 100)));
    }

    @Property(tries = 8)
    void warningsDoNotDependOnArrivalOrderWithinAFiftyMillisecondWindow(@ForAll long seed) {
        List<Object> inputs = CityScenario.timeline(CENTRE_LAT, CENTRE_LON, T0).inputs();
        List<Object> shuffled = shuffleWithinWindows(inputs, 50_000, new Random(seed));
        List<Warning> warnings = run(shuffled, PipelineConfig.defaults().withShards(2));
        // the same hazards for the same parties; a warning may be raised by another message of the same window,
        // which pairs other states: for steady motion prediction is exact and the n-th warning of a hazard comes
        // within a window and a period of the reference's; for a turning vehicle (CTRA from a state up to 100 ms
        // older) the predicted conflict moves a little more, so the bound is three message periods
        assertThat(hazards(warnings)).isEqualTo(hazards(reference()));
        for (String hazard : new java.util.TreeSet<>(hazards(warnings))) {
            List<Long> times = timesOf(warnings, hazard);
            List<Long> refTimes = timesOf(reference(), hazard);
            for (int i = 0; i < times.size(); i++) {
                assertThat(Math.abs(times.get(i) - refTimes.get(i))).as(hazard).isLessThanOrEqualTo(300_000);
            }
        }
    }

    @Test
    void replayGivesIdenticalWarnings() {
        List<Object> inputs = CityScenario.timeline(CENTRE_LAT, CENTRE_LON, T0).inputs();
        assertThat(run(inputs, PipelineConfig.defaults().withShards(1))).isEqualTo(reference());
        assertThat(run(inputs, PipelineConfig.defaults().withShards(1))).isEqualTo(reference());
    }

    static List<Long> timesOf(List<Warning> warnings, String hazard) {
        return warnings.stream().filter(w -> hazardOf(w).equals(hazard)).map(Warning::timeMicros).sorted().toList();
    }

    static String hazardOf(Warning w) {
        return w.type() + ":" + w.targetId() + ">" + w.relatedIds();
    }

    static List<String> hazards(List<Warning> warnings) {
        return warnings.stream().map(SuiteInvarianceTest::hazardOf).sorted().toList();
    }

    /** Messages whose times fall in the same window are delivered in a random order (maps stay first). */
    static List<Object> shuffleWithinWindows(List<Object> inputs, long windowMicros, Random random) {
        List<Object> out = new ArrayList<>();
        List<Object> window = new ArrayList<>();
        long current = Long.MIN_VALUE;
        for (Object input : inputs) {
            long t = CityScenario.timeOf(input);
            long w = t == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(t, windowMicros);
            if (w != current) {
                java.util.Collections.shuffle(window, random);
                out.addAll(window);
                window.clear();
                current = w;
            }
            window.add(input);
        }
        java.util.Collections.shuffle(window, random);
        out.addAll(window);
        return out;
    }
}
