package io.chordflow.chords.eval;

import io.chordflow.chords.Chord;
import java.util.List;

/**
 * The twelve label comparisons of mir_eval, in the order {@code evaluate} reports them. Each
 * compares one reference and one estimated chord and returns 1, 0, or -1 when the reference is
 * outside the metric's vocabulary (never counted). X references are never counted.
 */
public enum ChordMetric {
    THIRDS("thirds"), THIRDS_INV("thirds_inv"), TRIADS("triads"), TRIADS_INV("triads_inv"),
    TETRADS("tetrads"), TETRADS_INV("tetrads_inv"), ROOT("root"), MIREX("mirex"),
    MAJMIN("majmin"), MAJMIN_INV("majmin_inv"), SEVENTHS("sevenths"), SEVENTHS_INV("sevenths_inv");

    /** The seven metrics paper 1 reports. */
    public static final List<ChordMetric> PAPER = List.of(ROOT, THIRDS, TRIADS, SEVENTHS, TETRADS, MAJMIN, MIREX);

    private static final int THIRD = 1 << 3;
    private static final int TRIAD = 0xFF; // semitones 0..7: up to the #5
    private static final int ALL = 0xFFF;
    private static final int MAJ_TRIAD = 0b1001_0001;
    private static final int MIN_TRIAD = 0b1000_1001;
    private static final int[] SEVENTHS_VOCAB = {0b1001_0001, 0b1000_1001, 0b1000_1001_0001, 0b0100_1001_0001, 0b0100_1000_1001, 0};
    private static final int MIREX_MIN_SHARED = 3;

    private final String key;

    ChordMetric(String key) {
        this.key = key;
    }

    /** mir_eval's name for the metric. */
    public String key() {
        return key;
    }

    public int compare(Chord ref, Chord est) {
        if (ref.unknown()) {
            return -1;
        }
        boolean root = ref.root() == est.root();
        boolean bass = ref.bass() == est.bass();
        return switch (this) {
            case ROOT -> score(root);
            case THIRDS -> score(root && same(ref, est, THIRD));
            case THIRDS_INV -> score(root && bass && same(ref, est, THIRD));
            case TRIADS -> score(root && same(ref, est, TRIAD));
            case TRIADS_INV -> score(root && bass && same(ref, est, TRIAD));
            case TETRADS -> score(root && same(ref, est, ALL));
            case TETRADS_INV -> score(root && bass && same(ref, est, ALL));
            case MAJMIN -> isMajMinOrN(ref) ? score(root && same(ref, est, TRIAD)) : -1;
            case MAJMIN_INV -> isMajMinOrN(ref) && bassInChord(ref) ? score(root && bass && same(ref, est, TRIAD)) : -1;
            case SEVENTHS -> isSeventhsVocab(ref) ? score(root && same(ref, est, ALL)) : -1;
            case SEVENTHS_INV -> isSeventhsVocab(ref) && bassInChord(ref) ? score(root && bass && same(ref, est, ALL)) : -1;
            case MIREX -> mirex(ref, est);
        };
    }

    private static int score(boolean correct) {
        return correct ? 1 : 0;
    }

    /** Bitmaps equal on {@code mask}; X's all -1 bitmap equals only another X. */
    private static boolean same(Chord a, Chord b, int mask) {
        if (a.unknown() || b.unknown()) {
            return a.unknown() == b.unknown();
        }
        return (a.bitmap() & mask) == (b.bitmap() & mask);
    }

    private static boolean isMajMinOrN(Chord ref) {
        int triad = ref.bitmap() & TRIAD;
        return triad == MAJ_TRIAD || triad == MIN_TRIAD || ref.isNoChord();
    }

    private static boolean isSeventhsVocab(Chord ref) {
        for (int b : SEVENTHS_VOCAB) {
            if (ref.bitmap() == b) {
                return true;
            }
        }
        return false;
    }

    private static boolean bassInChord(Chord ref) {
        return ref.bass() < 0 || ref.hasSemitone(ref.bass());
    }

    /** At least three shared pitch classes; N vs N (or X) is correct; 1-2 note references skip. */
    private static int mirex(Chord ref, Chord est) {
        int notes = ref.size();
        if (notes > 0 && notes < MIREX_MIN_SHARED) {
            return -1;
        }
        if (ref.root() == -1 && est.root() == -1) {
            return 1;
        }
        return score(Integer.bitCount(ref.absolutePitchClasses() & est.absolutePitchClasses()) >= MIREX_MIN_SHARED);
    }
}
