package io.chordflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The binding every spec and step config goes through: names, types, ranges, paths. */
class ContractTest {
    private static FieldError error(Object value, Class<?> type, String where) {
        return assertThrows(FieldError.class, () -> Contract.bind(value, type, where));
    }

    @Test
    void theExperimentsSpellingsBindAndTakeTheirDefaults() {
        TrainingSettings s = Contract.bind(Map.of("max_lr", 3e-4, "patience", 6, "optimizer", "adamw", "schedule", "plateau",
                "pitch_shift", true), TrainingSettings.class, "stage2");
        assertEquals(3e-4, s.maxLr());
        assertEquals(6, s.patience());
        assertEquals("constant", s.schedule());
        assertEquals(0.9, s.plateauFactor());
        assertEquals(TrainingSettings.PAPER_PITCH_SHIFT, s.pitchShift());
        assertEquals(List.of(-2, 3), Contract.bind(Map.of("pitch_shift", List.of(-2, 3)), TrainingSettings.class, "").pitchShift());
        assertEquals(List.of(), Contract.bind(Map.of("pitch_shift", false), TrainingSettings.class, "").pitchShift());
        assertEquals(100, TrainingSettings.defaults().epochs());
        KdParams kd = Contract.bind(Map.of("low_confidence", 0.0, "min_weight", 1.0), KdParams.class, "kd");
        assertEquals(0.0, kd.lowConfidence());
        assertEquals(1.0, kd.minWeight());
        assertEquals(0.9, kd.highConfidence());
        assertEquals("2e1d", Contract.bind(Map.of("arch", "2E1D", "vocabulary", "majmin"), ModelSettings.class, "model").arch());
    }

    @Test
    void thePerceiverBlockIsKeptCompletedWithTheModelsSizes() {
        ModelSettings m = Contract.bind(Map.of("arch", "perceiver-tf", "hidden", 32, "perceiver", Map.of("latents", 4)),
                ModelSettings.class, "model");
        assertEquals(4, m.perceiver().latents());
        assertEquals(32, m.perceiver().headDim(), "each head at the model's width");
        assertEquals(64, m.perceiver().specDim(), "the block's default");
        assertEquals(PerceiverTfConfig.DEFAULTS.complete(ModelSettings.FEATURE_SIZE, PerceiverTfConfig.HIDDEN),
                Contract.bind(Map.of("arch", "perceiver-tf", "perceiver", Map.of()), ModelSettings.class, "model").perceiver());
        assertEquals(null, Contract.bind(Map.of("arch", "perceiver-tf"), ModelSettings.class, "model").perceiver(),
                "no block: the model module's defaults");
        assertEquals("field model.perceiver.pool: [0, 1]: expected [frequency, time] pairs of positive integers",
                error(Map.of("arch", "perceiver-tf", "perceiver", Map.of("pool", List.of(List.of(0, 1)))), ModelSettings.class,
                        "model").getMessage());
    }

    @Test
    void anUnknownFieldNamesTheNearestKnownOne() {
        FieldError e = error(Map.of("temprature", 5), KdParams.class, "kd");
        assertEquals("kd.temprature", e.field());
        assertEquals("unknown field (did you mean temperature?)", e.problem());
        assertEquals("field kd.temprature: unknown field (did you mean temperature?)", e.getMessage());
        // nothing near: the known fields are listed instead
        String p = error(Map.of("gru_hidden", 5), ModelSettings.class, "model").problem();
        assertTrue(p.startsWith("unknown field (expected one of [arch, classes, decoder_layers,"), p);
    }

    private static void startsWith(String prefix, String s) {
        assertTrue(s.startsWith(prefix), s);
    }

    @Test
    void valuesAreNotCoerced() {
        startsWith("field stage1.epochs: expected a whole number (", error(Map.of("epochs", "ten"), TrainingSettings.class, "stage1").getMessage());
        startsWith("field stage1.epochs: expected a whole number (", error(Map.of("epochs", 2.5), TrainingSettings.class, "stage1").getMessage());
        startsWith("field t.augment_pseudo_only: expected true or false (", error(Map.of("augment_pseudo_only", "yes"), TrainingSettings.class, "t").getMessage());
        startsWith("field t.pitch_shift: expected a list (", error(Map.of("pitch_shift", List.of(-2.5, 3)), TrainingSettings.class, "t").getMessage());
    }

    @Test
    void outOfRangeValuesAreNamed() {
        assertEquals("field stage1.epochs: -5: expected a positive integer",
                error(Map.of("epochs", -5), TrainingSettings.class, "stage1").getMessage());
        assertEquals("field kd.alpha: 1.5: expected 0 <= alpha <= 1", error(Map.of("alpha", 1.5), KdParams.class, "kd").getMessage());
        assertEquals("field kd.low_confidence: 0.9/0.5: expected 0 <= low_confidence < high_confidence < 1",
                error(Map.of("low_confidence", 0.9, "high_confidence", 0.5), KdParams.class, "kd").getMessage());
        assertEquals("field model.arch: 'resnet': expected one of [btc, 2e1d, perceiver-tf]",
                error(Map.of("arch", "resnet"), ModelSettings.class, "model").getMessage());
        assertEquals("field model.vocabulary: 'huge': expected one of [key25, large, majmin]",
                error(Map.of("vocabulary", "huge"), ModelSettings.class, "model").getMessage());
        assertEquals("field model.classes: 25 does not match vocabulary large (170)",
                error(Map.of("vocabulary", "large", "classes", 25), ModelSettings.class, "model").getMessage());
        assertEquals("field t.pitch_shift: [6, -5]: expected [min, max] semitones, e.g. [-5, 6]",
                error(Map.of("pitch_shift", List.of(6, -5)), TrainingSettings.class, "t").getMessage());
    }

    @Test
    void anAugmentationBlockHoldsAugmentationsOnly() {
        TrainingSettings.checkAugmentation(Map.of("pitch_shift", List.of(-5, 6), "freq_masks", 2), "augmentation");
        assertEquals("field rounds[0].augmentation.epochs: a training setting, not an augmentation (expected one of"
                        + " [augment_pseudo_only, freq_mask_fraction, freq_masks, pitch_shift, time_mask_fraction, time_masks];"
                        + " give epochs under training)",
                assertThrows(FieldError.class, () -> TrainingSettings.checkAugmentation(Map.of("epochs", 3),
                        "rounds[0].augmentation")).getMessage());
        assertEquals("field a.time_masks: -1: expected a number of masks >= 0",
                assertThrows(FieldError.class, () -> TrainingSettings.checkAugmentation(Map.of("time_masks", -1), "a")).getMessage());
    }

    @Test
    void aGpuPoolBindsStrictly() {
        FieldError e = error(Map.of("gpu", Map.of("node_selecter", Map.of())), Compute.class, "compute");
        assertEquals("field compute.gpu.node_selecter: unknown field (did you mean node_selector?)", e.getMessage());
        assertEquals("field compute.gpu.gpus: expected a count >= 0",
                error(Map.of("gpu", Map.of("gpus", -1)), Compute.class, "compute").getMessage());
    }

    @Test
    void editDistanceCountsASwapOnce() {
        assertEquals(1, Contract.distance("temprature", "temperature"));
        assertEquals(1, Contract.distance("ab", "ba"));
        assertEquals(3, Contract.distance("kitten", "sitting"));
        assertEquals(null, Contract.closest("zzz", List.of("epochs", "lr")));
    }
}
