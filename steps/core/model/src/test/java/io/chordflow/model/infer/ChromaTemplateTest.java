package io.chordflow.model.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chordflow.chords.ChordSegment;
import io.chordflow.contract.FeatureSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChromaTemplateTest {
    private static final FeatureSpec SPEC = FeatureSpec.BTC;
    private static final float SILENT = (float) Math.log(1e-6);

    /** A frame of BTC features where each MIDI note (C1 = 24) sounds with its first 4 harmonics. */
    private static float[] frame(double gain, int... midi) {
        float[] x = new float[SPEC.bins()];
        java.util.Arrays.fill(x, SILENT);
        double[] mag = new double[SPEC.bins()];
        for (int m : midi) {
            for (int h = 1; h <= 4; h++) {
                double semis = m - 24 + 12 * Math.log(h) / Math.log(2);
                int bin = (int) Math.round(2 * semis);
                if (bin >= 0 && bin < mag.length) {
                    mag[bin] += gain / h;
                }
            }
        }
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) Math.log(mag[k] + 1e-6);
        }
        return x;
    }

    private static float[][] song(float[]... frames) {
        return frames;
    }

    private static float[][] repeat(float[] f, int n) {
        float[][] out = new float[n][];
        java.util.Arrays.fill(out, f);
        return out;
    }

    @Test
    void chromaFoldsTheSemitoneBinAndTheQuarterToneBelow() {
        float[] x = new float[SPEC.bins()];
        java.util.Arrays.fill(x, SILENT);
        x[2 * 9] = (float) Math.log(1 + 1e-6);     // A1 exactly
        x[2 * 9 - 1] = (float) Math.log(0.5 + 1e-6); // a quarter tone below A1: still A
        x[2 * 9 + 1] = (float) Math.log(0.25 + 1e-6); // a quarter tone above: A#
        double[] c = new ChromaTemplate(SPEC).chroma(new float[][] {x})[0];
        assertEquals(1.5, c[9], 1e-4);
        assertEquals(0.25, c[10], 1e-4);
        assertEquals(0, c[8], 1e-4);
    }

    @Test
    void triadsInAnyVoicingGetTheirLabel() {
        ChromaTemplate t = new ChromaTemplate(SPEC);
        // C major in close position, A minor in first inversion (C E A), F# major spread over octaves
        assertEquals(List.of(new ChordSegment(0, 20 * SPEC.frameSeconds(), "C:maj")), t.segments(repeat(frame(1, 60, 64, 67), 20)));
        assertEquals("A:min", t.segments(repeat(frame(1, 48, 52, 57), 20)).get(0).label());
        assertEquals("F#:maj", t.segments(repeat(frame(1, 42, 61, 70), 20)).get(0).label());
    }

    @Test
    void silenceIsNoChordAndChangesAreFoundWithinTheFilterDelay() {
        ChromaTemplate t = new ChromaTemplate(SPEC);
        float[][] x = new float[40][];
        for (int i = 0; i < 40; i++) {
            x[i] = i < 10 ? frame(1e-5, 60, 64, 67) : i < 25 ? frame(1, 60, 64, 67) : frame(1, 55, 59, 62);
        }
        List<ChordSegment> s = t.segments(x);
        assertEquals(List.of("N", "C:maj", "G:maj"), s.stream().map(ChordSegment::label).toList());
        assertEquals(10 * SPEC.frameSeconds(), s.get(1).start(), 1e-9);
        assertEquals(25 * SPEC.frameSeconds(), s.get(2).start(), 1e-9);
    }

    @Test
    void medianFilterRemovesAShortBlip() {
        double[][] x = new double[9][1];
        x[4][0] = 10;
        double[][] m = ChromaTemplate.medianOverTime(x, 9);
        for (double[] row : m) {
            assertArrayEquals(new double[] {0}, row);
        }
    }

    @Test
    void rejectsFeaturesWithoutWholeSemitones() {
        assertThrows(IllegalArgumentException.class,
                () -> new ChromaTemplate(new FeatureSpec(22050, 2048, 100, 20, 32.70319566257483, "log")));
        assertThrows(IllegalArgumentException.class,
                () -> new ChromaTemplate(new FeatureSpec(22050, 2048, 144, 24, 40.0, "log")));
    }
}
