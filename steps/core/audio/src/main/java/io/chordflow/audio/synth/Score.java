package io.chordflow.audio.synth;

import java.util.List;

/**
 * Everything about one song, decided by the composer before a sample is computed: notes, drum hits, the
 * chord labels, key(s), tempo, metre and style, and the beats (with their place in the bar) and sections it
 * was composed in. Times in samples at {@link #sampleRate}. How it sounds
 * (which source plays which part, the production chain) is decided apart, so the same score can be heard
 * through any source.
 */
public record Score(int sampleRate, int lengthSamples, String tonic, String mode, double bpm, String metre,
                    double swing, String style, List<KeyChange> keys, List<Note> notes, List<Hit> hits,
                    List<Segment> labels, int fadeStart, int fadeEnd, int drumKit, List<BeatTime> beats,
                    List<Segment> sections) {

    /** A score without a fade-out, on the standard GM kit. */
    public Score(int sampleRate, int lengthSamples, String tonic, String mode, double bpm, String metre, double swing, String style,
                 List<KeyChange> keys, List<Note> notes, List<Hit> hits, List<Segment> labels) {
        this(sampleRate, lengthSamples, tonic, mode, bpm, metre, swing, style, keys, notes, hits, labels, -1, -1, 0, List.of(),
                List.of());
    }

    /** Whether the song fades out: the mix falls from 0 to -60 dB over [fadeStart, fadeEnd) samples, silent after. */
    public boolean fades() {
        return fadeStart >= 0;
    }

    /**
     * A pitched note of {@code part}: {@code midi} from {@code start} for {@code length} samples.
     * {@code timbre} is what the additive source plays it with, {@code program} the General MIDI program
     * (0-127) a soundfont plays it with.
     */
    public record Note(int start, int length, Part part, Timbre timbre, int program, int midi, float gain) {
    }

    /**
     * A drum hit (GM channel 10 on soundfonts, kit {@link #drumKit} (GM2 kit program: 0 standard, 8 room, 16 power,
     * 24 electronic, 25 TR-808, 32 jazz, 40 brush), {@link Drum} samples on the additive source).
     */
    public record Hit(int start, Drum drum, float gain) {
    }

    /** A beat at {@code time} seconds, {@code position} in its bar from 1 (the downbeat). */
    public record BeatTime(double time, int position) {
    }

    /** A labelled segment in seconds: a Harte chord label, or a section's function (paper 2's classes). */
    public record Segment(double start, double end, String label) {
    }

    /** The key from {@code time} (seconds) on, e.g. {@code A:minor}. */
    public record KeyChange(double time, String tonic, String mode) {
        public String key() {
            return tonic + ":" + mode;
        }
    }

    public double seconds() {
        return lengthSamples / (double) sampleRate;
    }

    /** The song's first key (the one its {@code .key} file holds). */
    public String key() {
        return tonic + ":" + mode;
    }
}
