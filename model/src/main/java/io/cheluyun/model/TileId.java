package io.cheluyun.model;

/**
 * A tile of the {@link TileGrid}: row counts tiles northwards from the south pole, column eastwards from the
 * antimeridian. {@link #key()} packs both into one long, the shard and (later) Kafka partition key.
 */
public record TileId(int row, int col) {

    public long key() {
        return ((long) row << 32) | (col & 0xffffffffL);
    }

    public static TileId fromKey(long key) {
        return new TileId((int) (key >> 32), (int) key);
    }

    @Override
    public String toString() {
        return row + ":" + col;
    }
}
