package io.chordflow.model.infer;

import io.chordflow.chords.ChordSegment;
import io.chordflow.contract.FeatureSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The no-learning baseline of the comparison table: chroma from the CQT features, a median filter
 * over time, and 24 major/minor templates (the textbook method, after librosa's {@code chroma_cqt}
 * and Fujishima's pitch-class profiles). Nothing in it is fitted to data: every constant below is
 * a librosa default or the textbook's choice, fixed before any evaluation.
 *
 * <ol>
 *   <li>magnitude {@code |C[t,k]| = max(0, exp(x[t,k]) - 1e-6)} (undoing the feature transform
 *       {@code log(|C|+1e-6)});</li>
 *   <li>chroma {@code c[t,p] = sum_k |C[t,k]| over the bins k with floor((k + m/2) / m) = p (mod 12)},
 *       {@code m = b/12} bins per semitone ({@code b} bins per octave, bin 0 at C): for 24 bins per
 *       octave the semitone's bin and the one below it, as librosa's {@code cq_to_chroma} merges them;</li>
 *   <li>a median filter of {@value #MEDIAN} frames over time, per pitch class;</li>
 *   <li>frame label {@code argmax_j cos(c[t], T_j)} over the 24 binary triad templates {@code T_j}
 *       (root, third, fifth), or {@code N} where the frame's chroma peak is more than
 *       {@value #SILENCE_DB} dB below the song's loudest frame.</li>
 * </ol>
 */
public final class ChromaTemplate {
    /** Median filter width in frames (about 0.84 s at hop 2048 / 22050 Hz). */
    public static final int MEDIAN = 9;
    /** Frames this far below the song's loudest chroma peak are silence ({@code N}). */
    public static final double SILENCE_DB = 60;
    private static final String[] ROOTS = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final double EPS = 1e-6;

    private final FeatureSpec spec;

    public ChromaTemplate(FeatureSpec spec) {
        if (spec.binsPerOctave() % 12 != 0) {
            throw new IllegalArgumentException("chroma needs a whole number of bins per semitone, got "
                    + spec.binsPerOctave() + " bins per octave");
        }
        if (Math.abs(12 * Math.log(spec.fmin() / 32.70319566257483) / Math.log(2) % 12) > 1e-6) {
            throw new IllegalArgumentException("chroma needs bin 0 on a C, got fmin " + spec.fmin() + " Hz");
        }
        this.spec = spec;
    }

    /** {@code [frames, bins]} features to major/minor chord segments (times in seconds). */
    public List<ChordSegment> segments(float[][] features) {
        double[][] chroma = medianOverTime(chroma(features), MEDIAN);
        String[] labels = label(chroma);
        List<ChordSegment> out = new ArrayList<>();
        double dt = spec.frameSeconds();
        int start = 0;
        for (int t = 1; t <= labels.length; t++) {
            if (t == labels.length || !labels[t].equals(labels[start])) {
                out.add(new ChordSegment(start * dt, t * dt, labels[start]));
                start = t;
            }
        }
        return out;
    }

    /** Step 1-2: the 12-bin chroma of each frame (unnormalised). */
    double[][] chroma(float[][] features) {
        int perSemitone = spec.binsPerOctave() / 12;
        double[][] out = new double[features.length][12];
        for (int t = 0; t < features.length; t++) {
            if (features[t].length != spec.bins()) {
                throw new IllegalArgumentException("features have " + features[t].length + " bins, expected " + spec.bins());
            }
            for (int k = 0; k < features[t].length; k++) {
                double mag = Math.max(0, Math.exp(features[t][k]) - EPS);
                // librosa's cq_to_chroma: a semitone merges its own bin and the (perSemitone - 1) around it,
                // rolled down by perSemitone / 2 (for 24 per octave: the semitone's bin and the one below)
                int semitone = Math.floorDiv(k + perSemitone / 2, perSemitone);
                out[t][semitone % 12] += mag;
            }
        }
        return out;
    }

    /** Step 3: each column's running median over {@code width} frames (the window shrinks at the ends). */
    static double[][] medianOverTime(double[][] x, int width) {
        int half = width / 2;
        double[][] out = new double[x.length][];
        double[] window = new double[width];
        for (int t = 0; t < x.length; t++) {
            out[t] = new double[x[t].length];
            int lo = Math.max(0, t - half);
            int hi = Math.min(x.length - 1, t + half);
            for (int p = 0; p < x[t].length; p++) {
                int n = 0;
                for (int s = lo; s <= hi; s++) {
                    window[n++] = x[s][p];
                }
                Arrays.sort(window, 0, n);
                out[t][p] = n % 2 == 1 ? window[n / 2] : 0.5 * (window[n / 2 - 1] + window[n / 2]);
            }
        }
        return out;
    }

    /** Step 4: the best of the 24 templates per frame, or N for near-silent frames. */
    static String[] label(double[][] chroma) {
        double loudest = 0;
        for (double[] c : chroma) {
            loudest = Math.max(loudest, max(c));
        }
        double floor = loudest * Math.pow(10, -SILENCE_DB / 20);
        String[] out = new String[chroma.length];
        for (int t = 0; t < chroma.length; t++) {
            double[] c = chroma[t];
            if (loudest <= 0 || max(c) <= floor) {
                out[t] = "N";
                continue;
            }
            double norm = 0;
            for (double v : c) {
                norm += v * v;
            }
            double best = Double.NEGATIVE_INFINITY;
            String bestLabel = "N";
            for (int root = 0; root < 12; root++) {
                for (int third : new int[] {4, 3}) {
                    // cosine with a binary 3-note template: sum of the three bins / (|c| * sqrt(3))
                    double score = (c[root] + c[(root + third) % 12] + c[(root + 7) % 12]) / Math.sqrt(3 * norm);
                    if (score > best) {
                        best = score;
                        bestLabel = ROOTS[root] + (third == 4 ? ":maj" : ":min");
                    }
                }
            }
            out[t] = bestLabel;
        }
        return out;
    }

    private static double max(double[] c) {
        double m = 0;
        for (double v : c) {
            m = Math.max(m, v);
        }
        return m;
    }
}
