package io.chordflow.beats;

/**
 * One beat: its time in seconds and its position in the bar, counted from 1 (1 is the downbeat),
 * or 0 when the annotation gives no position.
 */
public record Beat(double time, int position) {
    public static final int UNKNOWN = 0;

    public Beat {
        if (!(time >= 0) || !Double.isFinite(time) || position < 0) {
            throw new IllegalArgumentException("beat at " + time + " s, position " + position + ": need time >= 0 and position >= 0");
        }
    }

    public boolean isDownbeat() {
        return position == 1;
    }
}
