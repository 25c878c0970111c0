package io.chordflow.audio.synth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a synthetic corpus: per split its folders, requested and rendered hours, the sources
 * and styles it may use, and the seconds and segments per chord quality (BTC's 14 classes, N, X), the seconds per source and per style;
 * per track its label, key, beat and structure files and every choice made for it (style, tempo, metre, swing, keys, a source and GM program per part, part
 * levels, the production chain with its parameters, its score seed) and the audio hash. No timestamps, so the
 * same seed gives the same bytes. Format version {@value #FORMAT_VERSION}.
 */
record SynthManifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("generator_version") String generatorVersion,
        @JsonProperty("seed") long seed,
        @JsonProperty("sample_rate") int sampleRate,
        @JsonProperty("splits") Map<String, Split> splits,
        @JsonProperty("tracks") List<Track> tracks) {
    static final int FORMAT_VERSION = 3;

    record Split(
            @JsonProperty("audio_dir") String audioDir,
            @JsonProperty("labels_dir") String labelsDir,
            @JsonProperty("keys_dir") String keysDir,
            @JsonProperty("beats_dir") String beatsDir,
            @JsonProperty("structure_dir") String structureDir,
            @JsonProperty("labels_for_training") boolean labelsForTraining,
            @JsonProperty("hours_requested") double hoursRequested,
            @JsonProperty("hours") double hours,
            @JsonProperty("tracks") int tracks,
            @JsonProperty("quality_seconds") Map<String, Double> qualitySeconds,
            @JsonProperty("quality_segments") Map<String, Integer> qualitySegments,
            @JsonProperty("sources") List<String> sources,
            @JsonProperty("styles") List<String> styles,
            /* seconds of audio in which each source plays at least one part */
            @JsonProperty("source_seconds") Map<String, Double> sourceSeconds,
            @JsonProperty("style_seconds") Map<String, Double> styleSeconds) {
    }

    /** A key from {@code time} seconds on. */
    record Key(@JsonProperty("time") double time, @JsonProperty("key") String key) {
    }

    record Track(
            @JsonProperty("id") String id,
            @JsonProperty("split") String split,
            @JsonProperty("audio") String audio,
            @JsonProperty("labels") String labels,
            /* every beat, "time position" (1 = downbeat) */
            @JsonProperty("beats") String beats,
            /* the sections, "start end function" */
            @JsonProperty("structure") String structure,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("key") String key,
            @JsonProperty("tonic") String tonic,
            @JsonProperty("mode") String mode,
            @JsonProperty("keys") List<Key> keys,
            @JsonProperty("bpm") double bpm,
            @JsonProperty("metre") String metre,
            @JsonProperty("swing") double swing,
            @JsonProperty("style") String style,
            /* seconds at which a fade-out starts and ends, null when the song does not fade */
            @JsonProperty("fade_out") List<Double> fadeOut,
            @JsonProperty("sources") Map<String, String> sources,
            @JsonProperty("programs") Map<String, Integer> programs,
            /* GM drum kit (channel-10 program) for soundfont drums; null without drums */
            @JsonProperty("drum_kit") Integer drumKit,
            @JsonProperty("part_levels_db") Map<String, Double> partLevelsDb,
            @JsonProperty("production") List<Production.Stage> production,
            @JsonProperty("score_seed") long scoreSeed,
            @JsonProperty("sha256") String sha256) {
    }
}
