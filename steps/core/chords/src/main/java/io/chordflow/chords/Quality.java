package io.chordflow.chords;

import java.util.Map;
import java.util.Set;

/**
 * Quality shorthands and their semitone bitmaps (bit i = i semitones above the root), exactly
 * mir_eval's {@code QUALITIES} and {@code EXTENDED_QUALITY_REDUX} tables. Extended chords (9, 11,
 * 13) hold only their seventh-chord tones here; with reduction their upper voices become
 * extensions. One addition: {@code maj11}, which mir_eval's grammar accepts but its table lacks
 * (mir_eval raises on it), is given {@code maj7}'s bitmap like {@code maj9} and {@code maj13}.
 */
public final class Quality {
    private static final Map<String, Integer> BITMAPS = Map.ofEntries(
            q("maj", 0, 4, 7), q("min", 0, 3, 7), q("aug", 0, 4, 8), q("dim", 0, 3, 6),
            q("sus4", 0, 5, 7), q("sus2", 0, 2, 7), q("7", 0, 4, 7, 10), q("maj7", 0, 4, 7, 11),
            q("min7", 0, 3, 7, 10), q("minmaj7", 0, 3, 7, 11), q("maj6", 0, 4, 7, 9), q("min6", 0, 3, 7, 9),
            q("dim7", 0, 3, 6, 9), q("hdim7", 0, 3, 6, 10), q("aug7", 0, 4, 8, 10), q("maj9", 0, 4, 7, 11),
            q("min9", 0, 3, 7, 10), q("9", 0, 4, 7, 10), q("min11", 0, 3, 7, 10), q("11", 0, 4, 7, 10),
            q("maj11", 0, 4, 7, 11), q("maj13", 0, 4, 7, 11), q("min13", 0, 3, 7, 10), q("13", 0, 4, 7, 10),
            q("1", 0), q("5", 0, 7), q(""));

    /** Extended quality -> (base quality, upper voices as scale degrees). */
    private record Redux(String base, Set<String> extensions) {
    }

    private static final Map<String, Redux> REDUX = Map.ofEntries(
            Map.entry("minmaj7", new Redux("min", Set.of("7"))),
            Map.entry("maj9", new Redux("maj7", Set.of("9"))),
            Map.entry("min9", new Redux("min7", Set.of("9"))),
            Map.entry("9", new Redux("7", Set.of("9"))),
            Map.entry("b9", new Redux("7", Set.of("b9"))),
            Map.entry("#9", new Redux("7", Set.of("#9"))),
            Map.entry("11", new Redux("7", Set.of("9", "11"))),
            Map.entry("#11", new Redux("7", Set.of("9", "#11"))),
            Map.entry("13", new Redux("7", Set.of("9", "11", "13"))),
            Map.entry("b13", new Redux("7", Set.of("9", "11", "b13"))),
            Map.entry("min11", new Redux("min7", Set.of("9", "11"))),
            Map.entry("maj11", new Redux("maj7", Set.of("9", "11"))),
            Map.entry("maj13", new Redux("maj7", Set.of("9", "11", "13"))),
            Map.entry("min13", new Redux("min7", Set.of("9", "11", "13"))));

    private Quality() {
    }

    private static Map.Entry<String, Integer> q(String name, int... semitones) {
        int bits = 0;
        for (int s : semitones) {
            bits |= 1 << s;
        }
        return Map.entry(name, bits);
    }

    public static boolean isKnown(String quality) {
        return BITMAPS.containsKey(quality);
    }

    /** The quality's bitmap; an unknown shorthand throws naming it. */
    public static int bitmap(String quality) {
        Integer b = BITMAPS.get(quality);
        if (b == null) {
            throw new InvalidChordException(quality, "unsupported chord quality shorthand");
        }
        return b;
    }

    static String reducedBase(String quality) {
        Redux r = REDUX.get(quality);
        return r == null ? quality : r.base();
    }

    static Set<String> reducedExtensions(String quality) {
        Redux r = REDUX.get(quality);
        return r == null ? Set.of() : r.extensions();
    }
}
