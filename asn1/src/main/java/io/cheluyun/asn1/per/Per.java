package io.cheluyun.asn1.per;

/** Constants and size-constraint classification shared by {@link BitWriter} and {@link BitReader}. */
final class Per {

    /** 16K: the fragment unit of X.691 11.9.3.8 and the bound of the two-octet length form (11.9.3.7). */
    static final int K16 = 16384;

    /** 64K: below it a bounded length is a constrained whole number (11.9.4.1), and a fixed size has no length. */
    static final int K64 = 65536;

    /** Size form: fixed size below 64K, no length determinant (16.9/16.10, 17.6/17.7, 30.4.6). */
    static final int FIXED = 0;

    /** Size form: length as a constrained whole number in lb..ub, ub below 64K (11.9.4.1). */
    static final int CONSTRAINED = 1;

    /** Size form: unconstrained length determinant with fragmentation (11.9.3.5 to 11.9.3.8.4 via 11.9.4.2). */
    static final int GENERAL = 2;

    private Per() {
    }

    /**
     * Which of the three length encodings a SIZE(lb..ub) constraint selects; {@code ub < 0} means no upper bound.
     * The same three-way split is written out in clauses 16, 17, 20 and 30 of X.691.
     */
    static int sizeForm(int lb, int ub) {
        if (lb < 0) {
            throw new IllegalArgumentException("size lower bound must be >= 0, got " + lb);
        }
        if (ub < 0) {
            return GENERAL;
        }
        if (ub < lb) {
            throw new IllegalArgumentException("size bounds " + lb + ".." + ub + " are empty");
        }
        if (ub >= K64) {
            return GENERAL;
        }
        return lb == ub ? FIXED : CONSTRAINED;
    }

    static String bounds(int lb, int ub) {
        return ub < 0 ? lb + "..MAX" : lb + ".." + ub;
    }

    /** Number of bits of a constrained whole number with the given span {@code ub - lb} taken as unsigned. */
    static int rangeBits(long span) {
        return 64 - Long.numberOfLeadingZeros(span);
    }
}
