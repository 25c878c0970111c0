package io.chordflow.model.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A batch of windows as arrays in one (per-step) manager: raw features {@code [B,T,F]}, hard
 * targets {@code [B,T]} (argmax for soft tracks), soft targets {@code [B,T,C]} (null unless the
 * tracks are soft), frame mask {@code [B,T]}. Padding frames have zero features, label 0, mask 0.
 */
public record Batch(NDArray features, NDArray hard, NDArray soft, NDArray mask, int frames) {

    public static Batch of(NDManager manager, List<Track> tracks, List<Window> windows, int length) {
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
            System.arraycopy(t.features(), w.start() * f, x, i * length * f, n * f);
            for (int j = 0; j < n; j++) {
                y[i * length + j] = t.label(w.start() + j);
                m[i * length + j] = 1;
            }
            if (soft) {
                System.arraycopy(t.soft(), w.start() * c, q, i * length * c, n * c);
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
