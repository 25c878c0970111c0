package io.chordflow.beats.dbn;

import java.util.Arrays;

/**
 * One bar length's hidden Markov model and its Viterbi decoder, as madmom's
 * {@code HiddenMarkovModel} with a {@code BarTransitionModel} and an
 * {@code RNNDownBeatTrackingObservationModel}.
 *
 * <p>Transitions (sparse): inside a beat the pointer moves one state per frame with probability
 * 1 ({@code s-1 -> s}); from the last state of beat {@code b-1} (cyclically) at interval {@code i}
 * to the first state of beat {@code b} at interval {@code j} with {@link TempoTransitions}'
 * probability. Observations: each state points to one of three log densities per frame, built
 * from the beat and downbeat activations {@code a_b, a_d}:
 * non-beat {@code log((1 - a_b - a_d) / (lambda_o - 1))}, beat {@code log a_b}, downbeat
 * {@code log a_d}; a state is in the beat part when its position in the beat is below
 * {@code 1 / lambda_o}, in the downbeat part when that beat is the bar's first. The initial
 * distribution is uniform.
 *
 * <p>Viterbi: {@code delta_t(s) = max_p delta_{t-1}(p) + log A(p, s) + log B_t(s)}, ties to the
 * lowest predecessor (madmom's strict {@code >} over predecessors in increasing order). Only the
 * first states of each beat have more than one predecessor, so only their back pointers are
 * stored ({@code frames x beats x tempi} shorts instead of {@code frames x states} ints); every
 * other state's predecessor is {@code s - 1}.
 */
final class BarHmm {
    static final int NON_BEAT = 0;
    static final int BEAT = 1;
    static final int DOWNBEAT = 2;

    private final BarStateSpace space;
    private final int[] pointers; // observation column per state
    private final int[] slot;     // index of a first state among first states, -1 for the others
    private final int[][] fromIntervals; // per target interval j: source intervals with a transition
    private final double[][] fromLogProb;
    private final int[] beatPart; // per beat and interval: how many states from the beat's start are in its beat part

    BarHmm(BarStateSpace space, double transitionLambda, int observationLambda) {
        this.space = space;
        int n = space.numStates();
        pointers = new int[n];
        double border = 1.0 / observationLambda;
        for (int s = 0; s < n; s++) {
            double p = space.position(s);
            pointers[s] = p < border ? DOWNBEAT : (p % 1 < border ? BEAT : NON_BEAT);
        }
        // positions grow inside a beat, so its beat part is a prefix of its states
        beatPart = new int[space.beatsPerBar() * space.numIntervals()];
        for (int b = 0; b < space.beatsPerBar(); b++) {
            for (int j = 0; j < space.numIntervals(); j++) {
                int s0 = space.first(b, j);
                int k = 0;
                while (k < space.interval(j) && pointers[s0 + k] != NON_BEAT) {
                    k++;
                }
                beatPart[b * space.numIntervals() + j] = k;
            }
        }
        slot = new int[n];
        Arrays.fill(slot, -1);
        int nj = space.numIntervals();
        for (int b = 0; b < space.beatsPerBar(); b++) {
            for (int j = 0; j < nj; j++) {
                slot[space.first(b, j)] = b * nj + j;
            }
        }
        double[][] log = TempoTransitions.logProbabilities(space.intervals(), transitionLambda);
        fromIntervals = new int[nj][];
        fromLogProb = new double[nj][];
        for (int j = 0; j < nj; j++) {
            int count = 0;
            for (int i = 0; i < nj; i++) {
                count += log[i][j] == Double.NEGATIVE_INFINITY ? 0 : 1;
            }
            fromIntervals[j] = new int[count];
            fromLogProb[j] = new double[count];
            int c = 0;
            for (int i = 0; i < nj; i++) {
                if (log[i][j] != Double.NEGATIVE_INFINITY) {
                    fromIntervals[j][c] = i;
                    fromLogProb[j][c++] = log[i][j];
                }
            }
        }
    }

    BarStateSpace space() {
        return space;
    }

    int pointer(int state) {
        return pointers[state];
    }

    /** Number of transitions with non-zero probability (for tests and sizing). */
    long numTransitions() {
        long tempo = Arrays.stream(fromIntervals).mapToLong(a -> a.length).sum() * space.beatsPerBar();
        return space.numStates() - (long) space.beatsPerBar() * space.numIntervals() + tempo;
    }

    /** Best path and its log probability; an empty path when every path is impossible. */
    record Decoded(int[] path, double logProbability) {
    }

    /** Viterbi over {@code logDensities[t] = {non-beat, beat, downbeat}}. */
    Decoded viterbi(double[][] logDensities) {
        int frames = logDensities.length;
        int n = space.numStates();
        int beats = space.beatsPerBar();
        int nj = space.numIntervals();
        double[] prev = new double[n];
        double[] cur = new double[n];
        Arrays.fill(prev, Math.log(1.0 / n));
        short[] back = new short[frames * beats * nj]; // source interval of each first state
        for (int t = 0; t < frames; t++) {
            double[] d = logDensities[t];
            int row = t * beats * nj;
            for (int b = 0; b < beats; b++) {
                int pb = (b + beats - 1) % beats;
                for (int j = 0; j < nj; j++) {
                    int s0 = space.first(b, j);
                    double density = d[pointers[s0]];
                    double best = Double.NEGATIVE_INFINITY;
                    int arg = 0;
                    int[] from = fromIntervals[j];
                    double[] lp = fromLogProb[j];
                    for (int c = 0; c < from.length; c++) {
                        double v = prev[space.last(pb, from[c])] + lp[c] + density;
                        if (v > best) {
                            best = v;
                            arg = from[c];
                        }
                    }
                    cur[s0] = best;
                    back[row + b * nj + j] = (short) arg;
                    // the rest of the beat: a shift by one state; the first beatPart states of a
                    // beat see the beat (or downbeat) density, the others the non-beat one
                    int split = s0 + beatPart[b * nj + j];
                    int end = s0 + space.interval(j);
                    double onBeat = d[pointers[s0]];
                    double offBeat = d[NON_BEAT];
                    for (int s = s0 + 1; s < split; s++) {
                        cur[s] = prev[s - 1] + onBeat;
                    }
                    for (int s = Math.max(s0 + 1, split); s < end; s++) {
                        cur[s] = prev[s - 1] + offBeat;
                    }
                }
            }
            double[] swap = prev;
            prev = cur;
            cur = swap;
        }
        if (frames == 0) {
            return new Decoded(new int[0], Double.NEGATIVE_INFINITY);
        }
        int state = 0;
        for (int s = 1; s < n; s++) {
            if (prev[s] > prev[state]) {
                state = s;
            }
        }
        double logProbability = prev[state];
        if (Double.isInfinite(logProbability) || Double.isNaN(logProbability)) {
            return new Decoded(new int[0], logProbability);
        }
        int[] path = new int[frames];
        for (int t = frames - 1; t >= 0; t--) {
            path[t] = state;
            int k = slot[state];
            if (k < 0) {
                state = state - 1;
            } else {
                int b = k / nj;
                state = space.last((b + beats - 1) % beats, back[t * beats * nj + k]);
            }
        }
        return new Decoded(path, logProbability);
    }
}
