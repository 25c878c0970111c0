package io.chordflow.chords;

/** A labelled time span in seconds, one line of a {@code .lab} file. */
public record ChordSegment(double start, double end, String label) {
    public ChordSegment {
        if (!(start >= 0) || !(end >= start)) {
            throw new IllegalArgumentException("segment [" + start + ", " + end + "] must have 0 <= start <= end");
        }
    }

    public double duration() {
        return end - start;
    }
}
