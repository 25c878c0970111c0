package io.chordflow.chords;

import java.util.List;

/**
 * A fixed chord vocabulary: the classes a model predicts. Index order is part of a trained
 * model's contract and never changes for a given {@link #name()}.
 */
public interface Vocabulary {
    /** BTC's 170-class large vocabulary: root * 14 + quality, 168 = X, 169 = N. */
    Vocabulary LARGE = new LargeVocabulary();
    /** 25 classes: root * 2 (major) or root * 2 + 1 (minor), 24 = N. */
    Vocabulary MAJMIN = new MajMinVocabulary();

    /** Root names used when writing labels: sharps, as BTC spells them. */
    List<String> ROOTS = List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B");

    String name();

    int size();

    /** The class of a Harte label; an invalid label throws {@link InvalidChordException}. */
    int index(String label);

    /** A canonical Harte label for a class. */
    String label(int index);

    /** The class after pitch-shifting by {@code semitones}; no-chord and unknown stay as they are. */
    int transpose(int index, int semitones);

    /** The class this vocabulary uses for "no chord". */
    int noChord();

    /**
     * For each class of {@code from}, its class in {@code to} (e.g. large -> majmin to score a
     * 170-class model on the 25-class task).
     */
    static int[] reduction(Vocabulary from, Vocabulary to) {
        int[] map = new int[from.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = to.index(from.label(i));
        }
        return map;
    }

    static Vocabulary named(String name) {
        return switch (name) {
            case "large", "large170", "170" -> LARGE;
            case "majmin", "majmin25", "25" -> MAJMIN;
            default -> throw new io.chordflow.common.InputException(
                    "vocabulary '" + name + "' is not known (expected large or majmin)");
        };
    }
}
