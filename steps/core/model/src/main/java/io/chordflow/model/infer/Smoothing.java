package io.chordflow.model.infer;

/**
 * Gaussian smoothing of frame logits along time, as 2E1D does before the argmax: a normalised
 * kernel of {@code size} frames (sigma = size / 6, so the kernel spans +-3 sigma), edges
 * renormalised over the frames that exist.
 */
public final class Smoothing {
    private Smoothing() {
    }

    public static float[][] gaussian(float[][] logits, int size) {
        if (size <= 1 || logits.length == 0) {
            return logits;
        }
        int half = size / 2;
        double sigma = size / 6.0;
        double[] k = new double[2 * half + 1];
        for (int i = -half; i <= half; i++) {
            k[i + half] = Math.exp(-0.5 * (i / sigma) * (i / sigma));
        }
        int frames = logits.length;
        int classes = logits[0].length;
        float[][] out = new float[frames][classes];
        for (int t = 0; t < frames; t++) {
            double wsum = 0;
            double[] acc = new double[classes];
            for (int i = -half; i <= half; i++) {
                int s = t + i;
                if (s < 0 || s >= frames) {
                    continue;
                }
                wsum += k[i + half];
                for (int c = 0; c < classes; c++) {
                    acc[c] += k[i + half] * logits[s][c];
                }
            }
            for (int c = 0; c < classes; c++) {
                out[t][c] = (float) (acc[c] / wsum);
            }
        }
        return out;
    }
}
