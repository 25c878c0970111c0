package io.chordflow.model.loss;

import io.chordflow.model.data.Track;
import java.util.List;

/**
 * Class-balanced loss weights for the long tail of chord qualities (after Cui et al. 2019's
 * "effective number" family, in its simplest form): with {@code n_c} the training frames of class
 * {@code c} (soft targets count their probability mass),
 * {@code w_c = (n_c + 1)^(-beta) / Z}, where {@code Z} makes the frame-weighted mean weight 1
 * ({@code sum_c n_c w_c = sum_c n_c}), so the loss keeps its scale and learning rates their meaning.
 * {@code beta = 0} is no weighting, {@code beta = 1} inverse frequency. Weights are capped at
 * {@value #CAP} so that a class with a handful of frames cannot dominate a batch.
 */
public final class ClassWeights {
    public static final double CAP = 20;

    private ClassWeights() {
    }

    /** The weights of a training set for a stage's {@code class_balance}; null (no weights) when it is 0. */
    public static float[] forTraining(List<Track> train, int classes, double beta) {
        return beta == 0 ? null : of(counts(train, classes), beta);
    }

    /** Frames (or probability mass) per class over the tracks' targets. */
    public static double[] counts(List<Track> tracks, int classes) {
        double[] n = new double[classes];
        for (Track t : tracks) {
            if (t.hard() != null) {
                for (int y : t.hard()) {
                    n[y]++;
                }
            } else {
                for (int i = 0; i < t.soft().length; i++) {
                    n[i % classes] += t.soft()[i];
                }
            }
        }
        return n;
    }

    /** The weights for {@code counts} and exponent {@code beta} in [0, 1]. */
    public static float[] of(double[] counts, double beta) {
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("class balance exponent " + beta + ": expected 0 <= beta <= 1");
        }
        double[] w = new double[counts.length];
        double total = 0;
        double weighted = 0;
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.pow(counts[c] + 1, -beta);
            total += counts[c];
            weighted += counts[c] * w[c];
        }
        float[] out = new float[w.length];
        double z = total > 0 ? weighted / total : 1;
        for (int c = 0; c < w.length; c++) {
            out[c] = (float) Math.min(CAP, w[c] / z);
        }
        return out;
    }
}
