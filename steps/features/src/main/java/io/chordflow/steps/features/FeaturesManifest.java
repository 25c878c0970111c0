package io.chordflow.steps.features;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chordflow.contract.FeatureSpec;
import java.util.List;

/**
 * What a features shard produced, {@code manifest.json} (or {@code manifest-I-of-N.json} per shard). No
 * timestamps: the same inputs give the same bytes. Format version {@value #FORMAT_VERSION}.
 */
record FeaturesManifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("feature_spec") FeatureSpec spec,
        @JsonProperty("shard") String shard,
        @JsonProperty("tracks") List<Track> tracks,
        @JsonProperty("failed") List<Failure> failed) {
    static final int FORMAT_VERSION = 1;

    /**
     * One feature file: {@code features} is relative to the output folder, {@code source} to the input.
     * {@code augmentation} (absent for clean features): the A2 copy it is, {@code "A2 p=P seed=S copy=K"};
     * {@code applied}: the transforms that copy's draw applied.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Track(
            @JsonProperty("track_id") String trackId,
            @JsonProperty("source") String source,
            @JsonProperty("source_sha256") String sourceSha256,
            @JsonProperty("samples") long samples,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("frames") int frames,
            @JsonProperty("features") String features,
            @JsonProperty("features_sha256") String featuresSha256,
            @JsonProperty("augmentation") String augmentation,
            @JsonProperty("applied") List<String> applied) {
        Track(String trackId, String source, String sourceSha256, long samples, double seconds, int frames, String features,
              String featuresSha256) {
            this(trackId, source, sourceSha256, samples, seconds, frames, features, featuresSha256, null, null);
        }
    }

    record Failure(@JsonProperty("source") String source, @JsonProperty("reason") String reason) {
    }
}
