package io.chordflow.audio.synth;

import java.util.Locale;

/**
 * The parts of an arrangement. Each song chooses a timbre source per part, so one song can mix sources.
 * {@code PAD} is a second harmonic layer (held chords on strings, pads or organ) that some songs have.
 */
public enum Part {
    COMP, BASS, MELODY, DRUMS, PAD;

    /** Lower-case name used in the manifest. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
