package io.chordflow.model;

import io.chordflow.chords.Vocabulary;
import io.chordflow.chords.key.Key;
import io.chordflow.chords.key.KeyVocabulary;

/**
 * The key task's 25 classes as a {@link Vocabulary} ({@value #NAME}), so that the training,
 * augmentation and inference code that works on class indices works on keys unchanged: class
 * {@code tonic * 2} is major, {@code tonic * 2 + 1} minor, 24 none (mir_eval's {@code X}, or a
 * mode other than major/minor). Labels are mir_eval key strings ({@code "C# major"}, {@code "X"}).
 * Transposing moves the tonic; none stays none.
 */
public final class KeyClasses implements Vocabulary {
    public static final String NAME = "key25";
    public static final KeyClasses INSTANCE = new KeyClasses();

    private KeyClasses() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int size() {
        return KeyVocabulary.SIZE;
    }

    /** A mir_eval key string ({@code mir_eval.key.validate_key}); an invalid one is an input error. */
    @Override
    public int index(String label) {
        return KeyVocabulary.index(Key.parse(label));
    }

    @Override
    public String label(int index) {
        return KeyVocabulary.key(index).toString();
    }

    @Override
    public int transpose(int index, int semitones) {
        return KeyVocabulary.transpose(index, semitones);
    }

    @Override
    public int noChord() {
        return KeyVocabulary.NONE;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
