package io.chordflow.model.data;

import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.LabFile;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny learnable chord corpus for tests and smoke runs (not music: the audio module's synth
 * makes real audio): each class has a fixed random 144-bin template
 * (a random projection of its one-hot vector); songs are runs of 6-20 frames of one class, with
 * features = template + Gaussian noise. Chance level is 1/classes.
 */
public final class SyntheticChords {
    private SyntheticChords() {
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

    /** Writes {@code songs} feature files {@code songN.npy} and reference {@code songN.lab} files (vocabulary labels). */
    public static void writeCorpus(Path featureDir, Path labelDir, int songs, int frames, Vocabulary vocabulary, long seed,
                                   double frameSeconds) throws IOException {
        Files.createDirectories(featureDir);
        Files.createDirectories(labelDir);
        for (Track t : tracks(songs, frames, vocabulary.size(), seed)) {
            Npy.writeFloat32(featureDir.resolve(t.id() + ".npy"), t.features(), t.frames(), t.featureSize());
            List<ChordSegment> segs = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= t.frames(); i++) {
                if (i == t.frames() || t.hard()[i] != t.hard()[start]) {
                    segs.add(new ChordSegment(start * frameSeconds, i * frameSeconds, vocabulary.label(t.hard()[start])));
                    start = i;
                }
            }
            LabFile.write(labelDir.resolve(t.id() + ".lab"), segs);
        }
    }
}
