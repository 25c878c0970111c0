package io.chordflow.segments.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.segments.Segment;
import io.chordflow.segments.eval.SegmentMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StructureDecoderTest {
    static final StructureDecoder DECODER = new StructureDecoder(StructureSettings.paper2());

    @Test
    void peaksOverTheThresholdAndApartBecomeBoundaries() {
        double[] b = new double[60];
        b[10] = 0.9;
        b[12] = 0.8;  // within 3 s (16 frames) of a higher peak: dropped
        b[30] = 0.6;
        b[31] = 0.6;  // flat top: the first frame only
        b[50] = 0.4;  // under the threshold
        assertArrayEquals(new int[] {10, 30}, DECODER.boundaryFrames(b));
    }

    /** A synthetic song: noisy boundary bumps at the section changes, noisy function probabilities. */
    @Test
    void syntheticSongIsSegmentedAndLabelled() {
        double hop = 0.192;
        double[] bounds = {0, 9.6, 30.1, 45.2, 65.0, 80.3, 90.0, 101.4};
        SectionFunction[] truth = {SectionFunction.INTRO, SectionFunction.VERSE, SectionFunction.CHORUS, SectionFunction.VERSE,
            SectionFunction.CHORUS, SectionFunction.BRIDGE, SectionFunction.OUTRO};
        int n = (int) Math.ceil(bounds[bounds.length - 1] / hop);
        SplittableRandom rnd = new SplittableRandom(7);
        double[] boundary = new double[n];
        double[][] functions = new double[n][7];
        for (int t = 0; t < n; t++) {
            boundary[t] = 0.15 * rnd.nextDouble();
            double time = t * hop;
            int section = 0;
            while (section + 1 < truth.length && time >= bounds[section + 1]) {
                section++;
            }
            double sum = 0;
            for (int c = 0; c < 7; c++) {
                functions[t][c] = rnd.nextDouble() * 0.5 + (c == truth[section].ordinal() ? 0.35 : 0);
                sum += functions[t][c];
            }
            for (int c = 0; c < 7; c++) {
                functions[t][c] /= sum;
            }
        }
        for (int i = 1; i + 1 < bounds.length; i++) {
            int f = (int) Math.round(bounds[i] / hop);
            boundary[f] = 0.7 + 0.25 * rnd.nextDouble();
            boundary[f - 1] = Math.max(boundary[f - 1], 0.4);
            boundary[f + 1] = Math.max(boundary[f + 1], 0.45);
        }
        List<Segment> est = DECODER.decode(boundary, functions, bounds[bounds.length - 1]);
        List<Segment> ref = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            ref.add(new Segment(bounds[i], bounds[i + 1], truth[i].label()));
        }
        Map<String, Double> scores = SegmentMetrics.evaluate(ref, est, false);
        System.out.printf(Locale.ROOT, "structure decoding, synthetic song: HR.5F %.4f, pairwise F %.4f%n",
                scores.get("F-measure@0.5"), scores.get("Pairwise F-measure"));
        assertEquals(truth.length, est.size());
        assertEquals(1.0, scores.get("F-measure@0.5"));
        assertTrue(scores.get("Pairwise F-measure") >= 0.95);
        for (int i = 0; i < truth.length; i++) {
            assertEquals(truth[i].label(), est.get(i).label(), "segment " + i);
        }
        assertEquals(101.4, est.get(est.size() - 1).end());
    }

    @Test
    void labelIsTheHighestMeanProbability() {
        double[][] p = {{0.1, 0.6, 0, 0, 0, 0, 0.3}, {0.1, 0.0, 0, 0, 0, 0, 0.9}};
        assertEquals("silence", StructureDecoder.label(p, 0, 2)); // means: verse 0.3, silence 0.6
        assertEquals("verse", StructureDecoder.label(p, 0, 1));
    }
}
