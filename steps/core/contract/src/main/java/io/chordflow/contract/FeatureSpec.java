package io.chordflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a feature file holds: written by the features step into its {@code manifest.json}
 * ({@code feature_spec}), recorded by the train step into every {@code model.json}, and checked
 * by {@code recognize} against the CQT it computes, so features and model cannot drift apart.
 *
 * @param sampleRate    Hz the audio is resampled to
 * @param hop           samples between frames; frame t is centred at t*hop/sampleRate seconds
 * @param bins          constant-Q bins per frame
 * @param binsPerOctave bins per octave
 * @param fmin          centre frequency of bin 0, Hz
 * @param transform     how the magnitude becomes the feature
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // model.json files of other versions load
public record FeatureSpec(int sampleRate, int hop, int bins, int binsPerOctave, double fmin, String transform) {
    /**
     * BTC's features: 22050 Hz, hop 2048, 144 bins, 24 per octave from C1 (librosa's
     * {@code note_to_hz('C1')}), log(|C| + 1e-6); the audio module's {@code CqtFeatures} computes them.
     */
    public static final FeatureSpec BTC = new FeatureSpec(22050, 2048, 144, 24, 440.0 * StrictMath.pow(2.0, (24 - 69) / 12.0),
            "log(|C|+1e-6)");

    public FeatureSpec {
        if (sampleRate <= 0 || hop <= 0 || bins <= 0 || binsPerOctave <= 0 || !(fmin > 0)) {
            throw new FieldError("feature_spec", "values must be positive: " + sampleRate + ", " + hop + ", " + bins + ", "
                    + binsPerOctave + ", " + fmin);
        }
    }

    /** Frame duration in seconds (2048/22050 = 92.88 ms for BTC). */
    public double frameSeconds() {
        return (double) hop / sampleRate;
    }

    /**
     * Frames for {@code samples} samples: {@code 1 + floor(samples/hop)}, librosa's count with
     * {@code center=True}. This equals {@code ceil(samples/hop)} except when {@code samples} is an exact
     * multiple of the hop, where librosa (and so BTC's training data) has one frame more: the last frame
     * is centred on the end of the audio.
     */
    public int frames(long samples) {
        return (int) (1 + samples / hop);
    }

    /**
     * The spec a features folder was written with: the {@code feature_spec} of its
     * {@code manifest.json} (or of every shard's {@code manifest-I-of-N.json}, which must agree);
     * empty for a folder without a manifest (features made by hand or by a test).
     */
    public static Optional<FeatureSpec> written(Path featureDir) {
        List<Path> manifests;
        try (Stream<Path> s = Files.list(featureDir)) {
            manifests = s.filter(p -> p.getFileName().toString().matches("manifest(-[0-9]+-of-[0-9]+)?\\.json")).sorted().toList();
        } catch (IOException e) {
            return Optional.empty(); // not a folder: the caller's reading reports it
        }
        FeatureSpec spec = null;
        for (Path m : manifests) {
            FeatureSpec s;
            try {
                JsonNode n = Json.MAPPER.readTree(m.toFile()).get("feature_spec");
                if (n == null) {
                    continue;
                }
                s = Json.MAPPER.treeToValue(n, FeatureSpec.class);
            } catch (IOException e) {
                throw new InputException(m + ": field feature_spec: not readable: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
            if (spec != null && !spec.equals(s)) {
                throw new InputException(m + ": field feature_spec: " + s + " differs from the other shards' " + spec);
            }
            spec = s;
        }
        return Optional.ofNullable(spec);
    }

    /**
     * The spec of the features in {@code dir} ({@link #written}), which a model trained on them
     * records; it must equal {@code expected} (a model's, other features') when that is given.
     * Features without a manifest are taken to be {@code expected}, else {@link #BTC}.
     */
    public static FeatureSpec of(Path dir, String option, FeatureSpec expected, String whose) {
        FeatureSpec spec = written(dir).orElse(expected == null ? BTC : expected);
        if (expected != null && !spec.equals(expected)) {
            throw new InputException(option + " " + dir + ": features " + spec + " differ from " + whose + " " + expected);
        }
        return spec;
    }
}
