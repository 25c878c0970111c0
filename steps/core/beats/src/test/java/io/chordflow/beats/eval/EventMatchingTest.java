package io.chordflow.beats.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chordflow.common.InputException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventMatchingTest {
    @Test
    void eachEventMatchesAtMostOnce() {
        // two estimates around one reference: one hit, not two
        assertEquals(1, EventMatching.count(new double[] {1.0}, new double[] {0.98, 1.02}, 0.07));
        // the greedy must not take the reference a later estimate needs
        assertEquals(2, EventMatching.count(new double[] {1.0, 1.1}, new double[] {1.05, 1.12}, 0.06));
        assertEquals(0, EventMatching.count(new double[] {}, new double[] {1.0}, 0.07));
    }

    @Test
    void windowEdgeIsInclusive() {
        assertEquals(1, EventMatching.count(new double[] {1.5}, new double[] {1.0}, 0.5));
        assertEquals(0, EventMatching.count(new double[] {1.5000001}, new double[] {1.0}, 0.5));
    }

    /** The greedy equals a maximum bipartite matching (augmenting paths) on random dense cases. */
    @Test
    void greedyEqualsMaximumMatching() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 500; trial++) {
            double[] ref = rnd.doubles(rnd.nextInt(12), 0, 2).sorted().toArray();
            double[] est = rnd.doubles(rnd.nextInt(12), 0, 2).toArray();
            double w = rnd.nextDouble(0.01, 0.5);
            assertEquals(augmenting(ref, est, w), EventMatching.count(ref, est, w), "trial " + trial + " " + Arrays.toString(ref) + Arrays.toString(est) + w);
        }
    }

    private static int augmenting(double[] ref, double[] est, double w) {
        int[] matchOfRef = new int[ref.length];
        Arrays.fill(matchOfRef, -1);
        int count = 0;
        for (int e = 0; e < est.length; e++) {
            if (augment(e, ref, est, w, matchOfRef, new boolean[ref.length])) {
                count++;
            }
        }
        return count;
    }

    private static boolean augment(int e, double[] ref, double[] est, double w, int[] matchOfRef, boolean[] seen) {
        for (int r = 0; r < ref.length; r++) {
            if (!seen[r] && ref[r] >= est[e] - w && ref[r] <= est[e] + w) {
                seen[r] = true;
                if (matchOfRef[r] < 0 || augment(matchOfRef[r], ref, est, w, matchOfRef, seen)) {
                    matchOfRef[r] = e;
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void validationRejectsWhatMirEvalRejects() {
        assertEquals("reference beats: events are not in increasing order (1.0 s after 2.0 s)",
                assertThrows(InputException.class, () -> EventMatching.validate(new double[] {2.0, 1.0}, "reference beats")).getMessage());
        assertThrows(InputException.class, () -> EventMatching.validate(new double[] {30000.5}, "x"));
        EventMatching.validate(new double[] {1.0, 1.0, 30000.0}, "ties and the maximum itself are allowed");
    }
}
