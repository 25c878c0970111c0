package io.chordflow.model.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
        return of(manager, tracks, windows, length, null, null);
    }

    /**
     * As {@link #of(NDManager, List, List, int)} with pitch-shift augmentation: window i is moved
     * by {@code shifts[i]} semitones, features rolled by {@code binsPerSemitone * shift} bins (bins
     * from outside the range are {@link #SILENCE}) and targets transposed with {@code vocabulary}.
     */
    public static Batch of(NDManager manager, List<Track> tracks, List<Window> windows, int length, int[] shifts,
                           Vocabulary vocabulary) {
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
            int shift = shifts == null ? 0 : shifts[i];
            if (shift == 0) {
                System.arraycopy(t.features(), w.start() * f, x, i * length * f, n * f);
            } else {
                int bins = shift * BINS_PER_SEMITONE;
                for (int j = 0; j < n; j++) {
                    int src = (w.start() + j) * f;
                    int dst = (i * length + j) * f;
                    for (int bin = 0; bin < f; bin++) {
                        int from = bin - bins;
                        x[dst + bin] = from >= 0 && from < f ? t.features()[src + from] : SILENCE;
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                int label = t.label(w.start() + j);
                y[i * length + j] = shift == 0 ? label : vocabulary.transpose(label, shift);
                m[i * length + j] = 1;
            }
            if (soft) {
                if (shift == 0) {
                    System.arraycopy(t.soft(), w.start() * c, q, i * length * c, n * c);
                } else {
                    for (int j = 0; j < n; j++) {
                        for (int k = 0; k < c; k++) {
                            q[(i * length + j) * c + vocabulary.transpose(k, shift)] = t.soft()[(w.start() + j) * c + k];
                        }
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
