package io.chordflow.chords;

import java.util.ArrayList;
import java.util.List;

/**
 * A chord encoded as mir_eval encodes it: {@code root} pitch class (0 = C, -1 for N and X),
 * {@code bitmap} of active semitones relative to the root (bit i = i semitones up; the bass is
 * always included), {@code bass} semitone relative to the root (-1 for N and X). X, whose
 * mir_eval bitmap is all -1, is flagged by {@link #unknown()}.
 */
public record Chord(int root, int bitmap, int bass, boolean unknown) {
    public static final Chord NO_CHORD = new Chord(-1, 0, -1, false);
    public static final Chord UNKNOWN = new Chord(-1, 0, -1, true);

    /** {@code mir_eval.chord.encode(label)}: upper voices of extended chords are dropped. */
    public static Chord parse(String label) {
        return encode(label, false);
    }

    /**
     * {@code mir_eval.chord.encode(label, reduce_extended_chords)}. With reduction, extended
     * qualities become their base plus upper voices folded into the octave (as mir_eval does for
     * merging segments).
     */
    public static Chord encode(String label, boolean reduceExtended) {
        if (label.equals(HarteLabel.NO_CHORD)) {
            return NO_CHORD;
        }
        if (label.equals(HarteLabel.UNKNOWN)) {
            return UNKNOWN;
        }
        HarteLabel h = HarteLabel.parse(label);
        String quality = h.quality();
        List<String> degrees = new ArrayList<>(h.degrees());
        if (reduceExtended) {
            // mir_eval adds the extensions to the label's degree set, so duplicates collapse
            for (String d : Quality.reducedExtensions(quality)) {
                if (!degrees.contains(d)) {
                    degrees.add(d);
                }
            }
            quality = Quality.reducedBase(quality);
        }
        int root = Intervals.pitchClass(h.root());
        int bass = Math.floorMod(Intervals.scaleDegree(h.bass()), 12);
        int base = Quality.bitmap(quality) | 1;
        // mir_eval sums +1/-1 edits per semitone on top of the quality and keeps positives
        int[] counts = new int[12];
        for (int i = 0; i < 12; i++) {
            counts[i] = (base >> i) & 1;
        }
        for (String d : degrees) {
            int sign = 1;
            String degree = d;
            if (degree.startsWith("*")) {
                sign = -1;
                degree = degree.replace("*", "");
            }
            int semitone = Intervals.scaleDegree(degree);
            if (semitone < 12 || reduceExtended) {
                counts[Math.floorMod(semitone, 12)] += sign;
            }
        }
        int bitmap = 0;
        for (int i = 0; i < 12; i++) {
            if (counts[i] > 0) {
                bitmap |= 1 << i;
            }
        }
        bitmap |= 1 << bass;
        return new Chord(root, bitmap, bass, false);
    }

    public boolean isNoChord() {
        return root < 0 && !unknown;
    }

    public boolean hasSemitone(int semitone) {
        return (bitmap >> semitone & 1) == 1;
    }

    /** Number of active semitones (0 for N and X). */
    public int size() {
        return unknown ? 0 : Integer.bitCount(bitmap);
    }

    /**
     * Absolute pitch classes ({@code mir_eval.chord.rotate_bitmap_to_root}). For X this is all
     * twelve: mir_eval rotates its all -1 bitmap, whose every entry is non-zero.
     */
    public int absolutePitchClasses() {
        if (unknown) {
            return 0xFFF;
        }
        if (root < 0) {
            return 0;
        }
        return ((bitmap << root) | (bitmap >>> (12 - root))) & 0xFFF;
    }
}
