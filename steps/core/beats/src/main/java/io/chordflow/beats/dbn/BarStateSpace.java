package io.chordflow.beats.dbn;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * madmom's {@code BarStateSpace} (Krebs, Böck, Widmer 2015): a bar of {@code beatsPerBar} beats,
 * each beat a copy of a beat state space in which a tempo is a beat interval of {@code L} frames
 * and owns {@code L} states, one per frame of the beat, at positions {@code k / L}
 * ({@code k = 0..L-1}). State {@code s} of beat {@code b} sits at bar position {@code b + k / L}.
 *
 * <p>Intervals: every whole number from {@code round(minInterval)} to {@code round(maxInterval)};
 * when that is more than {@code numTempi}, {@code numTempi} log-spaced intervals instead
 * ({@code 2^linspace(log2 min, log2 max, n)}, rounded and de-duplicated, {@code n} grown until
 * there are {@code numTempi} distinct ones), as {@code BeatStateSpace} does.
 *
 * <p>States are laid out beat by beat, and within a beat interval by interval, so the states of
 * beat {@code b}, interval {@code j} are {@code first[b][j] .. first[b][j] + L_j - 1}.
 */
public final class BarStateSpace {
    private final int beatsPerBar;
    private final int[] intervals;
    private final int statesPerBeat;
    private final int[] intervalStart; // offset of interval j's first state inside one beat
    private final double[] positions;

    public BarStateSpace(int beatsPerBar, double minInterval, double maxInterval, int numTempi) {
        if (beatsPerBar < 1 || !(minInterval >= 1) || !(maxInterval >= minInterval) || numTempi < 1) {
            throw new IllegalArgumentException("need beatsPerBar >= 1, 1 <= minInterval <= maxInterval and numTempi >= 1, got "
                    + beatsPerBar + ", " + minInterval + ", " + maxInterval + ", " + numTempi);
        }
        this.beatsPerBar = beatsPerBar;
        this.intervals = intervals(minInterval, maxInterval, numTempi);
        intervalStart = new int[intervals.length];
        int n = 0;
        for (int j = 0; j < intervals.length; j++) {
            intervalStart[j] = n;
            n += intervals[j];
        }
        statesPerBeat = n;
        positions = new double[beatsPerBar * n];
        int s = 0;
        for (int b = 0; b < beatsPerBar; b++) {
            for (int len : intervals) {
                double step = 1.0 / len; // np.linspace(0, 1, len, endpoint=False)
                for (int k = 0; k < len; k++) {
                    positions[s++] = k * step + b;
                }
            }
        }
    }

    static int[] intervals(double minInterval, double maxInterval, int numTempi) {
        int lo = (int) Math.rint(minInterval);
        int hi = (int) Math.rint(maxInterval);
        if (numTempi >= hi - lo + 1) {
            int[] out = new int[hi - lo + 1];
            for (int i = 0; i < out.length; i++) {
                out[i] = lo + i;
            }
            return out;
        }
        double a = Math.log(minInterval) / Math.log(2);
        double z = Math.log(maxInterval) / Math.log(2);
        for (int n = numTempi; ; n++) {
            TreeSet<Integer> unique = new TreeSet<>();
            double step = (z - a) / (n - 1);
            for (int i = 0; i < n; i++) {
                double e = i == n - 1 ? z : i * step + a;
                unique.add((int) Math.rint(Math.pow(2, e)));
            }
            if (unique.size() >= numTempi) {
                return unique.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    public int beatsPerBar() {
        return beatsPerBar;
    }

    public int numStates() {
        return positions.length;
    }

    public int numIntervals() {
        return intervals.length;
    }

    /** Beat interval {@code j} in frames. */
    public int interval(int j) {
        return intervals[j];
    }

    public int[] intervals() {
        return intervals.clone();
    }

    /** First state (position 0 of the beat) of beat {@code b} at interval {@code j}. */
    public int first(int beat, int j) {
        return beat * statesPerBeat + intervalStart[j];
    }

    /** Last state of beat {@code b} at interval {@code j}. */
    public int last(int beat, int j) {
        return first(beat, j) + intervals[j] - 1;
    }

    /** Bar position of state {@code s}: beat index plus the fraction of the beat, in [0, beatsPerBar). */
    public double position(int s) {
        return positions[s];
    }

    @Override
    public String toString() {
        return "BarStateSpace[" + beatsPerBar + " beats, intervals " + Arrays.toString(intervals) + ", " + numStates() + " states]";
    }
}
