package io.chordflow.audio.decode;

/** Decoded audio: mono samples in [-1, 1] at their native rate. */
public record DecodedAudio(float[] samples, int sampleRate) {
    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
