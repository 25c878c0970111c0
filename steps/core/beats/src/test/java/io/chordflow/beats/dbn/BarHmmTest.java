package io.chordflow.beats.dbn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The structured Viterbi of {@link BarHmm} against madmom's generic one: the transition model
 * written out as madmom's {@code BarTransitionModel} builds it (CSR rows by destination, sources
 * ascending) and decoded with {@code HiddenMarkovModel.viterbi}'s loop, on random activations.
 */
class BarHmmTest {
    record Transition(int to, int from, double logProb) {
    }

    static List<Transition> madmomTransitions(BarStateSpace sp, double lambda) {
        List<Transition> out = new ArrayList<>();
        int nj = sp.numIntervals();
        boolean[] first = new boolean[sp.numStates()];
        for (int b = 0; b < sp.beatsPerBar(); b++) {
            for (int j = 0; j < nj; j++) {
                first[sp.first(b, j)] = true;
            }
        }
        for (int s = 0; s < sp.numStates(); s++) {
            if (!first[s]) {
                out.add(new Transition(s, s - 1, Math.log(1.0)));
            }
        }
        double[][] log = TempoTransitions.logProbabilities(sp.intervals(), lambda);
        for (int b = 0; b < sp.beatsPerBar(); b++) {
            int pb = (b + sp.beatsPerBar() - 1) % sp.beatsPerBar();
            for (int i = 0; i < nj; i++) {
                for (int j = 0; j < nj; j++) {
                    if (log[i][j] != Double.NEGATIVE_INFINITY) {
                        out.add(new Transition(sp.first(b, j), sp.last(pb, i), log[i][j]));
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(Transition::to).thenComparingInt(Transition::from));
        return out;
    }

    /** madmom's Viterbi loop over CSR transitions. */
    static BarHmm.Decoded madmomViterbi(BarStateSpace sp, BarHmm hmm, List<Transition> tr, double[][] dens) {
        int n = sp.numStates();
        int[] ptr = new int[n + 1];
        for (Transition t : tr) {
            ptr[t.to() + 1]++;
        }
        for (int s = 0; s < n; s++) {
            ptr[s + 1] += ptr[s];
        }
        double[] prev = new double[n];
        java.util.Arrays.fill(prev, Math.log(1.0 / n));
        double[] cur = new double[n];
        int[][] bt = new int[dens.length][n];
        for (int f = 0; f < dens.length; f++) {
            for (int s = 0; s < n; s++) {
                cur[s] = Double.NEGATIVE_INFINITY;
                double density = dens[f][hmm.pointer(s)];
                for (int p = ptr[s]; p < ptr[s + 1]; p++) {
                    Transition t = tr.get(p);
                    double v = prev[t.from()] + t.logProb() + density;
                    if (v > cur[s]) {
                        cur[s] = v;
                        bt[f][s] = t.from();
                    }
                }
            }
            System.arraycopy(cur, 0, prev, 0, n);
        }
        int state = 0;
        for (int s = 1; s < n; s++) {
            if (cur[s] > cur[state]) {
                state = s;
            }
        }
        double logp = cur[state];
        int[] path = new int[dens.length];
        for (int f = dens.length - 1; f >= 0; f--) {
            path[f] = state;
            state = bt[f][state];
        }
        return new BarHmm.Decoded(path, logp);
    }

    @Test
    void structuredViterbiEqualsMadmomsGenericLoop() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int beats : new int[] {3, 4}) {
            for (double fps : new double[] {20, 50}) {
                BarStateSpace sp = new BarStateSpace(beats, 60 * fps / 215, 60 * fps / 55, 60);
                BarHmm hmm = new BarHmm(sp, 100, 16);
                List<Transition> tr = madmomTransitions(sp, 100);
                assertEquals(tr.size(), hmm.numTransitions());
                double[][] dens = new double[300][3];
                for (double[] row : dens) {
                    double b = rnd.nextDouble() * 0.5;
                    double d = rnd.nextDouble() * (1 - b) * 0.5;
                    row[0] = Math.log((1 - b - d) / 15);
                    row[1] = Math.log(b);
                    row[2] = Math.log(d);
                }
                BarHmm.Decoded ours = hmm.viterbi(dens);
                BarHmm.Decoded theirs = madmomViterbi(sp, hmm, tr, dens);
                assertEquals(theirs.logProbability(), ours.logProbability(), 0.0, beats + " beats at " + fps + " fps");
                assertArrayEquals(theirs.path(), ours.path(), beats + " beats at " + fps + " fps");
            }
        }
    }
}
