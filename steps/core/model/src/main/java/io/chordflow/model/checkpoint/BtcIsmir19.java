package io.chordflow.model.checkpoint;

import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.contract.FeatureSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the authors' BTC code (github jayg996/BTC-ISMIR19) saves and expects, for importing its
 * checkpoints: state_dict names in the order of our {@link io.chordflow.model.btc.Btc}'s parameters,
 * its class orders, and its features.
 *
 * <p>Checkpoint layout ({@code test.py}): a dict with {@code model} (the state_dict of {@code BTC_model}),
 * {@code mean} and {@code std} (the global feature normalisation, a float and a numpy.float64 in
 * {@code train.py}). The state_dict has no sizes beyond the tensors' shapes: hidden = rows of
 * {@code embedding_proj}, feature size = its columns, layers = the number of
 * {@code self_attn_layers.self_attn_layers.N}, filter = rows of the first conv, classes = rows of the output
 * projection. Heads (4 in {@code run_config.yaml}) and the window (timestep 108) do not show in any shape.
 * {@code output_layer.lstm.*} is the BiLSTM the original creates but never calls; it is skipped.
 */
public final class BtcIsmir19 {
    /** Recorded with every import; bump it when the naming or the class order below changes. */
    public static final String MAPPING_VERSION = "btc-ismir19/1";
    public static final int HEADS = 4;
    public static final int TIMESTEP = 108;

    /**
     * Its features ({@code run_config.yaml} {@code feature:} and {@code mp3.song_hz}, and
     * {@code utils/mir_eval_modules.audio_file_to_features}): {@code librosa.cqt(y, sr=22050, n_bins=144,
     * bins_per_octave=24, hop_length=2048)} with librosa's defaults {@code fmin=None} (= C1 = 32.703 Hz) and
     * {@code tuning=0.0}, then {@code np.log(np.abs(cqt) + 1e-6)}.
     */
    public static final FeatureSpec FEATURES = new FeatureSpec(22050, 2048, 144, 24, 440.0 * StrictMath.pow(2.0, (24 - 69) / 12.0),
            "log(|C|+1e-6)");
    /**
     * It computes the CQT in 10-second pieces ({@code inst_len}) and concatenates them, so a frame stands
     * for 10/108 s ({@code test.py}'s {@code time_unit}), not hop/sr = 0.09288 s: 0.3% fewer frames per
     * second than one CQT over the whole song, as chordflow computes it.
     */
    public static final double FRAME_SECONDS = 10.0 / 108;

    static final String EMBEDDING = "self_attn_layers.embedding_proj.weight";
    static final String OUTPUT_WEIGHT = "output_layer.output_projection.weight";
    static final String OUTPUT_BIAS = "output_layer.output_projection.bias";
    static final String FIRST_CONV = "self_attn_layers.self_attn_layers.0.attn_block.positionwise_convolution.layers.0.conv.weight";
    static final String UNUSED_PREFIX = "output_layer.lstm.";
    private static final String LAYER = "self_attn_layers.self_attn_layers.";

    /** {@code utils/mir_eval_modules.py}: {@code root_list} and {@code quality_list}. */
    static final List<String> ROOTS = List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B");
    static final List<String> QUALITIES = List.of(
            "min", "maj", "dim", "aug", "min6", "maj6", "min7", "minmaj7", "maj7", "7", "dim7", "hdim7", "sus2", "sus4");

    private BtcIsmir19() {
    }

    /** The state_dict names of a BTC with {@code layers} layers, in our block's parameter order. */
    public static List<String> names(int layers) {
        List<String> out = new ArrayList<>();
        out.add(EMBEDDING);
        for (int i = 0; i < layers; i++) {
            for (String block : List.of("attn_block", "backward_attn_block")) {
                String p = LAYER + i + "." + block + ".";
                String mha = p + "multi_head_attention.";
                String ffn = p + "positionwise_convolution.layers.";
                out.addAll(List.of(p + "layer_norm_mha.gamma", p + "layer_norm_mha.beta",
                        mha + "query_linear.weight", mha + "key_linear.weight", mha + "value_linear.weight",
                        mha + "output_linear.weight", p + "layer_norm_ffn.gamma", p + "layer_norm_ffn.beta",
                        ffn + "0.conv.weight", ffn + "0.conv.bias", ffn + "1.conv.weight", ffn + "1.conv.bias"));
            }
            out.add(LAYER + i + ".linear.weight");
            out.add(LAYER + i + ".linear.bias");
        }
        out.addAll(List.of("self_attn_layers.layer_norm.gamma", "self_attn_layers.layer_norm.beta", OUTPUT_WEIGHT, OUTPUT_BIAS));
        return out;
    }

    /** Layers in a state_dict: the number of distinct {@code self_attn_layers.self_attn_layers.N}. */
    static int layers(java.util.Set<?> names) {
        int n = 0;
        while (names.contains(LAYER + n + ".linear.weight")) {
            n++;
        }
        return n;
    }

    /**
     * Class {@code i}'s label in BTC-ISMIR19: {@code idx2voca_chord()} for 170 classes (root * 14 + quality,
     * quality 1 written as the bare root, 168 = X, 169 = N), {@code idx2chord} for 25 (root * 2 major,
     * root * 2 + 1 minor, 24 = N).
     */
    public static List<String> labels(int classes) {
        List<String> out = new ArrayList<>();
        if (classes == 170) {
            for (int i = 0; i < 168; i++) {
                String root = ROOTS.get(i / 14);
                out.add(i % 14 == 1 ? root : root + ":" + QUALITIES.get(i % 14));
            }
            out.add("X");
            out.add("N");
        } else if (classes == 25) {
            for (String root : ROOTS) {
                out.add(root);
                out.add(root + ":min");
            }
            out.add("N");
        } else {
            throw new InputException("BTC-ISMIR19 has 170 (large) or 25 (majmin) classes, not " + classes);
        }
        return out;
    }

    /**
     * {@code order[i]} = our class for source class {@code i}, by label; an error unless it is a
     * one-to-one map onto all of {@code to}.
     */
    public static int[] classOrder(List<String> sourceLabels, Vocabulary to) {
        if (sourceLabels.size() != to.size()) {
            throw new InputException("the checkpoint has " + sourceLabels.size() + " classes, vocabulary " + to.name()
                    + " has " + to.size());
        }
        int[] order = new int[sourceLabels.size()];
        boolean[] hit = new boolean[to.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = to.index(sourceLabels.get(i));
            if (hit[order[i]]) {
                throw new InputException("class " + i + " (" + sourceLabels.get(i) + ") maps to " + to.name() + " class "
                        + order[i] + ", which another class already took");
            }
            hit[order[i]] = true;
        }
        return order;
    }
}
