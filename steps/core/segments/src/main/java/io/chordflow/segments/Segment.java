package io.chordflow.segments;

/** A labelled section of a song, {@code [start, end)} in seconds, e.g. {@code chorus}. */
public record Segment(double start, double end, String label) {
    public Segment {
        if (!(start >= 0) || !(end > start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("segment [" + start + ", " + end + "] must have 0 <= start < end");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("segment [" + start + ", " + end + "] has no label");
        }
    }

    public double duration() {
        return end - start;
    }
}
