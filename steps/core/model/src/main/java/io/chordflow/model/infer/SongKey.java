package io.chordflow.model.infer;

/**
 * The key of a whole song from a key model's frame outputs: the class with the largest mean
 * frame probability, {@code argmax_k (1/T) sum_t softmax(z_t)[k]} (ties: the lower class). A
 * song without frames has no key (class {@code none}).
 */
public final class SongKey {
    private SongKey() {
    }

    /** Mean softmax over frames of {@code logits [frames, classes]}. */
    public static double[] meanProbabilities(float[][] logits) {
        int k = logits.length == 0 ? 0 : logits[0].length;
        double[] mean = new double[k];
        for (float[] z : logits) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            double[] e = new double[k];
            for (int c = 0; c < k; c++) {
                e[c] = Math.exp(z[c] - max);
                sum += e[c];
            }
            for (int c = 0; c < k; c++) {
                mean[c] += e[c] / sum / logits.length;
            }
        }
        return mean;
    }

    /** The song's class; {@code none} when there are no frames. */
    public static int of(float[][] logits, int none) {
        if (logits.length == 0) {
            return none;
        }
        double[] p = meanProbabilities(logits);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
