package io.chordflow.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.chordflow.chords.Vocabulary;
import io.chordflow.model.KeyClasses;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A1, A3, A4 as the trainer applies them to a batch window: what changes in the input, and that the targets stay right. */
class AugmentTest {
    static final int F = 144;
    static final int L = 40;

    private static float[][] window(Batch b, int i, int frames) {
        float[] x = b.features().toFloatArray();
        float[][] out = new float[frames][F];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(x, (i * L + t) * F, out[t], 0, F);
        }
        return out;
    }

    @Test
    void a1PitchShiftMovesBinsAndTransposesHardSoftAndKeyTargets() {
        List<Track> keys = SyntheticKeys.tracks(1, L, 3);
        Track chordSoft = SyntheticChords.tracks(1, L, 25, 4).get(0).asSoft();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int shift : new int[] {-5, 3, 6}) {
                Batch b = Batch.of(m, keys, List.of(new Window(0, 0)), L, i -> new Batch.Augment(shift, null, null),
                        KeyClasses.INSTANCE, 0f);
                float[][] x = window(b, 0, L);
                Track t = keys.get(0);
                for (int f = 0; f < L; f++) {
                    for (int bin = 0; bin < F; bin++) {
                        int from = bin - 2 * shift;
                        float want = from >= 0 && from < F ? t.features()[f * F + from] : Batch.SILENCE;
                        assertEquals(want, x[f][bin], 0f);
                    }
                }
                int[] y = b.hard().toIntArray();
                assertEquals(KeyClasses.INSTANCE.transpose(t.hard()[0], shift), y[0], "key moves with the audio");
                assertEquals(Math.floorMod(t.hard()[0] / 2 + shift, 12), y[0] / 2);
                assertEquals(t.hard()[0] % 2, y[0] % 2, "mode kept");

                Batch s = Batch.of(m, List.of(chordSoft), List.of(new Window(0, 0)), L, i -> new Batch.Augment(shift, null, null),
                        Vocabulary.MAJMIN, 0f);
                float[] q = s.soft().toFloatArray();
                int[] h = s.hard().toIntArray();
                for (int f = 0; f < L; f++) {
                    int orig = chordSoft.label(f);
                    int moved = Vocabulary.MAJMIN.transpose(orig, shift);
                    assertEquals(1f, q[f * 25 + moved], 0f, "soft mass moves to the transposed class");
                    assertEquals(moved, h[f]);
                }
            }
        }
    }

    @Test
    void a3AndA4MaskAtMostTwoQuarterBandsAndKeepTheTargets() {
        List<Track> keys = SyntheticKeys.tracks(1, L, 5);
        float fill = 123f;
        try (NDManager m = NDManager.newBaseManager()) {
            for (long seed = 0; seed < 20; seed++) {
                long sd = seed;
                Batch fm = Batch.of(m, keys, List.of(new Window(0, 0)), L, i -> new Batch.Augment(0,
                        new Batch.Masks(2, 0.25, new SplittableRandom(sd)), null), KeyClasses.INSTANCE, fill);
                float[][] x = window(fm, 0, L);
                int masked = 0;
                for (int bin = 0; bin < F; bin++) {
                    boolean all = true;
                    boolean any = false;
                    for (int t = 0; t < L; t++) {
                        all &= x[t][bin] == fill;
                        any |= x[t][bin] == fill;
                    }
                    assertEquals(all, any, "a frequency mask covers whole bins across all frames");
                    masked += all ? 1 : 0;
                }
                assertTrue(masked <= 2 * 36, "two masks of at most 25 % of 144 bins: " + masked);
                assertArrayEquals(keys.get(0).hard(), java.util.Arrays.copyOf(fm.hard().toIntArray(), L));

                Batch tm = Batch.of(m, keys, List.of(new Window(0, 0)), L, i -> new Batch.Augment(0, null,
                        new Batch.Masks(2, 0.25, new SplittableRandom(sd))), KeyClasses.INSTANCE, fill);
                float[][] z = window(tm, 0, L);
                int frames = 0;
                for (int t = 0; t < L; t++) {
                    boolean all = true;
                    boolean any = false;
                    for (int bin = 0; bin < F; bin++) {
                        all &= z[t][bin] == fill;
                        any |= z[t][bin] == fill;
                    }
                    assertEquals(all, any, "a time mask covers whole frames");
                    frames += all ? 1 : 0;
                }
                assertTrue(frames <= 2 * 10, "two masks of at most 25 % of 40 frames: " + frames);
                assertArrayEquals(keys.get(0).hard(), java.util.Arrays.copyOf(tm.hard().toIntArray(), L));
                assertEquals(L, Math.round(tm.mask().sum().getFloat()), "masked frames still count: the target is known");
            }
            // over 20 draws, the masks did mask something
            Batch fm = Batch.of(m, keys, List.of(new Window(0, 0)), L, i -> new Batch.Augment(0,
                    new Batch.Masks(2, 0.25, new SplittableRandom(1)), new Batch.Masks(2, 0.25, new SplittableRandom(2))),
                    KeyClasses.INSTANCE, fill);
            float[] v = fm.features().toFloatArray();
            long filled = 0;
            for (float f : v) {
                filled += f == fill ? 1 : 0;
            }
            assertTrue(filled > 0);
        }
    }
}
