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
import java.util.List;
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
    static final List<Integer> PAPER_PITCH_SHIFT = List.of(-5, 6);

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
            io.chordflow.model.Task task = root.has("task") && !root.get("task").isNull()
                    ? io.chordflow.model.Task.parse(root.get("task").asText(), "field task") : null;
            JsonNode modelNode = root.has("model") ? modelBlock(root.get("model"), file, task)
                    : modelBlock(YAML.createObjectNode(), file, task);
            ModelConfig model = modelConfig(modelNode);
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

    /**
     * The vocabulary the model predicts: {@code model.vocabulary} when given (large, majmin,
     * key25), else the key classes for {@code task: key}, else the chord vocabulary with
     * {@code model.classes} classes (170 large, 25 majmin).
     */
    public io.chordflow.chords.Vocabulary vocabulary() {
        Object m = raw.get("model");
        if (m instanceof Map<?, ?> mm && mm.get("vocabulary") != null) {
            return io.chordflow.model.Task.vocabulary(String.valueOf(mm.get("vocabulary")));
        }
        if (task() == io.chordflow.model.Task.KEY) {
            return io.chordflow.model.KeyClasses.INSTANCE;
        }
        if (model.classes() == io.chordflow.chords.Vocabulary.LARGE.size()) {
            return io.chordflow.chords.Vocabulary.LARGE;
        }
        if (model.classes() == io.chordflow.chords.Vocabulary.MAJMIN.size()) {
            return io.chordflow.chords.Vocabulary.MAJMIN;
        }
        throw new InputException("field model.classes: expected 170 (large) or 25 (majmin), got " + model.classes());
    }

    /** {@code task:} at the top level (chord when absent), or key when {@code model.vocabulary} is key25. */
    public io.chordflow.model.Task task() {
        Object m = raw.get("model");
        if (m instanceof Map<?, ?> mm && mm.get("vocabulary") != null) {
            return io.chordflow.model.Task.of(io.chordflow.model.Task.vocabulary(String.valueOf(mm.get("vocabulary"))));
        }
        Object t = raw.get("task");
        return t == null ? io.chordflow.model.Task.CHORD : io.chordflow.model.Task.parse(String.valueOf(t), "field task");
    }

    /**
     * {@code vocabulary: large|majmin|key25} stands for {@code classes: 170|25|25}; {@code task: key}
     * implies 25 classes; a vocabulary of the other task is an input error.
     */
    /**
     * The model block, strictly: a key the model does not have is an error, since a typo or a key
     * of another architecture would otherwise build a default-sized model without a word.
     */
    private static ModelConfig modelConfig(JsonNode modelNode) throws IOException {
        // ModelConfig itself ignores unknown keys so that model.json files of other versions load
        strict(modelNode, ModelConfig.class, "model");
        if (modelNode.get("perceiver") instanceof com.fasterxml.jackson.databind.node.ObjectNode p) {
            strict(p, io.chordflow.model.perceiver.PerceiverTfConfig.class, "model.perceiver");
        }
        return YAML.treeToValue(modelNode, ModelConfig.class);
    }

    private static void strict(JsonNode node, Class<?> type, String where) {
        java.util.Set<String> known = new java.util.TreeSet<>();
        YAML.getDeserializationConfig().introspect(YAML.constructType(type)).findProperties()
                .forEach(p -> known.add(p.getName()));
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw new InputException("field " + where + "." + k + ": not a model setting (expected one of " + known + ")");
            }
        });
    }

    private static JsonNode modelBlock(JsonNode model, Path file, io.chordflow.model.Task task) {
        if (!model.isObject()) {
            throw new InputException(file + ": field model: expected a mapping");
        }
        com.fasterxml.jackson.databind.node.ObjectNode m = ((com.fasterxml.jackson.databind.node.ObjectNode) model).deepCopy();
        JsonNode vocab = m.remove("vocabulary");
        if (vocab == null && task == io.chordflow.model.Task.KEY) {
            vocab = com.fasterxml.jackson.databind.node.TextNode.valueOf(io.chordflow.model.KeyClasses.NAME);
        }
        if (vocab != null) {
            io.chordflow.chords.Vocabulary v = io.chordflow.model.Task.vocabulary(vocab.asText());
            if (task != null && io.chordflow.model.Task.of(v) != task) {
                throw new InputException(file + ": field model.vocabulary: " + vocab.asText() + " is not a vocabulary of task "
                        + task.lowerName());
            }
            int classes = v.size();
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
        JsonNode augment = n.remove("augment");
        if (augment != null) {
            // paper 2's names: A1 pitch shift, A3 two frequency masks, A4 two time masks (A2 is audio: the features step)
            java.util.Set<String> names = new java.util.HashSet<>();
            (augment.isArray() ? augment : YAML.createArrayNode().add(augment)).forEach(a -> names.add(a.asText().toUpperCase(java.util.Locale.ROOT)));
            for (String a : names) {
                if (!List.of("A1", "A2", "A3", "A4").contains(a)) {
                    throw new InputException(file + ": field augment: expected a list of A1, A2, A3, A4, got " + a);
                }
            }
            if (names.contains("A1") && !n.has("pitch_shift")) {
                n.put("pitch_shift", true);
            }
            if (names.contains("A3") && !n.has("freq_masks")) {
                n.put("freq_masks", 2);
            }
            if (names.contains("A4") && !n.has("time_masks")) {
                n.put("time_masks", 2);
            }
        }
        for (String masks : List.of("freq_masks", "time_masks")) {
            JsonNode m = n.get(masks);
            if (m != null && m.isBoolean()) {
                n.put(masks, m.asBoolean() ? 2 : 0); // paper 2: two masks
            }
        }
        JsonNode lo = n.remove("pitch_shift_min");
        JsonNode hi = n.remove("pitch_shift_max");
        JsonNode ps = n.get("pitch_shift");
        if (ps == null && (lo != null || hi != null)) {
            ps = com.fasterxml.jackson.databind.node.BooleanNode.TRUE; // a range alone switches A1 on
        }
        if (ps != null && ps.isBoolean()) {
            if (ps.asBoolean()) {
                int min = lo == null ? PAPER_PITCH_SHIFT.get(0) : lo.asInt();
                int max = hi == null ? PAPER_PITCH_SHIFT.get(1) : hi.asInt();
                n.set("pitch_shift", YAML.valueToTree(List.of(min, max)));
            } else {
                n.remove("pitch_shift");
            }
        } else if (ps != null && (lo != null || hi != null)) {
            throw new InputException(file + ": fields pitch_shift_min/pitch_shift_max: give either them or a pitch_shift"
                    + " range, not both");
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
