package io.chordflow.contract;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code model:} block of an experiment (and of a round, over it) and of a step's
 * {@code --config}: the architecture, the vocabulary and the sizes the user sets. Every field is
 * optional here (but for the {@code perceiver} block, which is completed); the model module fills the
 * architecture's published sizes for the absent ones ({@code ModelConfig}).
 *
 * @param vocabulary {@code large} (170 chord classes), {@code majmin} (25) or {@code key25} (the key task)
 * @param classes    the number of outputs; follows from the vocabulary when that is given
 * @param perceiver  {@code perceiver-tf}'s own sizes ({@link PerceiverTfConfig}, which owns their defaults and
 *                   checks), bound as strictly as the rest, so {@code validate} names a typo in them; kept
 *                   completed ({@link PerceiverTfConfig#complete} with this block's {@code feature_size} and
 *                   {@code hidden}, or their defaults), so the model module takes it as it is
 */
public record ModelSettings(String arch, String vocabulary, Integer classes, Integer featureSize, Integer hidden,
                            Integer layers, Integer heads, Integer filter, Double dropout, Integer timestep,
                            Integer freqLayers, Integer freqHeads, Integer freqGroups, Integer decoderLayers,
                            PerceiverTfConfig perceiver) {
    /** The CQT bins a model reads unless {@code feature_size} says otherwise. */
    public static final int FEATURE_SIZE = 144;
    /** The architectures the model module builds. */
    public static final List<String> ARCHS = List.of("btc", "2e1d", "perceiver-tf");
    /** Vocabulary name -> number of classes; {@code key25} is the key task's. */
    public static final Map<String, Integer> VOCABULARIES = Map.of("large", 170, "majmin", 25, "key25", 25);
    public static final String KEY_VOCABULARY = "key25";
    /** The size fields: knowledge expansion compares them round to round. */
    public static final List<String> SIZE_KEYS = List.of("layers", "hidden", "heads", "filter", "freq_layers", "freq_heads",
            "freq_groups", "decoder_layers");

    public ModelSettings {
        FieldError.check(arch == null || ARCHS.contains(arch.toLowerCase(Locale.ROOT)), "arch",
                "'" + arch + "': expected one of " + ARCHS);
        arch = arch == null ? null : arch.toLowerCase(Locale.ROOT);
        FieldError.check(vocabulary == null || VOCABULARIES.containsKey(vocabulary), "vocabulary",
                "'" + vocabulary + "': expected one of " + new java.util.TreeSet<>(VOCABULARIES.keySet()));
        Integer size = vocabulary == null ? null : VOCABULARIES.get(vocabulary);
        FieldError.check(classes == null || size == null || classes.equals(size), "classes",
                classes + " does not match vocabulary " + vocabulary + " (" + size + ")");
        FieldError.check(classes == null || VOCABULARIES.containsValue(classes), "classes",
                classes + ": expected 170 (large) or 25 (majmin, key25)");
        positive("feature_size", featureSize);
        positive("hidden", hidden);
        positive("layers", layers);
        positive("heads", heads);
        positive("filter", filter);
        positive("timestep", timestep);
        for (var e : Map.of("freq_layers", freqLayers == null ? 0 : freqLayers, "freq_heads", freqHeads == null ? 0 : freqHeads,
                "freq_groups", freqGroups == null ? 0 : freqGroups, "decoder_layers", decoderLayers == null ? 0 : decoderLayers).entrySet()) {
            FieldError.check(e.getValue() >= 0, e.getKey(), e.getValue() + ": expected a count >= 0");
        }
        FieldError.check(perceiver == null || "perceiver-tf".equals(arch), "perceiver", "only for arch perceiver-tf, not " + arch);
        if (perceiver != null) { // completed with the model's sizes or their defaults, so validate checks what the step builds
            try {
                perceiver = perceiver.complete(featureSize == null ? FEATURE_SIZE : featureSize,
                        hidden == null ? PerceiverTfConfig.HIDDEN : hidden);
            } catch (FieldError e) {
                throw e.under("perceiver");
            }
        }
        FieldError.check(dropout == null || (dropout >= 0 && dropout < 1), "dropout", dropout + ": expected 0 <= x < 1");
        FieldError.check(hidden == null || heads == null || !"btc".equals(arch) || hidden % heads == 0, "heads",
                heads + " does not divide the width " + hidden);
    }

    /** Whether the vocabulary is the key task's ({@code task: key}). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean keyTask() {
        return KEY_VOCABULARY.equals(vocabulary);
    }

    private static void positive(String field, Integer v) {
        FieldError.check(v == null || v > 0, field, v + ": expected a positive integer");
    }
}
