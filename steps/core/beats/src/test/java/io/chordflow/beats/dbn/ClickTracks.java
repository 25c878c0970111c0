package io.chordflow.beats.dbn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/** Synthetic beat/downbeat activations ("click tracks") with known beats, for tests and the benchmark. */
public final class ClickTracks {
    private ClickTracks() {
    }

    /** Beat times from {@code start} to {@code end} s following {@code bpm(t)}: each beat lasts 60 / bpm(its start). */
    public static double[] beatTimes(double start, double end, DoubleUnaryOperator bpm) {
        List<Double> out = new ArrayList<>();
        for (double t = start; t < end; t += 60.0 / bpm.applyAsDouble(t)) {
            out.add(t);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Activations at {@code fps} for {@code seconds}: each beat's nearest frame gets a peak
     * (beat or, every {@code beatsPerBar}-th beat from the first, downbeat) of 0.5..0.8, its
     * neighbours a quarter of it, every frame a little noise; a seeded model-like output.
     */
    public static double[][] activations(double[] beats, int beatsPerBar, double fps, double seconds, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int frames = (int) Math.ceil(seconds * fps);
        double[][] act = new double[frames][2];
        for (double[] row : act) {
            row[0] = 0.03 * rnd.nextDouble();
            row[1] = 0.01 * rnd.nextDouble();
        }
        for (int k = 0; k < beats.length; k++) {
            int f = (int) Math.round(beats[k] * fps);
            int column = k % beatsPerBar == 0 ? 1 : 0;
            double peak = 0.5 + 0.3 * rnd.nextDouble();
            for (int d = -1; d <= 1; d++) {
                if (f + d >= 0 && f + d < frames) {
                    double v = d == 0 ? peak : peak / 4;
                    act[f + d][column] = Math.max(act[f + d][column], v);
                }
            }
        }
        for (double[] row : act) {
            double sum = row[0] + row[1];
            if (sum > 0.95) {
                row[0] *= 0.95 / sum;
                row[1] *= 0.95 / sum;
            }
        }
        return act;
    }

    /** Every {@code beatsPerBar}-th beat from the first. */
    public static double[] downbeats(double[] beats, int beatsPerBar) {
        List<Double> out = new ArrayList<>();
        for (int k = 0; k < beats.length; k += beatsPerBar) {
            out.add(beats[k]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
