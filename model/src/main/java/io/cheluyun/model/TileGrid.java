package io.cheluyun.model;

/**
 * A fixed grid of square tiles in latitude/longitude degrees. The default 0.01° tile is about 1.1 km north–south
 * and 0.8 km east–west at Changchun (43.9° N): small enough for a flat local frame per tile
 * ({@link LocalEnu}, error bound in its doc), large enough that a vehicle at 30 m/s stays in one tile ~30 s.
 */
public final class TileGrid {

    /** Default tile edge, degrees. */
    public static final double DEFAULT_TILE_DEG = 0.01;

    private final double tileDeg;
    private final int rows;
    private final int cols;

    public TileGrid(double tileDeg) {
        if (!(tileDeg >= 0.0001 && tileDeg <= 1.0)) {
            throw new IllegalArgumentException("tileDeg must be within [0.0001, 1], got " + tileDeg);
        }
        this.tileDeg = tileDeg;
        this.rows = (int) Math.ceil(180.0 / tileDeg);
        this.cols = (int) Math.ceil(360.0 / tileDeg);
    }

    public double tileDeg() {
        return tileDeg;
    }

    public int row(double latDeg) {
        return Math.min(rows - 1, Math.max(0, (int) Math.floor((latDeg + 90.0) / tileDeg)));
    }

    public int col(double lonDeg) {
        return Math.floorMod((int) Math.floor((lonDeg + 180.0) / tileDeg), cols);
    }

    /** Packed key of the tile containing the point; allocation-free for hot paths. */
    public long tileKey(double latDeg, double lonDeg) {
        return ((long) row(latDeg) << 32) | (col(lonDeg) & 0xffffffffL);
    }

    public TileId tileOf(double latDeg, double lonDeg) {
        return new TileId(row(latDeg), col(lonDeg));
    }

    /** Centre of a tile: the origin of its local frame. */
    public GeoPoint centre(TileId tile) {
        return new GeoPoint(-90.0 + (tile.row() + 0.5) * tileDeg, -180.0 + (tile.col() + 0.5) * tileDeg);
    }

    /** The local east-north frame of a tile, centred on it. */
    public LocalEnu frame(TileId tile) {
        GeoPoint c = centre(tile);
        return new LocalEnu(c.latDeg(), c.lonDeg());
    }
}
