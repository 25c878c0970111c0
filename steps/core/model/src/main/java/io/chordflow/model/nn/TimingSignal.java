package io.chordflow.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The sinusoidal timing signal of the Transformer as BTC builds it ({@code _gen_timing_signal}):
 * {@code channels/2} timescales from 1 to 1e4 geometrically, {@code [sin | cos]} concatenated,
 * zero-padded to an odd channel count. Shape {@code [frames, channels]}.
 */
public final class TimingSignal {
    private TimingSignal() {
    }

    public static float[] values(int frames, int channels) {
        int timescales = channels / 2;
        double increment = Math.log(1.0e4) / Math.max(1, timescales - 1);
        float[] out = new float[frames * channels];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < timescales; i++) {
                double scaled = t * Math.exp(i * -increment);
                out[t * channels + i] = (float) Math.sin(scaled);
                out[t * channels + timescales + i] = (float) Math.cos(scaled);
            }
        }
        return out;
    }

    public static NDArray create(NDManager manager, int frames, int channels) {
        return manager.create(values(frames, channels), new Shape(frames, channels));
    }
}
