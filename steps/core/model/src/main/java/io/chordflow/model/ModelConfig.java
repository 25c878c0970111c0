package io.chordflow.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chordflow.contract.FieldError;
import io.chordflow.contract.ModelSettings;
import io.chordflow.contract.PerceiverTfConfig;

/**
 * Architecture and sizes of a model (the {@code model:} block of a training config and the
 * {@code model} field of {@code model.json}). Absent fields take the architecture's published
 * size, so {@code {arch: btc}} is the original BTC and tests shrink only what they name.
 *
 * @param arch {@code btc}, {@code 2e1d} or {@code perceiver-tf}
 * @param classes output classes (170 large vocabulary, 25 majmin)
 * @param featureSize input bins per frame (144)
 * @param hidden BTC model width (128); 2E1D works at the feature width
 * @param layers BTC bi-directional layers (8); 2E1D temporal-encoder layers (5)
 * @param heads attention heads (BTC 4, 2E1D 8)
 * @param filter feed-forward width (BTC conv filters 128; 2E1D 576)
 * @param dropout every dropout rate (0.2)
 * @param timestep frames per window (108)
 * @param freqLayers 2E1D frequency-encoder layers (5)
 * @param freqHeads 2E1D frequency-encoder heads (2)
 * @param freqGroups 2E1D bin groups per frame (12)
 * @param decoderLayers 2E1D decoder layers (5)
 * @param perceiver {@code perceiver-tf}'s own sizes ({@link PerceiverTfConfig}); null for the others
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelConfig(String arch, Integer classes, Integer featureSize, Integer hidden, Integer layers,
                          Integer heads, Integer filter, Double dropout, Integer timestep, Integer freqLayers,
                          Integer freqHeads, Integer freqGroups, Integer decoderLayers,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          PerceiverTfConfig perceiver) {
    public static final String BTC = "btc";
    public static final String CHORDNET = "2e1d";
    public static final String PERCEIVER_TF = "perceiver-tf";

    public ModelConfig {
        if (arch == null) {
            arch = BTC;
        }
        arch = arch.toLowerCase(java.util.Locale.ROOT);
        boolean btc = arch.equals(BTC);
        boolean perceiverTf = arch.equals(PERCEIVER_TF);
        classes = or(classes, 170);
        featureSize = or(featureSize, ModelSettings.FEATURE_SIZE);
        hidden = btc ? or(hidden, 128) : perceiverTf ? or(hidden, PerceiverTfConfig.HIDDEN) : featureSize;
        layers = or(layers, btc ? 8 : perceiverTf ? PerceiverTfConfig.LAYERS : 5);
        heads = or(heads, btc ? 4 : perceiverTf ? PerceiverTfConfig.HEADS : 8);
        filter = or(filter, btc ? 128 : perceiverTf ? 4 * hidden : 576);
        dropout = dropout == null ? 0.2 : dropout;
        timestep = or(timestep, 108);
        freqLayers = or(freqLayers, btc ? 0 : 5);
        freqHeads = or(freqHeads, btc ? 0 : 2);
        freqGroups = or(freqGroups, btc ? 0 : 12);
        decoderLayers = or(decoderLayers, btc ? 0 : 5);
        // the contract's checks (arch, sizes, dropout, perceiver block only for perceiver-tf), so a model.json and a spec
        // reject the same values with the same words; classes is any positive count here (imported checkpoints). The
        // contract completes the perceiver block (its defaults for perceiver-tf without one): the model takes it from there
        ModelSettings checked;
        try {
            checked = new ModelSettings(arch, null, null, featureSize, hidden, layers, heads, filter, dropout, timestep, freqLayers,
                    freqHeads, freqGroups, decoderLayers, perceiverTf && perceiver == null ? PerceiverTfConfig.DEFAULTS : perceiver);
        } catch (FieldError e) {
            throw e.under("model");
        }
        perceiver = checked.perceiver();
        FieldError.check(classes > 0, "model.classes", classes + ": expected a positive integer");
        // every architecture splits its width over the heads (the contract checks BTC's only, as a spec sets that width)
        FieldError.check(hidden % heads == 0, "model.heads", heads + " does not divide the width " + hidden);
    }

    /** BTC's and 2E1D's sizes (no {@code perceiver} block). */
    public ModelConfig(String arch, Integer classes, Integer featureSize, Integer hidden, Integer layers, Integer heads,
                       Integer filter, Double dropout, Integer timestep, Integer freqLayers, Integer freqHeads,
                       Integer freqGroups, Integer decoderLayers) {
        this(arch, classes, featureSize, hidden, layers, heads, filter, dropout, timestep, freqLayers, freqHeads, freqGroups,
                decoderLayers, null);
    }

    /** The published size of {@code arch} with {@code classes} outputs. */
    public static ModelConfig of(String arch, int classes) {
        return new ModelConfig(arch, classes, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same model with windows of {@code frames} frames. */
    public ModelConfig withTimestep(int frames) {
        return new ModelConfig(arch, classes, featureSize, hidden, layers, heads, filter, dropout, frames, freqLayers,
                freqHeads, freqGroups, decoderLayers, perceiver);
    }

    @JsonIgnore
    public boolean isBtc() {
        return arch.equals(BTC);
    }

    private static Integer or(Integer v, int dflt) {
        return v == null ? dflt : v;
    }
}
