package io.chordflow.audio.synth;

import java.util.Locale;

/** The parts of an arrangement. Each song chooses a timbre source per part, so one song can mix sources. */
public enum Part {
    COMP, BASS, MELODY, DRUMS;

    /** Lower-case name used in the manifest. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
