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
        float[] y = new float[m];
        int reach = 2 * taps.length - 1;
        // interior: no bounds checks, the hot loop
        int lo = (reach + 1) / 2;
        int hi = Math.max(lo, (n - 1 - reach) / 2 + 1);
        hi = Math.min(hi, m);
        for (int j = lo; j < hi; j++) {
            int c = 2 * j;
            float acc = center * x[c];
            for (int p = 0; p < taps.length; p++) {
                int d = 2 * p + 1;
                acc += taps[p] * (x[c - d] + x[c + d]);
            }
            y[j] = acc;
        }
        for (int j = 0; j < m; j++) {
            if (j >= lo && j < hi) {
                j = hi - 1;
                continue;
            }
            int c = 2 * j;
            float acc = center * x[c];
            for (int p = 0; p < taps.length; p++) {
                int d = 2 * p + 1;
                float a = c - d >= 0 ? x[c - d] : 0f;
                float b = c + d < n ? x[c + d] : 0f;
                acc += taps[p] * (a + b);
            }
            y[j] = acc;
        }
        return y;
    }
}
