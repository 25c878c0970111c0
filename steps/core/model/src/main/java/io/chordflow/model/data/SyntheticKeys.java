package io.chordflow.model.data;

import io.chordflow.chords.key.KeyVocabulary;
import io.chordflow.common.io.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny learnable key corpus for tests and smoke runs (not music: the audio module's synth makes
 * real audio with real keys): each song has one of the 24 major/minor keys; each frame sounds one
 * diatonic triad of that key (the tonic triad 40 % of the time, the dominant 20 %, the other five
 * degrees the rest), as +2.5 on the triad's pitch-class bins in every octave of a 144-bin,
 * 24-bins-per-octave CQT layout (bin b is pitch class (b / 2) mod 12, as the features step's CQT
 * from C1), a tonic pedal (+1.5) in the two lowest octaves, plus Gaussian noise. Relative keys
 * share their notes; the tonic's weight and the pedal tell them apart. Chance level is 1/24 (weighted score about 0.1).
 */
public final class SyntheticKeys {
    static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};

    private SyntheticKeys() {
    }

    /** Features {@code [frames * 144]} of a song in key class {@code key} (0-23). */
    public static float[] features(int key, int frames, double noise, SplittableRandom r) {
        int tonic = key / 2;
        int[] scale = key % 2 == 0 ? MAJOR : MINOR;
        float[] x = new float[frames * 144];
        for (int t = 0; t < frames; t++) {
            double u = r.nextDouble();
            int degree = u < 0.4 ? 0 : u < 0.6 ? 4 : new int[] {1, 2, 3, 5, 6}[r.nextInt(5)];
            boolean[] on = new boolean[12];
            for (int k = 0; k < 3; k++) {
                on[(tonic + scale[(degree + 2 * k) % 7]) % 12] = true;
            }
            for (int b = 0; b < 144; b++) {
                int pc = (b / 2) % 12;
                double bass = b < 48 && pc == tonic ? 1.5 : 0; // a tonic pedal in the two lowest octaves
                x[t * 144 + b] = (float) ((on[pc] ? 2.5 : 0) + bass + noise * r.nextGaussian() - 3);
            }
        }
        return x;
    }

    /** {@code songs} songs of {@code frames} frames, keys uniform over the 24 major/minor keys. */
    public static List<Track> tracks(int songs, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Track> out = new ArrayList<>();
        for (int s = 0; s < songs; s++) {
            int key = r.nextInt(24);
            int[] y = new int[frames];
            java.util.Arrays.fill(y, key);
            out.add(new Track("song" + s, features(key, frames, 0.7, r), frames, 144, y, null, KeyVocabulary.SIZE));
        }
        return out;
    }

    /** Writes {@code songN.npy} features and {@code songN.key} references (mir_eval key files, "C# major"). */
    public static void writeCorpus(Path featureDir, Path keyDir, int songs, int frames, long seed) throws IOException {
        Files.createDirectories(featureDir);
        Files.createDirectories(keyDir);
        for (Track t : tracks(songs, frames, seed)) {
            Npy.writeFloat32(featureDir.resolve(t.id() + ".npy"), t.features(), t.frames(), t.featureSize());
            Files.write(keyDir.resolve(t.id() + ".key"),
                    (KeyVocabulary.key(t.hard()[0]) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
