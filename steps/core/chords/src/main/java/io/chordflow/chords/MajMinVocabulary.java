package io.chordflow.chords;

/**
 * The 25-class major/minor vocabulary. A chord is major or minor by its third: a minor third
 * (and no major third) makes it minor (min, min7, dim, hdim7...), a major third major (maj, 7,
 * aug...). Chords without a third (sus2, sus4, power chords), X and N map to N: the majmin
 * metric does not count such references either.
 */
final class MajMinVocabulary implements Vocabulary {
    static final int N = 24;

    @Override
    public String name() {
        return "majmin";
    }

    @Override
    public int size() {
        return 25;
    }

    @Override
    public int noChord() {
        return N;
    }

    @Override
    public int index(String label) {
        Chord c = Chord.parse(label);
        if (c.root() < 0) {
            return N;
        }
        boolean minorThird = c.hasSemitone(3);
        boolean majorThird = c.hasSemitone(4);
        if (majorThird && !minorThird) {
            return c.root() * 2;
        }
        if (minorThird) {
            return c.root() * 2 + 1;
        }
        return N;
    }

    @Override
    public String label(int index) {
        check(index);
        if (index == N) {
            return HarteLabel.NO_CHORD;
        }
        return ROOTS.get(index / 2) + (index % 2 == 0 ? ":maj" : ":min");
    }

    @Override
    public int transpose(int index, int semitones) {
        check(index);
        if (index == N) {
            return N;
        }
        return Math.floorMod(index / 2 + semitones, 12) * 2 + index % 2;
    }

    private void check(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("class " + index + " is outside the majmin vocabulary (0-24)");
        }
    }
}
