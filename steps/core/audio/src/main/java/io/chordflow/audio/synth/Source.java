package io.chordflow.audio.synth;

import java.nio.file.Path;
import java.util.Set;

/**
 * A timbre source: a short stable name ({@code additive}, {@code fluidr3@fluidsynth}, ...), the renderer
 * that plays it, the soundfont (null for the additive synth), the Debian package that installs it, the
 * parts it can play (a drum-kit soundfont plays only {@link Part#DRUMS}), and its weight when a part draws
 * its source (Gervill's is 0.5: it costs ~2.5x FluidSynth's CPU per second of audio).
 */
public record Source(String name, String soundfontName, Engine engine, Path soundfont, String debianPackage,
                     Set<Part> parts, double weight) {

    /** How a source turns notes into samples. */
    public enum Engine {
        /** This module's additive synthesis ({@link NoteBank}). */
        ADDITIVE,
        /** The JDK's software synthesizer (Gervill) with a soundfont ({@link GmRenderer}). */
        GERVILL,
        /** The {@code fluidsynth} command line with a soundfont ({@link FluidSynthRenderer}). */
        FLUIDSYNTH;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean plays(Part p) {
        return parts.contains(p);
    }
}
