package io.chordflow.chords;

import java.util.List;

/**
 * BTC's 170-class vocabulary. Label to class, as in BTC's preprocessing: the bass is ignored,
 * extended chords fall back to their seventh chord (9 -> 7, min9 -> min7, maj13 -> maj7); a chord
 * with added or omitted degrees takes the quality it spells when that is one of the 14
 * (C:min(6) is min6, C:(1,b3,5) is min), else its shorthand decides (C:maj(*5) is maj); anything
 * else (power chords, aug7, bare interval lists) is X. Non-Harte shorthands {@code :4} and {@code :6} found in some datasets are
 * read as sus4 and maj6.
 */
final class LargeVocabulary implements Vocabulary {
    static final List<String> QUALITIES = List.of(
            "min", "maj", "dim", "aug", "min6", "maj6", "min7", "minmaj7", "maj7", "7", "dim7", "hdim7", "sus2", "sus4");
    static final int X = 168;
    static final int N = 169;
    private static final int[] QUALITY_BITMAPS = QUALITIES.stream().mapToInt(Quality::bitmap).toArray();

    @Override
    public String name() {
        return "large";
    }

    @Override
    public int size() {
        return 170;
    }

    @Override
    public int noChord() {
        return N;
    }

    @Override
    public int index(String label) {
        int q = qualityIndex(label);
        if (q == -2) {
            return N;
        }
        if (q < 0) {
            return X;
        }
        return Intervals.pitchClass(HarteLabel.parse(normalise(label)).root()) * 14 + q;
    }

    /** Index into {@link #QUALITIES}, -1 for X (or outside the 14), -2 for N. */
    static int qualityIndex(String label) {
        String l = normalise(label);
        HarteLabel h = HarteLabel.parse(l);
        if (h.isNoChord()) {
            return -2;
        }
        if (h.isUnknown()) {
            return -1;
        }
        String base = Quality.reducedBase(h.quality());
        if (!h.degrees().isEmpty()) {
            // the spelled chord without its bass, upper voices dropped as mir_eval does
            int bits = Chord.parse(withoutBass(l)).bitmap();
            for (int i = 0; i < QUALITY_BITMAPS.length; i++) {
                if (QUALITY_BITMAPS[i] == bits) {
                    return i;
                }
            }
        }
        if (h.quality().equals("minmaj7")) {
            return QUALITIES.indexOf("minmaj7");
        }
        return QUALITIES.indexOf(base);
    }

    private static String withoutBass(String label) {
        int slash = label.indexOf('/');
        return slash < 0 ? label : label.substring(0, slash);
    }

    private static String normalise(String label) {
        if (label.endsWith(":4") || label.contains(":4/")) {
            return label.replace(":4", ":sus4");
        }
        if (label.endsWith(":6") || label.contains(":6/")) {
            return label.replace(":6", ":maj6");
        }
        return label;
    }

    @Override
    public String label(int index) {
        if (index == N) {
            return HarteLabel.NO_CHORD;
        }
        if (index == X) {
            return HarteLabel.UNKNOWN;
        }
        check(index);
        return ROOTS.get(index / 14) + ":" + QUALITIES.get(index % 14);
    }

    @Override
    public int transpose(int index, int semitones) {
        check(index);
        if (index >= X) {
            return index;
        }
        return Math.floorMod(index / 14 + semitones, 12) * 14 + index % 14;
    }

    private void check(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("class " + index + " is outside the large vocabulary (0-169)");
        }
    }
}
