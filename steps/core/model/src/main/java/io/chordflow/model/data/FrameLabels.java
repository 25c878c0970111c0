package io.chordflow.model.data;

import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.Vocabulary;

/**
 * Frame targets from a {@code .lab}: frame t covers {@code [t, t+1) * frameSeconds} and takes the
 * class of the segment that overlaps it most (the earlier one on a tie); a frame no segment
 * touches is no-chord.
 */
public final class FrameLabels {
    private FrameLabels() {
    }

    public static int[] of(java.util.List<ChordSegment> segments, int frames, double frameSeconds, Vocabulary vocabulary) {
        int[] classes = new int[segments.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = vocabulary.index(segments.get(i).label());
        }
        int[] out = new int[frames];
        double[] best = new double[frames];
        java.util.Arrays.fill(out, vocabulary.noChord());
        for (int i = 0; i < classes.length; i++) {
            ChordSegment s = segments.get(i);
            int first = Math.max(0, (int) Math.floor(s.start() / frameSeconds));
            int last = Math.min(frames - 1, (int) Math.ceil(s.end() / frameSeconds) - 1);
            for (int t = first; t <= last; t++) {
                double overlap = Math.min(s.end(), (t + 1) * frameSeconds) - Math.max(s.start(), t * frameSeconds);
                if (overlap > best[t]) {
                    best[t] = overlap;
                    out[t] = classes[i];
                }
            }
        }
        return out;
    }
}
