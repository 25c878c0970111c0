package io.chordflow.audio.cqt;

import io.chordflow.contract.FeatureSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.audio.resample.HalfbandDecimator;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How close the fast multi-rate CQT is to (a) the direct full-rate definition and (b) the same pipeline with a
 * long near-ideal decimator standing in for librosa's soxr_hq, in the log feature, on music-like audio.
 */
class CqtFidelityTest {
    static final FeatureSpec S = CqtFeatures.SPEC;
    static float[] audio;
    static float[][] fast;

    @BeforeAll
    static void setUp() {
        audio = MusicLike.render(12, S.sampleRate(), 7);
        fast = CqtFeatures.compute(audio);
    }

    /**
     * The multi-rate pipeline without sparsification against the direct full-rate definition: checks the
     * resampling, framing, centring and scaling. What remains is librosa's own multi-rate discretisation
     * (shorter windows at lower rates, half-sample window centres), visible mostly in weak bins.
     */
    @Test
    void multiRatePipelineMatchesTheDirectDefinition() {
        ConstantQ dense = new ConstantQ(S.sampleRate(), S.hop(), S.fmin(), S.bins(), S.binsPerOctave(), 0.0,
                new HalfbandDecimator(CqtFeatures.DECIMATOR_TAPS, Math.sqrt(2)));
        double[][] ref = DirectCqt.magnitude(audio, S.sampleRate(), S.hop(), S.fmin(), S.bins(), S.binsPerOctave());
        double[][] refLog = logOf(ref);
        float[][] denseLog = logOf(dense.magnitude(audio));
        double[] st = stats(denseLog, refLog, 1, fast.length - 1, null);
        double[] strong = stats(denseLog, refLog, 1, fast.length - 1, ref);
        double[] sparse = stats(fast, refLog, 1, fast.length - 1, null);
        System.out.printf(Locale.ROOT, "CQT sparsity 0 vs direct reference (log feature): mean %.5f, p99 %.5f;"
                + " bins within 40 dB of the frame peak: mean %.5f, p99 %.5f%n", st[0], st[1], strong[0], strong[1]);
        System.out.printf(Locale.ROOT, "CQT librosa sparsity 0.01 vs direct reference: mean %.5f, p99 %.5f"
                + " (librosa's own basis sparsification)%n", sparse[0], sparse[1]);
        assertTrue(st[0] < 0.04, "mean " + st[0]);
        assertTrue(strong[0] < 0.01 && strong[1] < 0.06, "strong bins " + Arrays.toString(strong));
        assertTrue(sparse[0] < 0.5, "sparse mean " + sparse[0]);
    }

    /** A pure tone's peak and its neighbours match the direct definition to 0.5%, sparsified or not. */
    @Test
    void tonePeakMatchesTheDirectDefinition() {
        float[] tone = new float[S.sampleRate() * 3];
        double f = S.fmin() * Math.pow(2, 60 / 24.0);
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.cos(2 * Math.PI * f * i / S.sampleRate()));
        }
        float[][] a = CqtFeatures.transform().magnitude(tone);
        double[][] b = DirectCqt.magnitude(tone, S.sampleRate(), S.hop(), S.fmin(), S.bins(), S.binsPerOctave());
        for (int k = 59; k <= 61; k++) {
            assertEquals(b[16][k], a[16][k], 0.005 * b[16][k], "bin " + k);
        }
    }

    @Test
    void decimatorIsCloseToAnIdealOne() {
        ConstantQ ideal = new ConstantQ(S.sampleRate(), S.hop(), S.fmin(), S.bins(), S.binsPerOctave(),
                CqtFeatures.SPARSITY, new HalfbandDecimator(96, Math.sqrt(2)));
        float[][] m = ideal.magnitude(audio);
        double[][] ref = new double[m.length][];
        for (int t = 0; t < m.length; t++) {
            ref[t] = new double[m[t].length];
            for (int k = 0; k < m[t].length; k++) {
                ref[t][k] = m[t][k];
            }
        }
        double[] st = stats(fast, logOf(ref), 0, fast.length, null);
        System.out.printf(Locale.ROOT, "CQT fast vs long-decimator pipeline (soxr_hq proxy): mean %.6f, p99 %.6f, max %.5f%n",
                st[0], st[1], st[2]);
        // the tolerance against librosa: mean 0.01, p99 0.1
        assertTrue(st[0] < 0.01, "mean " + st[0]);
        assertTrue(st[1] < 0.1, "p99 " + st[1]);
    }

    static double[][] logOf(double[][] mag) {
        double[][] out = new double[mag.length][];
        for (int t = 0; t < mag.length; t++) {
            out[t] = new double[mag[t].length];
            for (int k = 0; k < mag[t].length; k++) {
                out[t][k] = Math.log(mag[t][k] + CqtFeatures.EPSILON);
            }
        }
        return out;
    }

    static float[][] logOf(float[][] mag) {
        float[][] out = new float[mag.length][];
        for (int t = 0; t < mag.length; t++) {
            out[t] = new float[mag[t].length];
            for (int k = 0; k < mag[t].length; k++) {
                out[t][k] = (float) Math.log(mag[t][k] + CqtFeatures.EPSILON);
            }
        }
        return out;
    }

    /** mean, 99th percentile and max of |a-b| over frames [from, to); only bins within 40 dB of the frame's peak of {@code strongIn} when given. */
    static double[] stats(float[][] a, double[][] b, int from, int to, double[][] strongIn) {
        assertEquals(b.length, a.length, "frames");
        double[] d = new double[(to - from) * a[0].length];
        int i = 0;
        double sum = 0;
        for (int t = from; t < to; t++) {
            double peak = 0;
            if (strongIn != null) {
                for (double v : strongIn[t]) {
                    peak = Math.max(peak, v);
                }
            }
            for (int k = 0; k < a[t].length; k++) {
                if (strongIn != null && strongIn[t][k] < peak * 0.01) {
                    continue;
                }
                d[i] = Math.abs(a[t][k] - b[t][k]);
                sum += d[i++];
            }
        }
        d = Arrays.copyOf(d, i);
        Arrays.sort(d);
        return new double[] {sum / d.length, d[(int) (0.99 * (d.length - 1))], d[d.length - 1]};
    }
}
