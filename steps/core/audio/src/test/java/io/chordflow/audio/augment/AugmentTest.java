package io.chordflow.audio.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.chords.Vocabulary;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentTest {
    private static final int SR = 22050;

    private static float[] sine(double hz, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * hz * i / SR);
        }
        return x;
    }

    private static double rms(float[] x, int from) {
        double s = 0;
        for (int i = from; i < x.length; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (x.length - from));
    }

    @Test
    void a1PitchShiftMovesBinsAndTransposesLabels() {
        float[][] f = new float[3][144];
        f[1][50] = 5f; // a peak at bin 50
        float[][] up = PitchShift.shiftFeatures(f, 2, 24, -13.8f);
        assertEquals(5f, up[1][54], "2 semitones = 4 bins at 24 bins per octave");
        assertEquals(0f, up[1][50]);
        assertEquals(-13.8f, up[1][0], "bins shifted in from below take the floor value");
        float[][] down = PitchShift.shiftFeatures(f, -1, 24, -13.8f);
        assertEquals(5f, down[1][48]);
        assertEquals(-13.8f, down[1][143]);

        int[] labels = {Vocabulary.LARGE.index("C:maj"), Vocabulary.LARGE.index("A#:min7"), 169, 168};
        assertArrayEquals(new int[] {Vocabulary.LARGE.index("D:maj"), Vocabulary.LARGE.index("C:min7"), 169, 168},
                PitchShift.shiftLabels(labels, 2, Vocabulary.LARGE));

        float[][] soft = new float[1][25];
        soft[0][Vocabulary.MAJMIN.index("B:min")] = 0.7f;
        soft[0][24] = 0.3f;
        float[][] moved = PitchShift.shiftSoftLabels(soft, 1, Vocabulary.MAJMIN);
        assertEquals(0.7f, moved[0][Vocabulary.MAJMIN.index("C:min")]);
        assertEquals(0.3f, moved[0][24]);
        assertEquals(1.0, moved[0][Vocabulary.MAJMIN.index("C:min")] + moved[0][24], 1e-6, "probability mass is kept");
    }

    @Test
    void a3FrequencyMasksCoverAtMostAQuarterEachAndAreSeeded() {
        for (long seed = 0; seed < 50; seed++) {
            float[][] f = new float[10][144];
            for (float[] row : f) {
                java.util.Arrays.fill(row, 1f);
            }
            SpectrogramMasks.Band[] bands = SpectrogramMasks.maskFrequencies(f, 2, 0.25, -1f, new SplittableRandom(seed));
            assertEquals(2, bands.length);
            int masked = 0;
            for (int b = 0; b < 144; b++) {
                boolean inBand = false;
                for (SpectrogramMasks.Band band : bands) {
                    assertTrue(band.width() <= 36 && band.start() + band.width() <= 144);
                    inBand |= b >= band.start() && b < band.start() + band.width();
                }
                masked += inBand ? 1 : 0;
                for (float[] row : f) {
                    assertEquals(inBand ? -1f : 1f, row[b], "bin " + b);
                }
            }
            assertTrue(masked <= 72);
        }
        float[][] a = new float[4][144];
        float[][] b = new float[4][144];
        assertArrayEquals(SpectrogramMasks.maskFrequencies(a, 2, 0.25, 0f, new SplittableRandom(7)),
                SpectrogramMasks.maskFrequencies(b, 2, 0.25, 0f, new SplittableRandom(7)));
    }

    @Test
    void a4TimeMasksWholeFrames() {
        float[][] f = new float[108][144];
        for (float[] row : f) {
            java.util.Arrays.fill(row, 1f);
        }
        SpectrogramMasks.Band[] bands = SpectrogramMasks.maskTimes(f, 2, 0.25, 0f, new SplittableRandom(3));
        int maskedFrames = 0;
        for (int t = 0; t < 108; t++) {
            float first = f[t][0];
            for (float v : f[t]) {
                assertEquals(first, v, "a frame is masked whole or not at all");
            }
            maskedFrames += first == 0f ? 1 : 0;
        }
        int maxCovered = bands[0].width() + bands[1].width();
        assertTrue(maskedFrames <= maxCovered && maxCovered <= 2 * 27, maskedFrames + " " + maxCovered);
    }

    @Test
    void a2NoiseGainFiltersPolarity() {
        float[] x = sine(440, SR);
        SplittableRandom rng = new SplittableRandom(1);
        float[] noisy = x.clone();
        AudioAugment.addNoise(noisy, 0.4, rng);
        float[] noise = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            noise[i] = noisy[i] - x[i];
        }
        assertEquals(0.4, AudioAugment.std(noise) / AudioAugment.std(x), 0.01);

        float[] g = x.clone();
        AudioAugment.gain(g, -6);
        assertEquals(-6, 20 * Math.log10(rms(g, 0) / rms(x, 0)), 1e-4);

        float[] low = sine(100, SR);
        float[] high = sine(5000, SR);
        Biquad.highPass(1000, SR).filter(low);
        Biquad.highPass(1000, SR).filter(high);
        assertTrue(20 * Math.log10(rms(low, 2000) / rms(sine(100, SR), 2000)) < -30, "100 Hz through a 1 kHz high-pass");
        assertEquals(1.0, rms(high, 2000) / rms(sine(5000, SR), 2000), 0.02);
        float[] lp = sine(8000, SR);
        Biquad.lowPass(2000, SR).filter(lp);
        assertTrue(20 * Math.log10(rms(lp, 2000) / rms(sine(8000, SR), 2000)) < -20, "8 kHz through a 2 kHz low-pass");

        float[] p = x.clone();
        AudioAugment.invertPolarity(p);
        for (int i = 0; i < x.length; i++) {
            assertEquals(-x[i], p[i]);
        }
    }

    @Test
    void a2ProbabilityGatesEachTransformAndIsSeeded() {
        float[] x = sine(440, 4096);
        assertEquals(java.util.List.of(), AudioAugment.defaults(0).apply(x, SR, new SplittableRandom(0)).applied());
        AudioAugment.Result all = AudioAugment.defaults(1).apply(x, SR, new SplittableRandom(0));
        assertTrue(all.applied().containsAll(java.util.List.of("noise", "gain", "polarity")), all.applied().toString());
        assertEquals(4, all.applied().size());
        assertArrayEquals(all.samples(), AudioAugment.defaults(1).apply(x, SR, new SplittableRandom(0)).samples());
        int applied = 0;
        for (long s = 0; s < 400; s++) {
            applied += AudioAugment.defaults(0.5).apply(x, SR, new SplittableRandom(s)).applied().size();
        }
        assertEquals(800, applied, 80, "about half of 4 transforms x 400 draws");
    }
}
