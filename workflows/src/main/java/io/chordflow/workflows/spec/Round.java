package io.chordflow.workflows.spec;

import io.chordflow.contract.Contract;
import io.chordflow.contract.FieldError;
import io.chordflow.contract.ModelSettings;
import io.chordflow.contract.TrainingSettings;
import java.util.Map;

/**
 * One noisy-student round: the student's model sizes (over the top-level {@code model}), its
 * training block and augmentation settings (merged into the train step's {@code training}
 * config), and the share of pseudo-labelled windows per epoch.
 */
public record Round(Map<String, Object> model, Map<String, Object> training, Map<String, Object> augmentation,
                    Double mixRatio) {
    public Round {
        FieldError.need(model, "model");
        training = training == null ? Map.of() : training;
        augmentation = augmentation == null ? Map.of() : augmentation;
        FieldError.check(mixRatio == null || (mixRatio > 0 && mixRatio < 1), "mix_ratio",
                mixRatio + ": expected 0 < x < 1 (share of pseudo-labelled windows per epoch)");
        TrainingSettings.checkAugmentation(augmentation, "augmentation");
        for (String k : augmentation.keySet()) {
            FieldError.check(!training.containsKey(k), "augmentation." + k, "also given under training; give it in one place");
        }
        FieldError.check(mixRatio == null || !training.containsKey("mix_ratio"), "mix_ratio",
                "also given under training; give it in one place");
        Contract.bind(model, ModelSettings.class, "model");
        Contract.bind(training, TrainingSettings.class, "training");
    }

    /** The student's model block: the experiment's {@code model} with this round's sizes over it. */
    public Map<String, Object> modelOver(Map<String, Object> base) {
        Map<String, Object> m = new java.util.TreeMap<>(base);
        m.putAll(model);
        return m;
    }

    /** The train step's training block: training, then augmentation, then mix_ratio. */
    public Map<String, Object> trainingBlock() {
        Map<String, Object> t = new java.util.TreeMap<>(training);
        t.putAll(augmentation);
        if (mixRatio != null) {
            t.put("mix_ratio", mixRatio);
        }
        return t;
    }
}
