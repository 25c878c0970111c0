package io.chordflow.chords.key;

/**
 * The 25 key classes of the key task (paper 2): tonic * 2 for major, tonic * 2 + 1 for minor,
 * 24 for none (X, or a mode other than major/minor).
 */
public final class KeyVocabulary {
    public static final int SIZE = 25;
    public static final int NONE = 24;

    private KeyVocabulary() {
    }

    public static int index(Key key) {
        if (key.tonic() < 0) {
            return NONE;
        }
        return switch (key.mode()) {
            case MAJOR -> key.tonic() * 2;
            case MINOR -> key.tonic() * 2 + 1;
            default -> NONE;
        };
    }

    public static Key key(int index) {
        if (index < 0 || index >= SIZE) {
            throw new IllegalArgumentException("key class " + index + " is outside 0-24");
        }
        return index == NONE ? Key.UNKNOWN : new Key(index / 2, index % 2 == 0 ? Key.Mode.MAJOR : Key.Mode.MINOR);
    }

    /** The class after pitch-shifting by {@code semitones}; none stays none. */
    public static int transpose(int index, int semitones) {
        Key k = key(index);
        return index == NONE ? NONE : index(new Key(Math.floorMod(k.tonic() + semitones, 12), k.mode()));
    }
}
