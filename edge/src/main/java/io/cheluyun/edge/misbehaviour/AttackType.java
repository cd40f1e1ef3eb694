package io.cheluyun.edge.misbehaviour;

/**
 * The misbehaviours of the evaluation traces: the VeReMi attacks (van der Heijden, Lukaseder, Kargl, "VeReMi: A
 * Dataset for Comparable Evaluation of Misbehavior Detection in VANETs", SecureComm 2018) and those the VeReMi
 * Extension adds (Kamel, Wolf, van der Heijden, Kaiser, Urien, Kargl, ICC 2020), with the parameters of its
 * generator F2MD ({@code F2MDParameters.h}, {@code MDAttack.cc}) where it has them.
 */
public enum AttackType {
    /** Honest traffic only. */
    NONE("none"),
    /** A fixed position, uniform over the playground (F2MD ConstPos); true speed and heading. */
    CONSTANT_POSITION("constant position"),
    /** The true position plus a fixed offset of 56–84 m per axis (F2MD ConstPosOffset, 0.8–1.2 × 70 m). */
    CONSTANT_POSITION_OFFSET("constant position offset"),
    /** A new position uniform over the playground in every message (F2MD RandomPos). */
    RANDOM_POSITION("random position"),
    /** The true position plus a new offset uniform in ±35 m per axis in every message (F2MD RandomPosOffset). */
    RANDOM_POSITION_OFFSET("random position offset"),
    /** A fixed speed, the norm of two components uniform in 0–40 m/s (F2MD ConstSpeed); true position. */
    CONSTANT_SPEED("constant speed"),
    /** A new speed drawn like the constant one in every message (F2MD RandomSpeed). */
    RANDOM_SPEED("random speed"),
    /** From the onset on, the position and heading of that moment with speed 0 (VeReMi eventual stop). */
    EVENTUAL_STOP("eventual stop"),
    /** The latest message of the nearest other vehicle, under the attacker's own id (F2MD DataReplay). */
    DATA_REPLAY("data replay"),
    /** Genuine messages at four times the rate (F2MD DoS, DosMultipleFreq = 4). */
    DOS("DoS flooding"),
    /**
     * Five ghost vehicles in a grid formation behind and beside the attacker, each at the nominal rate under its own
     * id (F2MD GridSybil: SybilVehNumber = 5, SybilDistanceX = 5 m, SybilDistanceY = 2 m, SelfSybil).
     */
    SYBIL("Sybil (grid ghosts)");

    private final String label;

    AttackType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
