package io.chordflow.audio.synth;

import java.util.List;

/**
 * Everything about one rendered song, decided by the composer before a sample is computed: notes, drum
 * hits, noise, the chord labels and the key. Times in samples at {@link #sampleRate}.
 */
public record Score(int sampleRate, int lengthSamples, String tonic, String mode, double bpm,
                    List<Note> notes, List<Hit> hits, double noiseLevel, long noiseSeed, List<Segment> labels) {

    /** A pitched note: {@code midi} played by {@code timbre} from {@code start} for {@code length} samples. */
    public record Note(int start, int length, Timbre timbre, int midi, float gain) {
    }

    /** A drum hit. */
    public record Hit(int start, Drum drum, float gain) {
    }

    /** A labelled chord segment, seconds, Harte label. */
    public record Segment(double start, double end, String label) {
    }

    public double seconds() {
        return lengthSamples / (double) sampleRate;
    }

    public String key() {
        return tonic + ":" + mode;
    }
}
