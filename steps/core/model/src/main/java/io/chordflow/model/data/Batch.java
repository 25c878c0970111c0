package io.chordflow.model.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.chordflow.audio.augment.PitchShift;
import io.chordflow.audio.augment.SpectrogramMasks;
import io.chordflow.chords.Vocabulary;
import java.util.List;

/**
 * A batch of windows as arrays in one (per-step) manager: raw features {@code [B,T,F]}, hard
 * targets {@code [B,T]} (argmax for soft tracks), soft targets {@code [B,T,C]} (null unless the
 * tracks are soft), frame mask {@code [B,T]}. Padding frames have zero features, label 0, mask 0.
 */
public record Batch(NDArray features, NDArray hard, NDArray soft, NDArray mask, int frames) {
    /** 24 bins per octave. */
    public static final int BINS_PER_SEMITONE = 2;

    /** The floor of BTC's feature transform, log(1e-6): what bins shifted in from outside the CQT range hold. */
    public static final float SILENCE = (float) Math.log(1e-6);

    public static Batch of(NDManager manager, List<Track> tracks, List<Window> windows, int length) {
        return of(manager, tracks, windows, length, (java.util.function.IntFunction<Augment>) null, null, 0f);
    }

    /**
     * As {@link #of(NDManager, List, List, int)} with pitch-shift augmentation: window i is moved
     * by {@code shifts[i]} semitones, features rolled by {@code binsPerSemitone * shift} bins (bins
     * from outside the range are {@link #SILENCE}) and targets transposed with {@code vocabulary}.
     */
    public static Batch of(NDManager manager, List<Track> tracks, List<Window> windows, int length, int[] shifts,
                           Vocabulary vocabulary) {
        return of(manager, tracks, windows, length, shifts == null ? null : i -> new Augment(shifts[i], null, null),
                vocabulary, 0f);
    }

    /**
     * What happens to one window: A1 pitch shift by {@code semitones} ({@link PitchShift}: CQT bins
     * moved, hard and soft targets transposed), then A3 frequency masks and A4 time masks
     * ({@link SpectrogramMasks}, drawn from {@code freqMasks}/{@code timeMasks} random streams,
     * null = none) over the window's real frames.
     */
    public record Augment(int semitones, Masks freqMasks, Masks timeMasks) {
        public static final Augment NONE = new Augment(0, null, null);

        boolean changes() {
            return semitones != 0 || (freqMasks != null && freqMasks.count() > 0) || (timeMasks != null && timeMasks.count() > 0);
        }
    }

    /** {@code count} masks of at most {@code maxFraction} of the axis each, drawn from {@code rng}. */
    public record Masks(int count, double maxFraction, java.util.SplittableRandom rng) {
    }

    /**
     * A batch with window i changed as {@code augment.apply(i)} says (null: no augmentation);
     * masked values are {@code fill} (the raw value that normalises to 0, i.e. the feature mean).
     */
    public static Batch of(NDManager manager, List<Track> tracks, List<Window> windows, int length,
                           java.util.function.IntFunction<Augment> augment, Vocabulary vocabulary, float fill) {
        int b = windows.size();
        Track first = tracks.get(windows.get(0).track());
        int f = first.featureSize();
        int c = first.classes();
        boolean soft = first.soft() != null;
        float[] x = new float[b * length * f];
        int[] y = new int[b * length];
        float[] q = soft ? new float[b * length * c] : null;
        float[] m = new float[b * length];
        int real = 0;
        for (int i = 0; i < b; i++) {
            Window w = windows.get(i);
            Track t = tracks.get(w.track());
            int n = Math.min(length, t.frames() - w.start());
            Augment a = augment == null ? Augment.NONE : augment.apply(i);
            int shift = a.semitones();
            if (!a.changes()) {
                System.arraycopy(t.features(), w.start() * f, x, i * length * f, n * f);
            } else {
                float[][] rows = new float[n][f];
                for (int j = 0; j < n; j++) {
                    System.arraycopy(t.features(), (w.start() + j) * f, rows[j], 0, f);
                }
                if (shift != 0) {
                    rows = PitchShift.shiftFeatures(rows, shift, BINS_PER_SEMITONE * 12, SILENCE);
                }
                if (a.freqMasks() != null && a.freqMasks().count() > 0) {
                    SpectrogramMasks.maskFrequencies(rows, a.freqMasks().count(), a.freqMasks().maxFraction(), fill,
                            a.freqMasks().rng());
                }
                if (a.timeMasks() != null && a.timeMasks().count() > 0) {
                    SpectrogramMasks.maskTimes(rows, a.timeMasks().count(), a.timeMasks().maxFraction(), fill,
                            a.timeMasks().rng());
                }
                for (int j = 0; j < n; j++) {
                    System.arraycopy(rows[j], 0, x, (i * length + j) * f, f);
                }
            }
            int[] labels = new int[n];
            for (int j = 0; j < n; j++) {
                labels[j] = t.label(w.start() + j);
            }
            if (shift != 0) {
                labels = PitchShift.shiftLabels(labels, shift, vocabulary);
            }
            for (int j = 0; j < n; j++) {
                y[i * length + j] = labels[j];
                m[i * length + j] = 1;
            }
            if (soft) {
                if (shift == 0) {
                    System.arraycopy(t.soft(), w.start() * c, q, i * length * c, n * c);
                } else {
                    float[][] p = new float[n][c];
                    for (int j = 0; j < n; j++) {
                        System.arraycopy(t.soft(), (w.start() + j) * c, p[j], 0, c);
                    }
                    p = PitchShift.shiftSoftLabels(p, shift, vocabulary);
                    for (int j = 0; j < n; j++) {
                        System.arraycopy(p[j], 0, q, (i * length + j) * c, c);
                    }
                }
            }
            real += n;
        }
        return new Batch(manager.create(x, new Shape(b, length, f)), manager.create(y, new Shape(b, length)),
                soft ? manager.create(q, new Shape(b, length, c)) : null, manager.create(m, new Shape(b, length)), real);
    }

    /** Features normalised for a model. */
    public NDArray normalized(Normalization n) {
        return features.sub((float) n.mean()).div((float) n.std());
    }
}
