package io.cheluyun.twin;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.TileGrid;

/**
 * Which shard owns which tile, and which other shards hold halo copies of a point. A tile belongs to the shard
 * {@code mix(tileKey) mod shards} (neighbouring tiles spread over shards); a point within {@code haloM} of a tile edge
 * is also copied to the shards owning the tiles across that edge, so every shard sees everything within the halo
 * distance of its own tiles and no application needs another shard's state.
 */
public final class ShardMap {

    private final TileGrid grid;
    private final int shards;
    private final double haloM;

    public ShardMap(TileGrid grid, int shards, double haloM) {
        this.grid = grid;
        this.shards = shards;
        this.haloM = haloM;
    }

    public TileGrid grid() {
        return grid;
    }

    public int shards() {
        return shards;
    }

    public double haloM() {
        return haloM;
    }

    /** The shard owning the tile that contains the point. */
    public int ownerOf(double latDeg, double lonDeg) {
        return Math.floorMod(mix(grid.tileKey(latDeg, lonDeg)), shards);
    }

    /** Bit set (bit i = shard i; a pipeline has at most 64 shards) of the shards other than the owner that hold a
     * halo copy of the point. */
    public long haloMask(double latDeg, double lonDeg) {
        if (shards == 1 || haloM <= 0) {
            return 0L;
        }
        int owner = ownerOf(latDeg, lonDeg);
        double dLat = haloM / LocalEnu.metresPerDegreeLat(latDeg);
        double dLon = haloM / Math.max(1.0, LocalEnu.metresPerDegreeLon(latDeg));
        int r0 = grid.row(latDeg - dLat);
        int r1 = grid.row(latDeg + dLat);
        int c0 = grid.col(lonDeg - dLon);
        int c1 = grid.col(lonDeg + dLon);
        int cols = (int) Math.ceil(360.0 / grid.tileDeg());
        long mask = 0L;
        for (int r = r0; r <= r1; r++) {
            // columns wrap at the antimeridian in the grid; walk the span in grid order
            int span = Math.floorMod(c1 - c0, cols);
            for (int k = 0; k <= span; k++) {
                int c = (c0 + k) % cols;
                long key = ((long) r << 32) | (c & 0xffffffffL);
                int shard = Math.floorMod(mix(key), shards);
                if (shard != owner) {
                    mask |= 1L << shard;
                }
            }
        }
        return mask;
    }

    /** MurmurHash3's 64-bit finaliser: adjacent tile keys land on unrelated shards. */
    static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
