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
    /** Spellings the experiment files use for training keys -> the names of {@link TrainingSettings}. */
    static final Map<String, String> SETTINGS_ALIASES = Map.of("max_lr", "peak_lr", "patience", "early_stopping_patience");
    /** Spellings for {@link KdParams}. */
    static final Map<String, String> KD_ALIASES = Map.of("low_confidence", "low", "high_confidence", "high", "min_weight", "floor");
    /** Paper 1's pitch-shift range, for {@code pitch_shift: true}. */
    static final java.util.List<Integer> PAPER_PITCH_SHIFT = java.util.List.of(-5, 6);

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * Reads {@code file}; the training settings are the block named {@code stage} (e.g.
     * {@code stage1}), else the block {@code training} (what the workflow compiler writes), else
     * the top level.
     */
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
            ModelConfig model = root.has("model") ? YAML.treeToValue(modelBlock(root.get("model"), file), ModelConfig.class)
                    : ModelConfig.of("btc", 170);
            JsonNode s = root.has(stage) ? root.get(stage) : root.has("training") ? root.get("training") : root;
            TrainingSettings settings = YAML.treeToValue(settingsBlock(s, file), TrainingSettings.class);
            KdParams kd = root.has("kd") ? YAML.treeToValue(renamed(root.get("kd"), KD_ALIASES), KdParams.class)
                    : KdParams.defaults();
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

    /** {@code vocabulary: large|majmin} stands for {@code classes: 170|25}. */
    private static JsonNode modelBlock(JsonNode model, Path file) {
        if (!model.isObject()) {
            throw new InputException(file + ": field model: expected a mapping");
        }
        com.fasterxml.jackson.databind.node.ObjectNode m = ((com.fasterxml.jackson.databind.node.ObjectNode) model).deepCopy();
        JsonNode vocab = m.remove("vocabulary");
        if (vocab != null) {
            int classes = io.chordflow.chords.Vocabulary.named(vocab.asText()).size();
            if (m.has("classes") && m.get("classes").asInt() != classes) {
                throw new InputException(file + ": field model.classes: " + m.get("classes").asInt()
                        + " does not match vocabulary " + vocab.asText() + " (" + classes + ")");
            }
            m.put("classes", classes);
        }
        return m;
    }

    /**
     * Aliases, plus: {@code optimizer} must be adamw; {@code schedule: plateau} is a constant rate
     * lowered on plateaus (factor 0.9 unless given); {@code pitch_shift: true|false} is paper 1's
     * range or off.
     */
    private static JsonNode settingsBlock(JsonNode s, Path file) {
        com.fasterxml.jackson.databind.node.ObjectNode n = renamed(s, SETTINGS_ALIASES);
        JsonNode opt = n.remove("optimizer");
        if (opt != null && !opt.asText().equalsIgnoreCase("adamw")) {
            throw new InputException(file + ": field optimizer: only adamw is implemented, got '" + opt.asText() + "'");
        }
        if (n.has("schedule") && n.get("schedule").asText().equalsIgnoreCase("plateau")) {
            n.put("schedule", "constant");
            if (!n.has("plateau_factor")) {
                n.put("plateau_factor", 0.9);
            }
        }
        JsonNode ps = n.get("pitch_shift");
        if (ps != null && ps.isBoolean()) {
            if (ps.asBoolean()) {
                n.set("pitch_shift", YAML.valueToTree(PAPER_PITCH_SHIFT));
            } else {
                n.remove("pitch_shift");
            }
        }
        return n;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode renamed(JsonNode block, Map<String, String> aliases) {
        if (!block.isObject()) {
            throw new InputException("training config: expected a mapping, got " + block.getNodeType());
        }
        com.fasterxml.jackson.databind.node.ObjectNode n = ((com.fasterxml.jackson.databind.node.ObjectNode) block).deepCopy();
        aliases.forEach((alias, name) -> {
            if (n.has(alias) && !n.has(name)) {
                n.set(name, n.remove(alias));
            }
        });
        return n;
    }
}
