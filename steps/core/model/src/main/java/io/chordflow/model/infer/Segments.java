package io.chordflow.model.infer;

import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/** Frame classes to {@code .lab} segments: runs of one class merge; frame t spans [t, t+1) x frame seconds. */
public final class Segments {
    private Segments() {
    }

    public static List<ChordSegment> of(int[] frames, Vocabulary vocabulary, double frameSeconds) {
        List<ChordSegment> out = new ArrayList<>();
        int start = 0;
        for (int t = 1; t <= frames.length; t++) {
            if (t == frames.length || frames[t] != frames[start]) {
                out.add(new ChordSegment(start * frameSeconds, t * frameSeconds, vocabulary.label(frames[start])));
                start = t;
            }
        }
        return out;
    }

    public static int[] argmax(float[][] scores) {
        int[] out = new int[scores.length];
        for (int t = 0; t < scores.length; t++) {
            int best = 0;
            for (int c = 1; c < scores[t].length; c++) {
                if (scores[t][c] > scores[t][best]) {
                    best = c;
                }
            }
            out[t] = best;
        }
        return out;
    }
}
