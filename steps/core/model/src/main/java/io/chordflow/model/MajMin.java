package io.chordflow.model;

/**
 * The 25-class majmin reduction of a class index, for validation frame accuracy the way
 * mir_eval's {@code majmin} counts: the large vocabulary's {@code root*14+q} maps min, min6, min7
 * and minmaj7 to {@code root*2+1}, maj, maj6, maj7 and 7 to {@code root*2}, N (169) to 24; dim,
 * aug, dim7, hdim7, sus2, sus4 and X have no majmin class ({@link #NONE}: a reference frame with
 * it is not counted, an estimate with it is wrong). A 25-class vocabulary maps to itself.
 */
public final class MajMin {
    public static final int NONE = -1;
    public static final int N = 24;
    // q order: min, maj, dim, aug, min6, maj6, min7, minmaj7, maj7, 7, dim7, hdim7, sus2, sus4
    private static final int[] QUALITY = {1, 0, NONE, NONE, 1, 0, 1, 1, 0, 0, NONE, NONE, NONE, NONE};

    private MajMin() {
    }

    /** The majmin class of {@code index} in a vocabulary of {@code classes} (170 or 25), or {@link #NONE}. */
    public static int reduce(int index, int classes) {
        if (classes == 25) {
            return index;
        }
        if (classes != 170) {
            return NONE;
        }
        if (index == 169) {
            return N;
        }
        if (index >= 168) {
            return NONE;
        }
        int q = QUALITY[index % 14];
        return q == NONE ? NONE : (index / 14) * 2 + q;
    }

    public static boolean supported(int classes) {
        return classes == 25 || classes == 170;
    }
}
