package io.chordflow.beats.dbn;

import java.util.List;

/**
 * Settings of {@link DbnDownbeatTracker}, with madmom's {@code DBNDownBeatTrackingProcessor}
 * defaults: tempo 55..215 bpm, at most 60 tempi, {@code transition_lambda} 100,
 * {@code observation_lambda} 16, activation threshold 0.05, peak correction on.
 *
 * @param beatsPerBar bar lengths to model (one HMM each; the likelier decoding wins), e.g. [3, 4]
 * @param minBpm slowest tempo
 * @param maxBpm fastest tempo
 * @param numTempi at most this many tempi (log-spaced when the whole-frame range has more)
 * @param transitionLambda tempo-change sharpness at beat boundaries (higher: steadier tempo)
 * @param observationLambda the first {@code 1/observationLambda} of each beat is its "beat" part
 * @param threshold decode only from the first to the last frame where an activation reaches
 *     this (0 decodes everything)
 * @param correct move each beat to the activation peak inside its beat part
 * @param fps activation frames per second (paper 2: one frame per 50 ms, 20 fps)
 * @param upsample decode at {@code fps * upsample} frames per second, the activations linearly
 *     interpolated (1: madmom exactly). madmom's defaults were set at 100 fps; at 20 fps a beat of
 *     12.4 frames must alternate 12 and 13, and with {@code lambda = 100} the model rather drifts
 *     a frame (50 ms) than pay the tempo change, so paper 2's 20 fps output is best decoded with
 *     {@code upsample = 5} (see {@link #paper2})
 */
public record DbnSettings(List<Integer> beatsPerBar, double minBpm, double maxBpm, int numTempi, double transitionLambda,
        int observationLambda, double threshold, boolean correct, double fps, int upsample) {
    public DbnSettings {
        beatsPerBar = List.copyOf(beatsPerBar);
        if (beatsPerBar.isEmpty() || beatsPerBar.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("beatsPerBar must list bar lengths >= 1, got " + beatsPerBar);
        }
        if (!(minBpm > 0) || !(maxBpm >= minBpm)) {
            throw new IllegalArgumentException("need 0 < minBpm <= maxBpm, got " + minBpm + ", " + maxBpm);
        }
        if (upsample < 1 || upsample > 100) {
            throw new IllegalArgumentException("upsample must be 1..100, got " + upsample);
        }
        if (!(fps > 0) || numTempi < 1 || observationLambda < 2 || !(transitionLambda > 0) || !(threshold >= 0)) {
            throw new IllegalArgumentException("need fps > 0, numTempi >= 1, observationLambda >= 2, transitionLambda > 0, threshold >= 0");
        }
        if (60.0 * fps * upsample / maxBpm < 1) {
            throw new IllegalArgumentException("maxBpm " + maxBpm + " is faster than one beat per frame at " + fps + " fps");
        }
    }

    /** madmom's defaults for the given bar lengths and frame rate, decoded at that rate. */
    public static DbnSettings defaults(List<Integer> beatsPerBar, double fps) {
        return new DbnSettings(beatsPerBar, 55, 215, 60, 100, 16, 0.05, true, fps, 1);
    }

    /** Paper 2's downbeat output (20 fps, 3 or 4 beats per bar) decoded at 100 fps with madmom's defaults. */
    public static DbnSettings paper2() {
        return defaults(List.of(3, 4), 20).withUpsample(5);
    }

    public DbnSettings withTempo(double minBpm, double maxBpm) {
        return new DbnSettings(beatsPerBar, minBpm, maxBpm, numTempi, transitionLambda, observationLambda, threshold, correct, fps, upsample);
    }

    public DbnSettings withUpsample(int factor) {
        return new DbnSettings(beatsPerBar, minBpm, maxBpm, numTempi, transitionLambda, observationLambda, threshold, correct, fps, factor);
    }

    public DbnSettings withCorrect(boolean on) {
        return new DbnSettings(beatsPerBar, minBpm, maxBpm, numTempi, transitionLambda, observationLambda, threshold, on, fps, upsample);
    }

    public DbnSettings withTransitionLambda(double lambda) {
        return new DbnSettings(beatsPerBar, minBpm, maxBpm, numTempi, lambda, observationLambda, threshold, correct, fps, upsample);
    }

    /** The rate the network runs at: {@code fps * upsample}. */
    public double decodingFps() {
        return fps * upsample;
    }

    /** Shortest beat in decoding frames: {@code 60 fps' / maxBpm}. */
    double minInterval() {
        return 60.0 * decodingFps() / maxBpm;
    }

    /** Longest beat in decoding frames: {@code 60 fps' / minBpm}. */
    double maxInterval() {
        return 60.0 * decodingFps() / minBpm;
    }
}
