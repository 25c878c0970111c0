package io.chordflow.workflows.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chordflow.common.InputException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training blocks of a spec bind at load time as the steps bind them: a misspelled key, a
 * wrong type or an out-of-range value in any of them fails {@code chordflow validate} with the
 * file, the field path and (for a typo) the nearest known name. Each case edits a shipped spec's
 * tree, so the shipped values may change without breaking these tests.
 */
class SettingsBindingTest {
    static final Path ROOT = ExperimentLoaderTest.ROOT;
    static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    /** experiments/NAME.yaml with {@code edit} applied to its tree, written to the temp folder. */
    private Path spec(String name, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode tree = (ObjectNode) YAML.readTree(ROOT.resolve("experiments/" + name + ".yaml").toFile());
        edit.accept(tree);
        Path f = dir.resolve(name + ".yaml");
        YAML.writeValue(f.toFile(), tree);
        return f;
    }

    private static ObjectNode at(ObjectNode tree, String pointer) {
        return (ObjectNode) tree.at(pointer);
    }

    /** Renames {@code key} of the mapping at {@code pointer} to {@code typo}, keeping its value. */
    private static Consumer<ObjectNode> rename(String pointer, String key, String typo) {
        return t -> {
            ObjectNode o = at(t, pointer);
            JsonNode v = o.remove(key);
            assertEquals(false, v == null, pointer + "/" + key + " is in the shipped spec");
            o.set(typo, v);
        };
    }

    private String error(Path f, String profile) {
        return assertThrows(InputException.class, () -> ExperimentLoader.load(f, profile)).getMessage();
    }

    private void typo(String spec, String pointer, String key, String typo, String field) throws Exception {
        Path f = spec(spec, rename(pointer, key, typo));
        assertEquals(f + ": field " + field + ": unknown field (did you mean " + key + "?)", error(f, "default"));
    }

    @Test
    void aTypoInKdIsNamedWithTheNearestField() throws Exception {
        typo("btc-kd", "/kd", "temperature", "temprature", "kd.temprature");
    }

    @Test
    void aTypoInStage1IsNamed() throws Exception {
        typo("btc-kd", "/stage1", "epochs", "epocs", "stage1.epocs");
    }

    @Test
    void aTypoInStage2IsNamed() throws Exception {
        typo("btc-kd", "/stage2", "plateau_factor", "plateau_facter", "stage2.plateau_facter");
    }

    @Test
    void aTypoInBaselineIsNamed() throws Exception {
        typo("btc-kd", "/baseline", "batch_size", "batchsize", "baseline.batchsize");
    }

    @Test
    void aTypoInTheTeachersTrainingIsNamed() throws Exception {
        typo("btc-kd", "/teacher/training", "weight_decay", "weight_decy", "teacher.training.weight_decy");
    }

    @Test
    void aTypoInTheModelIsNamed() throws Exception {
        typo("btc-kd", "/model", "layers", "layres", "model.layres");
    }

    @Test
    void aTypoInTheGpuPoolIsNamed() throws Exception {
        typo("btc-kd", "/compute/gpu", "node_selector", "node_selecter", "compute.gpu.node_selecter");
    }

    @Test
    void aTypoInARoundsTrainingIsNamed() throws Exception {
        typo("noisy-student", "/rounds/0/training", "warmup_epochs", "warmup_epoch", "rounds[0].training.warmup_epoch");
    }

    @Test
    void aTypoInARoundsAugmentationIsNamed() throws Exception {
        typo("noisy-student", "/rounds/0/augmentation", "freq_masks", "freq_mask", "rounds[0].augmentation.freq_mask");
    }

    @Test
    void aTrainingKeyUnderAugmentationIsNotAnAugmentation() throws Exception {
        Path f = spec("noisy-student", t -> at(t, "/rounds/1/augmentation").put("lr", 0.01));
        String msg = error(f, "default");
        assertEquals(f + ": field rounds[1].augmentation.lr: a training setting, not an augmentation (expected one of"
                + " [augment_pseudo_only, freq_mask_fraction, freq_masks, pitch_shift, time_mask_fraction, time_masks];"
                + " give lr under training)", msg);
    }

    @Test
    void wrongTypesAreNamed() throws Exception {
        Path f = spec("btc-kd", t -> at(t, "/stage1").put("epochs", "ten"));
        String msg = error(f, "default");
        assertEquals(true, msg.startsWith(f + ": field stage1.epochs: expected a whole number ("), msg);
        f = spec("btc-kd", t -> at(t, "/baseline").put("epochs", 2.5));
        msg = error(f, "default");
        assertEquals(true, msg.startsWith(f + ": field baseline.epochs: expected a whole number ("), msg);
        f = spec("btc-kd", t -> at(t, "/kd").put("alpha", "high"));
        assertEquals(true, error(f, "default").startsWith(f + ": field kd.alpha: expected a number ("), error(f, "default"));
        f = spec("btc-kd", t -> at(t, "/stage2").put("pitch_shift", "yes"));
        assertEquals(true, error(f, "default").startsWith(f + ": field stage2.pitch_shift: expected a list ("), error(f, "default"));
    }

