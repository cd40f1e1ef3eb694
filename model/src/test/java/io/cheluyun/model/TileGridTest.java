package io.cheluyun.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class TileGridTest {

    private final TileGrid grid = new TileGrid(TileGrid.DEFAULT_TILE_DEG);

    @Property(tries = 1000)
    void aPointLiesInsideItsTile(@ForAll @DoubleRange(min = -89.99, max = 89.99) double lat,
                                 @ForAll @DoubleRange(min = -179.99, max = 179.99) double lon) {
        TileId tile = grid.tileOf(lat, lon);
        GeoPoint centre = grid.centre(tile);
        assertThat(Math.abs(lat - centre.latDeg())).isLessThanOrEqualTo(grid.tileDeg() / 2 + 1e-9);
        assertThat(Math.abs(lon - centre.lonDeg())).isLessThanOrEqualTo(grid.tileDeg() / 2 + 1e-9);
        assertThat(TileId.fromKey(grid.tileKey(lat, lon))).isEqualTo(tile);
    }

    @Test
    void neighbouringPointsAcrossAnEdgeFallInAdjacentTiles() {
        TileId west = grid.tileOf(43.885, 125.3199999);
        TileId east = grid.tileOf(43.885, 125.3200001);
        assertThat(east.row()).isEqualTo(west.row());
        assertThat(east.col()).isEqualTo(west.col() + 1);
    }

    @Test
    void tileAtChangchunIsAboutOneKilometreAcross() {
        TileId tile = grid.tileOf(43.8868, 125.3245);
        LocalEnu frame = grid.frame(tile);
        GeoPoint c = grid.centre(tile);
        double widthM = frame.eastM(c.latDeg(), c.lonDeg() + 0.005) - frame.eastM(c.latDeg(), c.lonDeg() - 0.005);
        double heightM = frame.northM(c.latDeg() + 0.005, c.lonDeg()) - frame.northM(c.latDeg() - 0.005, c.lonDeg());
        assertThat(widthM).isCloseTo(803, within(2.0));
        assertThat(heightM).isCloseTo(1111, within(2.0));
    }

    @Test
    void keysRoundTripIncludingNegativeColumnsBits() {
        TileId tile = new TileId(13388, 30532);
        assertThat(TileId.fromKey(tile.key())).isEqualTo(tile);
        assertThat(grid.tileOf(-89.999, -179.999)).isEqualTo(new TileId(0, 0));
        assertThat(grid.tileOf(90.0, 180.0).row()).isEqualTo(17999);
    }

    @Test
    void rejectsDegenerateTileSizes() {
        assertThatThrownBy(() -> new TileGrid(0.0)).hasMessageContaining("tileDeg");
        assertThatThrownBy(() -> new TileGrid(Double.NaN)).hasMessageContaining("tileDeg");
    }
}
