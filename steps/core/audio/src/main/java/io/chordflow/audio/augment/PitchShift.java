package io.chordflow.audio.augment;

import io.chordflow.chords.Vocabulary;
import java.util.Arrays;

/**
 * A1: pitch shift by whole semitones, applied to the constant-Q spectrogram by moving bins
 * ({@code binsPerOctave / 12} per semitone), with chord labels transposed to match.
 *
 * <p>Why on the CQT and not on audio: on a log-frequency axis a pitch shift is exactly a
 * translation, so it costs one array copy instead of a resampling phase vocoder per example, and
 * shifted features need no second CQT. The price: the |shift| semitones that leave the 6-octave
 * range are lost at one edge and filled with {@code floor} at the other, and timbre (formants)
 * moves with the pitch; over +-6 semitones on a C1-B6 range that is what the reference
 * implementations also accept.
 */
public final class PitchShift {
    private PitchShift() {
    }

    /** A copy of {@code features} [frames][bins] moved up by {@code semitones} (down if negative). */
    public static float[][] shiftFeatures(float[][] features, int semitones, int binsPerOctave, float floor) {
        if (binsPerOctave % 12 != 0) {
            throw new IllegalArgumentException("bins per octave " + binsPerOctave + " is not a whole number of bins per semitone");
        }
        int shift = semitones * binsPerOctave / 12;
        float[][] out = new float[features.length][];
        for (int t = 0; t < features.length; t++) {
            float[] row = features[t];
            float[] moved = new float[row.length];
            Arrays.fill(moved, floor);
            for (int b = Math.max(0, -shift); b < row.length && b + shift < row.length; b++) {
                moved[b + shift] = row[b];
            }
            out[t] = moved;
        }
        return out;
    }

    /** Hard labels (class per frame) transposed by {@code semitones}; no-chord and unknown stay. */
    public static int[] shiftLabels(int[] classes, int semitones, Vocabulary vocabulary) {
        int[] out = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = vocabulary.transpose(classes[i], semitones);
        }
        return out;
    }

    /** Soft labels [frames][classes]: each class's probability moves to its transposed class. */
    public static float[][] shiftSoftLabels(float[][] probabilities, int semitones, Vocabulary vocabulary) {
        int[] target = new int[vocabulary.size()];
        for (int c = 0; c < target.length; c++) {
            target[c] = vocabulary.transpose(c, semitones);
        }
        float[][] out = new float[probabilities.length][];
        for (int t = 0; t < probabilities.length; t++) {
            float[] p = probabilities[t];
            if (p.length != target.length) {
                throw new IllegalArgumentException("frame " + t + " has " + p.length + " classes, vocabulary " + vocabulary.name() + " has " + target.length);
            }
            float[] q = new float[p.length];
            for (int c = 0; c < p.length; c++) {
                q[target[c]] += p[c];
            }
            out[t] = q;
        }
        return out;
    }
}
