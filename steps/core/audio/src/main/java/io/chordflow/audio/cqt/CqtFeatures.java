package io.chordflow.audio.cqt;

import io.chordflow.audio.resample.HalfbandDecimator;
import io.chordflow.contract.FeatureSpec;

/**
 * BTC's input features: librosa-compatible constant-Q magnitudes (see {@link ConstantQ}) with 144 bins,
 * 24 per octave, hop 2048 at 22050 Hz, fmin C1, turned into {@code log(|C| + 1e-6)}, float32
 * {@code [frames][144]} with {@code frames = 1 + floor(samples/2048)} ({@link FeatureSpec#frames}).
 */
public final class CqtFeatures {
    /** C1 = 440 * 2^((24 - 69)/12) Hz, librosa's {@code note_to_hz('C1')}. */
    public static final double C1 = 440.0 * StrictMath.pow(2.0, (24 - 69) / 12.0);
    public static final double EPSILON = 1e-6;
    public static final FeatureSpec SPEC = FeatureSpec.BTC;
    /** librosa's default {@code sparsity}. */
    public static final double SPARSITY = 0.01;
    /** Nonzero halfband taps per side for octave decimation (see {@link HalfbandDecimator}). */
    public static final int DECIMATOR_TAPS = 12;

    private static final ConstantQ CQT = new ConstantQ(SPEC.sampleRate(), SPEC.hop(), SPEC.fmin(), SPEC.bins(),
            SPEC.binsPerOctave(), SPARSITY, new HalfbandDecimator(DECIMATOR_TAPS, Math.sqrt(2)));

    private CqtFeatures() {
    }

    /** Features of mono audio at 22050 Hz: {@code [1 + floor(n/2048)][144]}. */
    public static float[][] compute(float[] samples22050) {
        float[][] c = CQT.magnitude(samples22050);
        for (float[] row : c) {
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) StrictMath.log(row[k] + EPSILON);
            }
        }
        return c;
    }

    /** The transform itself, for callers that want |C| (tests, analysis). */
    public static ConstantQ transform() {
        return CQT;
    }
}
