package io.chordflow.model.checkpoint;

import io.chordflow.common.InputException;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What ChordMini (github ptnghia-j/ChordMini, paper 1's code, MIT) saves for its 2E1D, {@code ChordNet},
 * for importing its checkpoints onto our {@link io.chordflow.model.chordnet.ChordNet}.
 *
 * <p>Checkpoint layout ({@code src/training/utils/checkpointing.py}): a dict with {@code model_state_dict},
 * {@code normalization: {mean, std}} (0-d tensors: one global mean and std, applied as
 * {@code (x - mean) / (std + 1e-8)}), {@code idx_to_chord} (class index to label) and, sometimes,
 * {@code config} with the sizes. Our block's parameters carry ChordNet's names except where DJL's parts
 * differ: {@code nn.MultiheadAttention} packs the query, key and value projections as the three row
 * blocks of {@code in_proj_weight}/{@code in_proj_bias} and names its output {@code out_proj}, and
 * {@code nn.LayerNorm}'s {@code weight}/{@code bias} are DJL's {@code gamma}/{@code beta}. Sizes come from
 * the shapes, except the heads, which no shape shows ({@code config} or the options give them).
 * {@code transformer.decoder.fc.*} is a layer ChordNet computes and never uses; it is skipped.
 * Its features are BTC-ISMIR19's ({@code AudioChordDataset.py}: one CQT per song, librosa, sr 22050,
 * hop 2048, 144 bins, 24 per octave from C1, {@code log(|C|+1e-6)}), so a frame is hop/sr, as ours.
 */
public final class ChordMini {
    /** Recorded with every import; bump it when the naming or the class order below changes. */
    public static final String MAPPING_VERSION = "chordmini-chordnet/1";
    public static final FeatureSpec FEATURES = FeatureSpec.BTC;
    /** Its training and test window ({@code ChordMini.yaml} {@code seq_len}). */
    public static final int TIMESTEP = 108;

    static final String OUTPUT_WEIGHT = "fc.weight";
    static final String OUTPUT_BIAS = "fc.bias";
    static final String UNUSED_PREFIX = "transformer.decoder.fc.";
    private static final String FREQUENCY = "transformer.encoder_f.0.";
    private static final String TIME = "transformer.encoder_t.0.";
    private static final String DECODER = "transformer.decoder.";
    private static final List<String> PROJECTIONS = List.of("query", "key", "value");

    private ChordMini() {
    }

    /** The ChordNet tensor (and row block) our parameter {@code ours} (dotted, as {@link CheckpointImport} names it) comes from. */
    static CheckpointImport.Source source(String ours) {
        int dot = ours.lastIndexOf('.');
        String owner = ours.substring(0, Math.max(dot, 0));
        String leaf = ours.substring(dot + 1);
        int ownerDot = owner.lastIndexOf('.');
        String module = owner.substring(ownerDot + 1);
        String parent = owner.substring(0, Math.max(ownerDot, 0));
        int part = PROJECTIONS.indexOf(module);
        if (part >= 0) {
            return new CheckpointImport.Source(parent + ".in_proj_" + leaf, part, PROJECTIONS.size());
        }
        if (module.equals("output") && parent.contains("attn_layer")) {
            return CheckpointImport.Source.whole(parent + ".out_proj." + leaf);
        }
        return CheckpointImport.Source.whole(switch (leaf) {
            case "gamma" -> owner + ".weight";
            case "beta" -> owner + ".bias";
            default -> ours;
        });
    }

    /**
     * Our config for a ChordNet state_dict: width and classes from {@code fc.weight}, group width from the
     * frequency encoder's attention, layers counted, the feed-forward width from the time encoder's;
     * heads from the options, else the checkpoint's {@code config} ({@code t_head}, {@code d_head},
     * {@code f_head}, lowered as ChordNet's constructor does until it divides the group width), else ours.
     */
    static ModelConfig config(Map<String, TorchTensor> sd, Object root, CheckpointImport.Options o, int classes, Path file) {
        TorchTensor fc = sd.get(OUTPUT_WEIGHT);
        TorchTensor group = sd.get(FREQUENCY + "attn_layer.0.in_proj_weight");
        TorchTensor ff = sd.get(TIME + "ff_layer.0.linear1.weight");
        for (var t : new Object[][] {{OUTPUT_WEIGHT, fc}, {FREQUENCY + "attn_layer.0.in_proj_weight", group},
                {TIME + "ff_layer.0.linear1.weight", ff}}) {
            if (t[1] == null || ((TorchTensor) t[1]).shape().length != 2) {
                throw new InputException(file + ": tensor " + t[0] + " is missing, not a ChordMini ChordNet checkpoint"
                        + " (" + sd.size() + " tensors, e.g. " + sd.keySet().stream().sorted().findFirst().orElse("none") + ")");
            }
        }
        int width = (int) fc.shape()[1];
        int groupWidth = (int) group.shape()[1];
        if (groupWidth <= 0 || width % groupWidth != 0) {
            throw new InputException(file + ": tensor " + FREQUENCY + "attn_layer.0.in_proj_weight: its width " + groupWidth
                    + " does not divide the feature width " + width);
        }
        Map<?, ?> saved = root instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c ? c : Map.of();
        Integer heads = o.heads() != null ? o.heads() : integer(saved, "t_head", file);
        Integer decoderHeads = integer(saved, "d_head", file);
        if (o.heads() == null && heads != null && decoderHeads != null && !heads.equals(decoderHeads)) {
            throw new InputException(file + ": config t_head " + heads + " and d_head " + decoderHeads
                    + " differ; chordflow's 2e1d has one head count for the time encoder and the decoder (pass --heads)");
        }
        Integer freqHeads = o.freqHeads() != null ? o.freqHeads() : divisor(integer(saved, "f_head", file), groupWidth);
        return new ModelConfig(ModelConfig.CHORDNET, classes, width, null,
                o.layers() != null ? o.layers() : count(sd, TIME + "attn_layer."), heads, (int) ff.shape()[0], null,
                o.timestep() != null ? o.timestep() : TIMESTEP, count(sd, FREQUENCY + "attn_layer."), freqHeads,
                width / groupWidth, count(sd, DECODER + "attn_layer1."));
    }

    /**
     * The checkpoint's own class labels ({@code idx_to_chord}) when it has them for every class, else
     * ChordMini's {@code idx2voca_chord} order, which is BTC-ISMIR19's.
     */
    static List<String> labels(Object root, int classes) {
        if (root instanceof Map<?, ?> m && m.get("idx_to_chord") instanceof Map<?, ?> names && names.size() == classes) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                Object label = names.get(i);
                if (label == null) {
                    return BtcIsmir19.labels(classes);
                }
                out.add(String.valueOf(label));
            }
            return out;
        }
        return BtcIsmir19.labels(classes);
    }

    /** Layers: the number of consecutive {@code prefix N.in_proj_weight}. */
    private static int count(Map<String, TorchTensor> sd, String prefix) {
        int n = 0;
        while (sd.containsKey(prefix + n + ".in_proj_weight")) {
            n++;
        }
        return Math.max(n, 1);
    }

    /** ChordNet's constructor lowers f_head until it divides the group width. */
    private static Integer divisor(Integer heads, int width) {
        if (heads == null) {
            return null;
        }
        int h = heads;
        while (h > 1 && width % h != 0) {
            h--;
        }
        return h;
    }

    private static Integer integer(Map<?, ?> config, String key, Path file) {
        Object v = config.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() > 0) {
            return n.intValue();
        }
        throw new InputException(file + ": config field '" + key + "': expected a positive integer, found " + v);
    }
}
