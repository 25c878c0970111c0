package io.chordflow.model.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chordflow.common.InputException;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.loss.KdParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A training config file (JSON or YAML, snake_case): {@code model:} (architecture and sizes),
 * one block of {@link TrainingSettings} per stage ({@code stage1:}, {@code stage2:}, ...; when
 * the named block is absent the top-level keys are the settings), and {@code kd:}. The workflow
 * compiler copies an experiment's blocks into it verbatim; unknown keys are ignored.
 */
public record TrainConfig(ModelConfig model, TrainingSettings settings, KdParams kd, Map<String, Object> raw) {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public static TrainConfig read(Path file, String stage) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile()); // YAML is a superset of JSON: one parser for both
        } catch (IOException e) {
            throw new InputException(file + ": not valid JSON/YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": expected a mapping at the top level");
        }
        try {
            ModelConfig model = root.has("model") ? YAML.treeToValue(root.get("model"), ModelConfig.class) : ModelConfig.of("btc", 170);
            JsonNode s = root.has(stage) ? root.get(stage) : root;
            TrainingSettings settings = YAML.treeToValue(s, TrainingSettings.class);
            KdParams kd = root.has("kd") ? YAML.treeToValue(root.get("kd"), KdParams.class) : KdParams.defaults();
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = YAML.convertValue(root, Map.class);
            return new TrainConfig(model, settings, kd, raw);
        } catch (InputException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InputException ie) {
                    throw new InputException(file + ": " + ie.getMessage(), e);
                }
            }
            throw new InputException(file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
