package io.chordflow.model.chordnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * ChordMini's {@code positional_encoding} ({@code base_transformer.py}), which is not the Transformer's:
 * every channel {@code i} has its own frequency {@code pos / 10000^(2i/n)} (not {@code 2*floor(i/2)}),
 * then sine on even and cosine on odd channels. Shape {@code [positions, channels]}. Checkpoints were
 * trained with this signal, so it is kept as it is.
 */
final class PositionalEncoding {
    private PositionalEncoding() {
    }

    static float[] values(int positions, int channels) {
        float[] out = new float[positions * channels];
        for (int i = 0; i < channels; i++) {
            // float32 as PyTorch computes it: 10000 ** (2i/n), then pos / that
            float rate = (float) Math.pow(10000.0, (float) (2.0f * i) / channels);
            for (int p = 0; p < positions; p++) {
                float angle = p / rate;
                out[p * channels + i] = (float) (i % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return out;
    }

    static NDArray create(NDManager manager, int positions, int channels, double scale) {
        return manager.create(values(positions, channels), new Shape(positions, channels)).mul((float) scale);
    }
}
