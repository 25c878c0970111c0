package io.chordflow.model;

import io.chordflow.model.data.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny learnable chord corpus for tests: each class has a fixed random 144-bin template
 * (a random projection of its one-hot vector); songs are runs of 6-20 frames of one class, with
 * features = template + Gaussian noise. Chance level is 1/classes.
 */
public final class Synthetic {
    private Synthetic() {
    }

    public static float[][] templates(int classes, int bins, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] t = new float[classes][bins];
        for (float[] row : t) {
            for (int i = 0; i < bins; i++) {
                row[i] = (float) (r.nextDouble() < 0.15 ? 2 + r.nextDouble() : 0);
            }
        }
        return t;
    }

    /** Frame labels of one song. */
    public static int[] labels(int frames, int classes, SplittableRandom r) {
        int[] y = new int[frames];
        for (int t = 0; t < frames; ) {
            int c = r.nextInt(classes);
            int len = 6 + r.nextInt(15);
            for (int k = 0; k < len && t < frames; k++) {
                y[t++] = c;
            }
        }
        return y;
    }

    public static float[] features(int[] labels, float[][] templates, double noise, SplittableRandom r) {
        int bins = templates[0].length;
        float[] x = new float[labels.length * bins];
        for (int t = 0; t < labels.length; t++) {
            for (int i = 0; i < bins; i++) {
                x[t * bins + i] = (float) (templates[labels[t]][i] + noise * r.nextGaussian() - 3);
            }
        }
        return x;
    }

    public static List<Track> tracks(int songs, int frames, int classes, long seed) {
        float[][] tpl = templates(classes, 144, 1234);
        SplittableRandom r = new SplittableRandom(seed);
        List<Track> out = new ArrayList<>();
        for (int s = 0; s < songs; s++) {
            int[] y = labels(frames, classes, r);
            out.add(new Track("song" + s, features(y, tpl, 0.7, r), frames, 144, y, null, classes));
        }
        return out;
    }
}
