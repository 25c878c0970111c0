package io.chordflow.model;

import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import java.util.Locale;

/**
 * What a model predicts per frame: chords (the {@code large} or {@code majmin} vocabulary) or the
 * song's key (paper 2's second task, {@link KeyClasses}: 12 major, 12 minor, none). Both read the
 * same CQT features and use the same backbones; only the classes, the targets ({@code .lab} or
 * {@code .key}) and the evaluation differ.
 */
public enum Task {
    CHORD, KEY;

    /** {@code chord} or {@code key}; anything else is an input error naming {@code where}. */
    public static Task parse(String s, String where) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException(where + ": expected chord or key, got '" + s + "'");
        }
    }

    /** The task a vocabulary belongs to. */
    public static Task of(Vocabulary v) {
        return v instanceof KeyClasses ? KEY : CHORD;
    }

    /**
     * A vocabulary by name: the chord vocabularies of {@link Vocabulary#named} plus
     * {@value KeyClasses#NAME} (also {@code key}).
     */
    public static Vocabulary vocabulary(String name) {
        if (KeyClasses.NAME.equals(name) || "key".equals(name)) {
            return KeyClasses.INSTANCE;
        }
        try {
            return Vocabulary.named(name);
        } catch (InputException e) {
            throw new InputException("vocabulary '" + name + "' is not known (expected large, majmin or " + KeyClasses.NAME + ")");
        }
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