    @Test
    void aMixRatioOutsideStage1IsRefusedNotIgnored() throws Exception {
        Path f = spec("btc-kd", t -> at(t, "/stage2").put("mix_ratio", 0.5));
        assertEquals(f + ": field stage2.mix_ratio: only stage1 mixes two sets (stage 2 trains on the labelled split alone)",
                error(f, "default"));
        f = spec("btc-kd", t -> at(t, "/baseline").put("mix_ratio", 0.5));
        assertEquals(f + ": field baseline.mix_ratio: only stage1 mixes two sets (the baseline trains on the labelled split alone)",
                error(f, "default"));
        assertEquals(0.5, ExperimentLoader.load(ROOT.resolve("experiments/btc-kd.yaml"), "default").stage1().get("mix_ratio"));
    }

    @Test
    void outOfRangeValuesAreNamed() throws Exception {
        Path f = spec("btc-kd", t -> at(t, "/stage1").put("epochs", -5));
        assertEquals(f + ": field stage1.epochs: -5: expected a positive integer", error(f, "default"));
        f = spec("btc-kd", t -> at(t, "/kd").put("alpha", 1.5));
        assertEquals(f + ": field kd.alpha: 1.5: expected 0 <= alpha <= 1", error(f, "default"));
        f = spec("btc-kd", t -> at(t, "/stage2").put("optimizer", "sgd"));
        assertEquals(f + ": field stage2.optimizer: sgd: expected adamw (the one implemented)", error(f, "default"));
        f = spec("noisy-student", t -> at(t, "/rounds/2/augmentation").put("freq_mask_fraction", 2.0));
        assertEquals(f + ": field rounds[2].augmentation.freq_mask_fraction: 2.0: expected 0 <= x <= 1", error(f, "default"));
    }

    @Test
    void anUnknownArchitectureOrVocabularyIsNamed() throws Exception {
        Path f = spec("btc-kd", t -> at(t, "/model").put("arch", "resnet"));
        assertEquals(f + ": field model.arch: 'resnet': expected one of [btc, 2e1d, perceiver-tf]", error(f, "default"));
        f = spec("btc-kd", t -> at(t, "/teacher/model").put("vocabulary", "huge"));
        assertEquals(f + ": field teacher.model.vocabulary: 'huge': expected one of [key25, large, majmin]", error(f, "default"));
        f = spec("key-noisy-student", t -> at(t, "/model").put("vocabulary", "majmin"));
        assertEquals(f + ": field model.vocabulary: 'majmin' is not a vocabulary of task key (expected key25)", error(f, "default"));
        // a round's sizes over the base model: BTC's heads divide its width
        f = spec("noisy-student", t -> at(t, "/rounds/1/model").put("heads", 3));
        assertEquals(f + ": field rounds[1].model.heads: 3 does not divide the width 64", error(f, "default"));
    }

    @Test
    void aTypoInThePerceiverBlockIsNamedAtValidate() throws Exception {
        Path f = spec("btc-kd", t -> at(t, "/model").put("arch", "perceiver-tf")
                .set("perceiver", YAML.createObjectNode().put("spec_dm", 64)));
        assertEquals(f + ": field model.perceiver.spec_dm: unknown field (did you mean spec_dim?)", error(f, "default"));
        f = spec("btc-kd", t -> at(t, "/model").put("arch", "perceiver-tf")
                .set("perceiver", YAML.createObjectNode().put("latents", "eight")));
        assertEquals(true, error(f, "default").startsWith(f + ": field model.perceiver.latents: expected a whole number ("),
                error(f, "default"));
        f = spec("btc-kd", t -> at(t, "/model").put("arch", "perceiver-tf")
                .set("perceiver", YAML.createObjectNode().put("latents", -1)));
        assertEquals(f + ": field model.perceiver.latents: -1: expected a positive integer", error(f, "default"));
    }

    @Test
    void aTypoInsideAProfileNamesTheProfilePath() throws Exception {
        Path f = spec("btc-kd", rename("/profiles/smoke/stage2", "epochs", "epoch"));
        assertEquals(f + " (profile smoke): field profiles.smoke.stage2.epoch: unknown field (did you mean epochs?)",
                error(f, "smoke"));
        f = spec("noisy-student", t -> at(t, "/profiles/smoke/rounds/1/training").put("epochs", 0));
        assertEquals(f + " (profile smoke): field profiles.smoke.rounds[1].training.epochs: 0: expected a positive integer",
                error(f, "smoke"));
    }

    @Test
    void anAblationVariantBindsOverTheBaseBlocks() throws Exception {
        Path f = spec("btc-kd", t -> at(t, "/profiles/ablation/ablation").set("t9",
                YAML.createObjectNode().set("kd", YAML.createObjectNode().put("temprature", 9.0))));
        assertEquals(f + " (profile ablation): field profiles.ablation.ablation.t9.kd.temprature: unknown field"
                + " (did you mean temperature?)", error(f, "ablation"));
        f = spec("btc-kd", t -> at(t, "/profiles/ablation/ablation").set("hot",
                YAML.createObjectNode().set("kd", YAML.createObjectNode().put("alpha", 1.5))));
        assertEquals(f + " (profile ablation): field profiles.ablation.ablation.hot.kd.alpha: 1.5: expected 0 <= alpha <= 1",
                error(f, "ablation"));
    }
}
