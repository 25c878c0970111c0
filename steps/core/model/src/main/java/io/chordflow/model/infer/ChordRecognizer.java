package io.chordflow.model.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.chordflow.chords.ChordSegment;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.data.Normalization;
import java.util.List;

/**
 * Chords from features with a trained model: the song is normalised with the model's stored
 * mean/std, cut into consecutive windows of the model's {@code timestep} frames (the last one
 * zero-padded, as BTC's own inference does), run in batches, and the frame logits argmax-ed into
 * segments. 2E1D logits are Gaussian-smoothed over 9 frames first (its published inference);
 * {@link #smoothing(int)} changes that. Not thread-safe; one per thread.
 */
public final class ChordRecognizer {
    public static final int CHORDNET_SMOOTHING = 9;
    private static final int BATCH = 16;

    private final ModelArtifact model;
    private int smoothing;

    public ChordRecognizer(ModelArtifact model) {
        this.model = model;
        this.smoothing = model.config().isBtc() ? 0 : CHORDNET_SMOOTHING;
    }

    /** Gaussian kernel size in frames; 0 or 1 turns smoothing off. */
    public ChordRecognizer smoothing(int frames) {
        this.smoothing = frames;
        return this;
    }

    /** {@code [frames, featureSize]} raw features to chord segments (times in seconds). */
    public List<ChordSegment> segments(float[][] features) {
        int[] classes = Segments.argmax(Smoothing.gaussian(logits(features), smoothing));
        return Segments.of(classes, model.vocabulary(), model.featureSpec().frameSeconds());
    }

    /** Frame logits {@code [frames, classes]}, unsmoothed. */
    public float[][] logits(float[][] features) {
        ModelConfig c = model.config();
        int frames = features.length;
        int t = c.timestep();
        int f = c.featureSize();
        int k = c.classes();
        float[][] out = new float[frames][k];
        if (frames == 0) {
            return out;
        }
        for (float[] row : features) {
            if (row.length != f) {
                throw new IllegalArgumentException("features have " + row.length + " bins, the model expects " + f);
            }
        }
        Normalization norm = model.normalization();
        int windows = (frames + t - 1) / t;
        for (int w0 = 0; w0 < windows; w0 += BATCH) {
            int n = Math.min(BATCH, windows - w0);
            float[] x = new float[n * t * f];
            for (int w = 0; w < n; w++) {
                for (int j = 0; j < t; j++) {
                    int frame = (w0 + w) * t + j;
                    if (frame >= frames) {
                        break;
                    }
                    for (int b = 0; b < f; b++) {
                        x[(w * t + j) * f + b] = norm.apply(features[frame][b]);
                    }
                }
            }
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray input = sub.create(x, new Shape(n, t, f));
                ParameterStore ps = new ParameterStore(sub, false);
                float[] z = model.block().forward(ps, new NDList(input), false).singletonOrThrow().toFloatArray();
                for (int w = 0; w < n; w++) {
                    for (int j = 0; j < t; j++) {
                        int frame = (w0 + w) * t + j;
                        if (frame >= frames) {
                            break;
                        }
                        System.arraycopy(z, (w * t + j) * k, out[frame], 0, k);
                    }
                }
            }
        }
        return out;
    }

    /** Softmax of each frame's logits. */
    public static float[][] probabilities(float[][] logits) {
        float[][] out = new float[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            float[] z = logits[t];
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            double[] e = new double[z.length];
            for (int c = 0; c < z.length; c++) {
                e[c] = Math.exp(z[c] - max);
                sum += e[c];
            }
            out[t] = new float[z.length];
            for (int c = 0; c < z.length; c++) {
                out[t][c] = (float) (e[c] / sum);
            }
        }
        return out;
    }
}
