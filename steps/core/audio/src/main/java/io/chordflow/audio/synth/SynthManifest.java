package io.chordflow.audio.synth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a synthetic corpus: per split its folders, requested and rendered hours and the
 * seconds per chord quality; per track its split, files, duration, key, tempo and audio hash. No timestamps,
 * so the same seed gives the same bytes. Format version {@value #FORMAT_VERSION}.
 */
record SynthManifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("seed") long seed,
        @JsonProperty("sample_rate") int sampleRate,
        @JsonProperty("splits") Map<String, Split> splits,
        @JsonProperty("tracks") List<Track> tracks) {
    static final int FORMAT_VERSION = 1;

    record Split(
            @JsonProperty("audio_dir") String audioDir,
            @JsonProperty("labels_dir") String labelsDir,
            @JsonProperty("keys_dir") String keysDir,
            @JsonProperty("labels_for_training") boolean labelsForTraining,
            @JsonProperty("hours_requested") double hoursRequested,
            @JsonProperty("hours") double hours,
            @JsonProperty("tracks") int tracks,
            @JsonProperty("quality_seconds") Map<String, Double> qualitySeconds) {
    }

    record Track(
            @JsonProperty("id") String id,
            @JsonProperty("split") String split,
            @JsonProperty("audio") String audio,
            @JsonProperty("labels") String labels,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("key") String key,
            @JsonProperty("tonic") String tonic,
            @JsonProperty("mode") String mode,
            @JsonProperty("bpm") double bpm,
            @JsonProperty("renderer") String renderer,
            @JsonProperty("sha256") String sha256) {
    }
}
