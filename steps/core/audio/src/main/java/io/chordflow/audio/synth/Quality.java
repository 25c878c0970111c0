package io.chordflow.audio.synth;

/**
 * The 14 chord qualities of BTC's large vocabulary, in its class order (class = root*14 + ordinal), with
 * their intervals in semitones above the root and the Harte shorthand.
 */
public enum Quality {
    MIN("min", 0, 3, 7),
    MAJ("maj", 0, 4, 7),
    DIM("dim", 0, 3, 6),
    AUG("aug", 0, 4, 8),
    MIN6("min6", 0, 3, 7, 9),
    MAJ6("maj6", 0, 4, 7, 9),
    MIN7("min7", 0, 3, 7, 10),
    MINMAJ7("minmaj7", 0, 3, 7, 11),
    MAJ7("maj7", 0, 4, 7, 11),
    DOM7("7", 0, 4, 7, 10),
    DIM7("dim7", 0, 3, 6, 9),
    HDIM7("hdim7", 0, 3, 6, 10),
    SUS2("sus2", 0, 2, 7),
    SUS4("sus4", 0, 5, 7);

    private final String harte;
    private final int[] intervals;

    Quality(String harte, int... intervals) {
        this.harte = harte;
        this.intervals = intervals;
    }

    public String harte() {
        return harte;
    }

    public int[] intervals() {
        return intervals.clone();
    }

    /** Harte scale degree of an interval of this chord, for slash (inversion) labels: 4 -> "3", 3 -> "b3". */
    public String degree(int interval) {
        if (this == DIM7 && interval == 9) {
            return "bb7";
        }
        return switch (interval) {
            case 0 -> "1";
            case 2 -> "2";
            case 3 -> "b3";
            case 4 -> "3";
            case 5 -> "4";
            case 6 -> "b5";
            case 7 -> "5";
            case 8 -> "#5";
            case 9 -> "6";
            case 10 -> "b7";
            case 11 -> "7";
            default -> throw new IllegalArgumentException("interval " + interval);
        };
    }
}
