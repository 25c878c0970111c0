package io.chordflow.model.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.contract.Contract;
import io.chordflow.contract.FieldError;
import io.chordflow.contract.KdParams;
import io.chordflow.contract.ModelSettings;
import io.chordflow.contract.TrainingSettings;
import io.chordflow.model.KeyClasses;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Task;
import io.chordflow.contract.PerceiverTfConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A training config file (JSON or YAML, snake_case), bound strictly to the contract's records as
 * the experiment loader binds the spec it came from: {@code task:}, {@code seed:},
 * {@code model:} ({@link ModelSettings}), one block of {@link TrainingSettings} per stage
 * ({@code training:} as the workflow compiler writes it, or {@code stage1:}, {@code stage2:},
 * {@code baseline:}; when none is there the top-level keys are the settings) and {@code kd:}
 * ({@link KdParams}). A field that does not bind is an input error naming the file and the field.
 */
public record TrainConfig(ModelConfig model, TrainingSettings settings, KdParams kd, Map<String, Object> raw) {
    /** The blocks of training settings a config may hold, one per stage. */
    static final List<String> STAGES = List.of("training", "stage1", "stage2", "baseline");
    private static final Set<String> OTHER_KEYS = Set.of("task", "seed", "model", "kd");

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()).build();

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
            return of((ObjectNode) root, stage);
        } catch (InputException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    private static TrainConfig of(ObjectNode root, String stage) {
        Task task = root.hasNonNull("task") ? Task.parse(Contract.bind(root.get("task"), String.class, "task"), "field task") : null;
        if (root.has("seed")) {
            Contract.bind(root.get("seed"), Long.class, "seed");
        }
        ModelSettings m = Contract.bind(root.has("model") ? root.get("model") : null, ModelSettings.class, "model");
        String blockName = root.has(stage) ? stage : root.has("training") ? "training" : null;
        JsonNode block;
        if (blockName != null) {
            for (var it = root.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!OTHER_KEYS.contains(k) && !STAGES.contains(k)) {
                    Set<String> known = new TreeSet<>(OTHER_KEYS);
                    known.addAll(STAGES);
                    String near = Contract.closest(k, known);
                    throw new FieldError(k, "unknown field (" + (near != null ? "did you mean " + near + "?" : "expected one of " + known) + ")");
                }
            }
            block = root.get(blockName);
        } else {
            ObjectNode top = root.deepCopy(); // no stage block: the top level is the settings
            top.remove(OTHER_KEYS);
            top.remove(STAGES);
            block = top;
        }
        TrainingSettings settings = Contract.bind(block, TrainingSettings.class, blockName == null ? "" : blockName);
        KdParams kd = Contract.bind(root.has("kd") ? root.get("kd") : null, KdParams.class, "kd");
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = YAML.convertValue(root, Map.class);
        return new TrainConfig(modelConfig(m, task), settings, kd, raw);
    }

    /**
     * {@code vocabulary: large|majmin|key25} stands for {@code classes: 170|25|25}; {@code task: key}
     * implies 25 classes; a vocabulary of the other task is an input error.
     */
    private static ModelConfig modelConfig(ModelSettings m, Task task) {
        String vocab = m.vocabulary() == null && task == Task.KEY ? KeyClasses.NAME : m.vocabulary();
        Integer classes = m.classes();
        if (vocab != null) {
            Vocabulary v = Task.vocabulary(vocab);
            if (task != null && Task.of(v) != task) {
                throw new FieldError("model.vocabulary", vocab + " is not a vocabulary of task " + task.lowerName());
            }
            classes = v.size();
        }
        return new ModelConfig(m.arch(), classes, m.featureSize(), m.hidden(), m.layers(), m.heads(), m.filter(), m.dropout(),
                m.timestep(), m.freqLayers(), m.freqHeads(), m.freqGroups(), m.decoderLayers(), m.perceiver());
    }

    /**
     * The vocabulary the model predicts: {@code model.vocabulary} when given (large, majmin,
     * key25), else the key classes for {@code task: key}, else the chord vocabulary with
     * {@code model.classes} classes (170 large, 25 majmin).
     */
    public Vocabulary vocabulary() {
        Object m = raw.get("model");
        if (m instanceof Map<?, ?> mm && mm.get("vocabulary") != null) {
            return Task.vocabulary(String.valueOf(mm.get("vocabulary")));
        }
        if (task() == Task.KEY) {
            return KeyClasses.INSTANCE;
        }
        if (model.classes() == Vocabulary.LARGE.size()) {
            return Vocabulary.LARGE;
        }
        if (model.classes() == Vocabulary.MAJMIN.size()) {
            return Vocabulary.MAJMIN;
        }
        throw new FieldError("model.classes", model.classes() + ": expected 170 (large) or 25 (majmin)");
    }

    /** {@code task:} at the top level (chord when absent), or key when {@code model.vocabulary} is key25. */
    public Task task() {
        Object m = raw.get("model");
        if (m instanceof Map<?, ?> mm && mm.get("vocabulary") != null) {
            return Task.of(Task.vocabulary(String.valueOf(mm.get("vocabulary"))));
        }
        Object t = raw.get("task");
        return t == null ? Task.CHORD : Task.parse(String.valueOf(t), "field task");
    }
}
