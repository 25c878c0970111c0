package io.chordflow.chords;

import io.chordflow.common.InputException;

/** A label that is not valid Harte syntax, or uses a quality mir_eval cannot encode. */
public class InvalidChordException extends InputException {
    private final String label;

    public InvalidChordException(String label, String why) {
        super("chord label '" + label + "': " + why);
        this.label = label;
    }

    public String label() {
        return label;
    }
}
