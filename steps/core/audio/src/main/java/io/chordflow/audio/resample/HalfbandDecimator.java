package io.chordflow.audio.resample;

/**
 * Decimation by exactly 2 with a zero-phase Kaiser-windowed halfband low-pass (output sample j sits at input
 * sample 2j, as soxr's linear-phase output does). Used for the CQT's octave-by-octave downsampling, where
 * librosa 0.10 uses soxr_hq. What matters there is the band the next octave's filters look at (at most
 * ~0.45 of the new Nyquist) and that nothing aliases into it; a halfband with {@code halfTaps} nonzero
 * taps per side is flat there to 1e-5 and rejects aliases by ~100 dB, at a fraction of soxr's cost
 * (every other halfband coefficient is zero). The fidelity test measures the effect against a long
 * near-ideal filter.
 */
public final class HalfbandDecimator {
    private final float[] taps; // taps[p] multiplies x[2j-(2p+1)] + x[2j+(2p+1)]
    private final float center;
    private static final int BLOCK = 2048;

    /**
     * @param halfTaps nonzero odd-offset taps on each side of the centre
     * @param gain     applied to the output (librosa's {@code scale=True} multiplies by sqrt(2))
     */
    public HalfbandDecimator(int halfTaps, double gain) {
        int half = 2 * halfTaps - 1; // largest odd offset
        double beta = Kaiser.beta(100);
        double[] h = new double[halfTaps];
        double sum = 0.5;
        for (int p = 0; p < halfTaps; p++) {
            int t = 2 * p + 1;
            h[p] = 0.5 * Kaiser.sinc(t / 2.0) * Kaiser.window(t, half + 1, beta);
            sum += 2 * h[p];
        }
        taps = new float[halfTaps];
        for (int p = 0; p < halfTaps; p++) {
            taps[p] = (float) (h[p] / sum * gain);
        }
        center = (float) (0.5 / sum * gain);
    }

    /** {@code ceil(n/2)} output samples; the signal is zero outside {@code [0, n)}. */
    public float[] decimate(float[] x) {
        int n = x.length;
        int m = (n + 1) / 2;
        int k = taps.length;
        // polyphase: even samples meet only the centre tap, odd samples the others. With the odd phase
        // zero-padded by k on both sides, y[j] = c*x[2j] + sum_p taps[p]*(odd[j-1-p] + odd[j+p]) becomes
        // loops over contiguous arrays, which the JIT vectorises (a strided tap loop was the CQT's hot spot).
        float[] odd = new float[n / 2 + 2 * k + 1];
        for (int i = 0; i < n / 2; i++) {
            odd[k + i] = x[2 * i + 1];
        }
        float[] y = new float[m];
        float c = center;
        for (int j = 0; j < m; j++) {
            y[j] = c * x[2 * j];
        }
        // blocks that stay in cache while every tap passes over them (tap-outer over the whole signal
        // was memory-bound)
        for (int from = 0; from < m; from += BLOCK) {
            int to = Math.min(m, from + BLOCK);
            for (int p = 0; p < k; p++) {
                float t = taps[p];
                int lo = k - 1 - p; // odd[j-1-p] shifted by k
                int hi = k + p;     // odd[j+p] shifted by k
                for (int j = from; j < to; j++) {
                    y[j] += t * (odd[lo + j] + odd[hi + j]);
                }
            }
        }
        return y;
    }
}
