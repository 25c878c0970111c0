package io.chordflow.audio.resample;

/**
 * Band-limited resampling between any two integer rates: a rational polyphase filter (up by L, down by M,
 * L/M the reduced ratio) whose prototype is a Kaiser-windowed sinc. The cut-off sits just below the lower
 * Nyquist frequency (pass band flat to 90% of it, stop band from 100%, {@value #STOPBAND_DB} dB), so
 * nothing above the new Nyquist folds back. Output sample j is at input time j*M/L (zero phase), and
 * there are {@code ceil(n*L/M)} of them, as librosa's {@code resample} gives. Hand-written: the JDK has
 * no resampler and no maintained Java library offers a band-limited one with these guarantees.
 */
public final class Resampler {
    static final double STOPBAND_DB = 100;
    private static final double PASS = 0.90;

    private final int up;
    private final int down;
    private final int half; // filter half-width in input samples
    private final double cutoff;
    private final double beta;
    private final float[][] phases; // phases[p][k]: coefficient for input offset k-half+1 at phase p/grid
    private final int grid;         // phases per input sample in the table: up, or GRID for odd ratios
    private static final int GRID = 2048;

    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + fromRate + " -> " + toRate);
        }
        int g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        // cut-off and transition in units of the input rate
        double nyq = 0.5 * Math.min(1.0, (double) up / down);
        this.cutoff = nyq * (1 + PASS) / 2;
        double transition = nyq * (1 - PASS);
        this.beta = Kaiser.beta(STOPBAND_DB);
        int taps = (int) Math.ceil((STOPBAND_DB - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
        this.half = taps / 2 + 1;
        // exact phases for common ratios (44100, 48000, 16000 -> 22050); odd ones (e.g. 44056 Hz) interpolate
        // linearly between GRID+1 tabulated phases (coefficient error ~1e-7, far below the 100 dB stop band)
        this.grid = up <= GRID ? up : GRID;
        this.phases = new float[grid + 1][];
        for (int p = 0; p <= grid; p++) {
            phases[p] = phase((double) p / grid);
        }
    }

    /** Coefficients for outputs at input position i0 + frac. */
    private float[] phase(double frac) {
        float[] h = new float[2 * half];
        for (int k = 0; k < h.length; k++) {
            double x = (k - half + 1) - frac; // input sample offset from the output time
            h[k] = (float) (2 * cutoff * Kaiser.sinc(2 * cutoff * x) * Kaiser.window(x, half, beta));
        }
        return h;
    }

    public float[] resample(float[] x) {
        if (up == down) {
            return x.clone();
        }
        int n = x.length;
        int m = (int) Math.ceil((double) n * up / down);
        float[] y = new float[m];
        float[] scratch = new float[2 * half];
        for (int j = 0; j < m; j++) {
            long pos = (long) j * down;
            int i0 = (int) (pos / up);
            int p = (int) (pos % up);
            float[] h;
            if (grid == up) {
                h = phases[p];
            } else {
                double g = (double) p / up * grid;
                int q = (int) g;
                float w = (float) (g - q);
                float[] a = phases[q];
                float[] b = phases[q + 1];
                h = scratch;
                for (int k = 0; k < h.length; k++) {
                    h[k] = a[k] + w * (b[k] - a[k]);
                }
            }
            int start = i0 - half + 1;
            double acc = 0;
            if (start >= 0 && start + h.length <= n) {
                for (int k = 0; k < h.length; k++) {
                    acc += h[k] * x[start + k];
                }
            } else {
                for (int k = 0; k < h.length; k++) {
                    int i = start + k;
                    if (i >= 0 && i < n) {
                        acc += h[k] * x[i];
                    }
                }
            }
            y[j] = (float) acc;
        }
        return y;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
