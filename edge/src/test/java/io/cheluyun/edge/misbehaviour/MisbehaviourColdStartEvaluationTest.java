package io.cheluyun.edge.misbehaviour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation in VeReMi's own setting: attackers misbehave from their first message, so no honest history
 * betrays a change. Prints the second table of docs/security.md. What per-sender checks cannot see is asserted
 * as such, so the documentation of those limits stays true.
 */
class MisbehaviourColdStartEvaluationTest {

    private static MisbehaviourEvaluation.Result result;

    @BeforeAll
    static void run() {
        result = MisbehaviourEvaluation.run(1, MisbehaviourConfig.defaults(),
                AttackTraces.Params.defaults().withColdStart(true));
        System.out.println(result.markdown());
    }

    @Test
    void stillCatchesEveryoneWhoseLieIsInconsistentFromMessageToMessage() {
        for (AttackType attack : new AttackType[] {AttackType.RANDOM_POSITION, AttackType.RANDOM_POSITION_OFFSET,
                AttackType.RANDOM_SPEED, AttackType.CONSTANT_SPEED, AttackType.DOS}) {
            assertThat(result.row(attack).attackerDetectionRate()).as(attack.label()).isGreaterThanOrEqualTo(0.95);
            assertThat(result.row(attack).attackerQuarantineRate()).as(attack.label()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void catchesAConstantPositionOnceTheAttackerMoves() {
        MisbehaviourEvaluation.Row r = result.row(AttackType.CONSTANT_POSITION);
        // standing at a red light, a fixed position is no lie the checks can see; moving, the speed betrays it
        assertThat(r.attackerDetectionRate()).isGreaterThanOrEqualTo(0.5);
        assertThat(r.attackerQuarantineRate()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void catchesGhostsOfADirectChannelButFewOfThoseHeardOverTheAir() {
        assertThat(result.row(AttackType.SYBIL).attackerDetectionRate()).isBetween(0.4, 0.9);
    }

    @Test
    void cannotSeeAConsistentLieFromTheFirstMessage() {
        // a constant offset, a parked ghost, a copy of another vehicle: each self-consistent, none detectable per
        // sender (docs/security.md, "What it cannot see")
        assertThat(result.row(AttackType.CONSTANT_POSITION_OFFSET).attackerQuarantineRate()).isZero();
        assertThat(result.row(AttackType.EVENTUAL_STOP).attackerQuarantineRate()).isZero();
        assertThat(result.row(AttackType.DATA_REPLAY).attackerQuarantineRate()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void refusesOnlyGnssGlitchesOfHonestVehiclesAndQuarantinesNone() {
        assertThat((double) result.falsePositives() / result.honestMessages()).isLessThanOrEqualTo(0.001);
        assertThat(result.honestQuarantined()).isZero();
    }
}
