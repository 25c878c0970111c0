package io.chordflow.chords;

/** Spellings to semitones: pitch classes ({@code Gbb}) and scale degrees ({@code b3}, {@code #11}). */
public final class Intervals {
    private static final int[] NATURALS = {9, 11, 0, 2, 4, 5, 7}; // A..G
    private static final int[] DEGREE_SEMITONES = {0, 2, 4, 5, 7, 9, 11, 12, 14, 16, 17, 19, 21}; // degrees 1..13

    private Intervals() {
    }

    /** {@code mir_eval.chord.pitch_class_to_semitone}: C = 0, any number of sharps or flats, mod 12. */
    public static int pitchClass(String spelling) {
        if (spelling.isEmpty() || spelling.charAt(0) < 'A' || spelling.charAt(0) > 'G') {
            throw new InvalidChordException(spelling, "pitch class must start with A-G");
        }
        int s = NATURALS[spelling.charAt(0) - 'A'];
        for (int i = 1; i < spelling.length(); i++) {
            char c = spelling.charAt(i);
            if (c == '#') {
                s++;
            } else if (c == 'b') {
                s--;
            } else {
                throw new InvalidChordException(spelling, "pitch class improperly formed");
            }
        }
        return Math.floorMod(s, 12);
    }

    /**
     * {@code mir_eval.chord.scale_degree_to_semitone}: semitones above the root, not wrapped
     * ({@code 9 -> 14}, {@code b1 -> -1}).
     */
    public static int scaleDegree(String degree) {
        int offset = 0;
        String d = degree;
        if (d.startsWith("#")) {
            offset = count(d, '#');
            d = d.replace("#", "");
        } else if (d.startsWith("b")) {
            offset = -count(d, 'b');
            d = d.replace("b", "");
        }
        int n;
        try {
            n = Integer.parseInt(d);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 13 || !d.equals(Integer.toString(n))) {
            throw new InvalidChordException(degree, "scale degree improperly formed, expected 1-13 with sharps or flats");
        }
        return DEGREE_SEMITONES[n - 1] + offset;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
