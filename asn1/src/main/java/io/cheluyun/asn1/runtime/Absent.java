package io.cheluyun.asn1.runtime;

/**
 * Marks an absent OPTIONAL integer without boxing: generated records hold optional INTEGER components as
 * {@code int}/{@code long} set to these values when absent (and offer {@code hasX()}). The generator checks that
 * the component's constraint excludes them.
 */
public final class Absent {

    public static final int INT = Integer.MIN_VALUE;
    public static final long LONG = Long.MIN_VALUE;

    private Absent() {
    }
}
