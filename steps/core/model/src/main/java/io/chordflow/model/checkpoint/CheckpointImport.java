package io.chordflow.model.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.Task;
import io.chordflow.model.data.Normalization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PyTorch checkpoint file to a chordflow model folder ({@link ModelArtifact}) with a
 * {@code provenance.json} naming the source file, its sha256, the arch, vocabulary and mapping version.
 *
 * <ul>
 * <li>BTC: the names of the authors' code ({@link BtcIsmir19}); sizes read from the tensors' shapes
 * unless given; the output layer's rows and bias are put in our vocabulary's class order by label
 * (BTC-ISMIR19's orders equal ours, so this is the identity today, and stays right if either changes).</li>
 * <li>2E1D: ChordMini's {@code ChordNet} ({@link ChordMini}): our block carries its names, the attention's
 * packed {@code in_proj} is cut into query, key and value; sizes from the shapes, heads from the options or the
 * checkpoint's {@code config}; the output rows are put in our class order by the checkpoint's
 * {@code idx_to_chord} labels (or ChordMini's {@code idx2voca_chord}, which is BTC-ISMIR19's).</li>
 * </ul>
 * Normalisation: the checkpoint's {@code mean}/{@code std} (float, numpy scalar or one-element tensor;
 * top level, or under {@code normalization} as ChordMini saves them), unless given. Every mismatch is an {@link InputException} of one line naming the file and the tensor
 * (missing, expected vs found shape, or not part of the model).
 */
public final class CheckpointImport {
    /** Sizes and names to use; null means inferred from the checkpoint (or BTC-ISMIR19's defaults). */
    public record Options(String arch, String vocabulary, Integer layers, Integer hidden, Integer heads, Integer filter,
                          Integer timestep, Double mean, Double std, Integer freqHeads) {
        public static Options defaults() {
            return new Options(ModelConfig.BTC, null, null, null, null, null, null, null, null, null);
        }
    }

    /** What was imported. {@code reordered}: the output rows were permuted; {@code mappingVersion}: the naming used. */
    public record Result(ModelConfig config, String vocabulary, Normalization normalization, String sha256,
                         boolean reordered, int skippedTensors, String mappingVersion) {
    }

    /**
     * Where a parameter's values are in the checkpoint: block {@code part} of {@code parts} equal row blocks of
     * {@code tensor} (PyTorch packs some projections into one tensor), or the whole tensor.
     */
    record Source(String tensor, int part, int parts) {
        static Source whole(String tensor) {
            return new Source(tensor, 0, 1);
        }
    }

    private CheckpointImport() {
    }

    /** Converts {@code file} (recorded as {@code source}) into the model folder {@code out}. */
    public static Result convert(Path file, String source, Options o, Path out) throws IOException {
        Object root = TorchCheckpoint.read(file);
        String sha = Hashes.sha256(file);
        Map<String, TorchTensor> sd = stateDict(root, file);
        String arch = o.arch() == null ? ModelConfig.BTC : o.arch().toLowerCase(java.util.Locale.ROOT);
        boolean btc = arch.equals(ModelConfig.BTC);
        if (!btc && !arch.equals(ModelConfig.CHORDNET)) {
            throw new InputException("--arch: expected btc or 2e1d, got '" + o.arch() + "'");
        }
        String output = btc ? BtcIsmir19.OUTPUT_WEIGHT : ChordMini.OUTPUT_WEIGHT;
        String outputBias = btc ? BtcIsmir19.OUTPUT_BIAS : ChordMini.OUTPUT_BIAS;
        Integer classes = o.vocabulary() != null ? Task.vocabulary(o.vocabulary()).size() : rows(sd, output, file);
        ModelConfig config = btc ? btcConfig(sd, o, classes, file) : ChordMini.config(sd, root, o, classes, file);
        Vocabulary vocabulary = o.vocabulary() != null ? Task.vocabulary(o.vocabulary()) : byClasses(classes, file);
        Normalization norm = normalization(root, o, file);
        String mapping = btc ? BtcIsmir19.MAPPING_VERSION : ChordMini.MAPPING_VERSION;
        String unused = btc ? BtcIsmir19.UNUSED_PREFIX : ChordMini.UNUSED_PREFIX;
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(config, m, 0);
            List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
            List<Source> sources = btc ? BtcIsmir19.names(config.layers()).stream().map(Source::whole).toList()
                    : dottedNames(block).stream().map(ChordMini::source).toList();
            if (sources.size() != params.size()) {
                throw new IllegalStateException("mapping has " + sources.size() + " names for " + params.size() + " parameters");
            }
            List<String> sourceLabels = btc ? BtcIsmir19.labels(classes) : ChordMini.labels(root, classes);
            int[] order = BtcIsmir19.classOrder(sourceLabels, vocabulary);
            boolean reordered = !Arrays.equals(order, identity(classes));
            String context = arch + " with " + config.layers() + " layers, vocabulary " + vocabulary.name() + " ("
                    + vocabulary.size() + " classes)";
            for (int i = 0; i < sources.size(); i++) {
                Source from = sources.get(i);
                String name = from.tensor();
                var array = params.get(i).getValue().getArray();
                long[] expected = array.getShape().getShape().clone();
                if (expected.length > 0) {
                    expected[0] *= from.parts();
                }
                TorchTensor t = sd.get(name);
                if (t == null) {
                    throw new InputException(file + ": tensor " + name + " is missing (expected " + Arrays.toString(expected)
                            + " for " + context + ")");
                }
                if (!Arrays.equals(expected, t.shape())) {
                    throw new InputException(file + ": tensor " + name + ": expected shape " + Arrays.toString(expected)
                            + " (" + context + "), found " + t.shapeText());
                }
                float[] values = t.floats();
                if (from.parts() > 1) {
                    int rows = values.length / from.parts();
                    values = Arrays.copyOfRange(values, from.part() * rows, (from.part() + 1) * rows);
                }
                if (reordered && (name.equals(output) || name.equals(outputBias))) {
                    values = permuteRows(values, order);
                }
                array.set(values);
            }
            Set<String> known = new TreeSet<>();
            sources.forEach(s -> known.add(s.tensor()));
            int skipped = 0;
            for (String name : new TreeSet<>(sd.keySet())) {
                if (name.startsWith(unused)) {
                    skipped++;
                } else if (!known.contains(name)) {
                    throw new InputException(file + ": tensor " + name + " is not part of a " + context + " (found "
                            + sd.get(name).shapeText() + ")");
                }
            }
            ModelArtifact.save(out, config, vocabulary.name(), btc ? BtcIsmir19.FEATURES : ChordMini.FEATURES, norm, block);
            Provenance.forStep("import-model", mapping, 0)
                    .config("source", source)
                    .config("source_sha256", sha)
                    .config("arch", arch)
                    .config("vocabulary", vocabulary.name())
                    .config("mapping_version", mapping)
                    .config("class_order", reordered ? "permuted by label" : "identity")
                    .config("skipped_tensors", skipped)
                    .config("model", config)
                    .input(source, sha)
                    .build()
                    .write(out);
            return new Result(config, vocabulary.name(), norm, sha, reordered, skipped, mapping);
        }
    }

    /** {@code out[order[i]] = rows[i]} for a row-major {@code [classes, ...]} array. */
    static float[] permuteRows(float[] rows, int[] order) {
        int width = rows.length / order.length;
        float[] out = new float[rows.length];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(rows, i * width, out, order[i] * width, width);
        }
        return out;
    }

    private static ModelConfig btcConfig(Map<String, TorchTensor> sd, Options o, int classes, Path file) {
        TorchTensor emb = sd.get(BtcIsmir19.EMBEDDING);
        if (emb == null || emb.shape().length != 2) {
            throw new InputException(file + ": tensor " + BtcIsmir19.EMBEDDING + " is missing, not a BTC-ISMIR19 checkpoint"
                    + " (" + sd.size() + " tensors, e.g. " + sd.keySet().stream().sorted().findFirst().orElse("none") + ")");
        }
        int layers = o.layers() != null ? o.layers() : BtcIsmir19.layers(sd.keySet());
        TorchTensor conv = sd.get(BtcIsmir19.FIRST_CONV);
        Integer filter = o.filter() != null ? o.filter() : conv == null ? null : (int) conv.shape()[0];
        return new ModelConfig(ModelConfig.BTC, classes, (int) emb.shape()[1],
                o.hidden() != null ? o.hidden() : (int) emb.shape()[0], Math.max(layers, 1),
                o.heads() != null ? o.heads() : BtcIsmir19.HEADS, filter, null,
                o.timestep() != null ? o.timestep() : BtcIsmir19.TIMESTEP, null, null, null, null);
    }

    private static int rows(Map<String, TorchTensor> sd, String name, Path file) {
        TorchTensor t = sd.get(name);
        if (t == null) {
            throw new InputException(file + ": tensor " + name + " is missing (it gives the number of classes)");
        }
        return (int) t.shape()[0];
    }

    private static Vocabulary byClasses(int classes, Path file) {
        return switch (classes) {
            case 170 -> Vocabulary.LARGE;
            case 25 -> Vocabulary.MAJMIN;
            default -> throw new InputException(file + ": " + classes + " output classes match no vocabulary (170 large, 25 majmin)");
        };
    }

    /**
     * The state_dict: {@code checkpoint['model']} (BTC-ISMIR19), {@code ['model_state_dict']} (ChordMini),
     * {@code ['state_dict']}, or the file itself;
     * a {@code module.} prefix on every name (nn.DataParallel) is dropped.
     */
    public static Map<String, TorchTensor> stateDict(Object root, Path file) {
        Object sd = root;
        if (root instanceof Map<?, ?> m && !(m.values().stream().allMatch(v -> v instanceof TorchTensor))) {
            sd = m.containsKey("model") ? m.get("model") : m.containsKey("model_state_dict") ? m.get("model_state_dict")
                    : m.get("state_dict");
        }
        if (!(sd instanceof Map<?, ?> map)) {
            throw new InputException(file + ": no state_dict (expected a dict of tensors, or one under 'model',"
                    + " 'model_state_dict' or 'state_dict')");
        }
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof TorchTensor t) {
                out.put(String.valueOf(k), t);
            }
        });
        // a model saved through nn.DataParallel has every name under "module."
        if (!out.isEmpty() && out.keySet().stream().allMatch(k -> k.startsWith("module."))) {
            Map<String, TorchTensor> stripped = new LinkedHashMap<>();
            out.forEach((k, t) -> stripped.put(k.substring("module.".length()), t));
            return stripped;
        }
        return out;
    }

    static Normalization normalization(Object root, Options o, Path file) {
        Map<?, ?> m = root instanceof Map<?, ?> r ? r : Map.of();
        if (!m.containsKey("mean") && m.get("normalization") instanceof Map<?, ?> n) { // ChordMini's layout
            m = n;
        }
        double mean = o.mean() != null ? o.mean() : scalar(m.get("mean"), "mean", file);
        double std = o.std() != null ? o.std() : scalar(m.get("std"), "std", file);
        if (!(std > 0) || Double.isNaN(mean)) {
            throw new InputException(file + ": normalisation mean " + mean + " / std " + std + " is not usable (std must be > 0)");
        }
        return new Normalization(mean, std);
    }

    private static double scalar(Object v, String field, Path file) {
        double[] values;
        if (v instanceof Number n) {
            return n.doubleValue();
        } else if (v instanceof NumpyArray a) {
            values = a.values();
        } else if (v instanceof TorchTensor t) {
            values = t.values();
        } else if (v == null) {
            throw new InputException(file + ": field '" + field + "' (the feature normalisation) is missing; pass --mean and --std");
        } else {
            throw new InputException(file + ": field '" + field + "': expected a number, found " + v.getClass().getSimpleName());
        }
        if (values.length != 1) {
            throw new InputException(file + ": field '" + field + "' has " + values.length
                    + " values; chordflow normalises with one global mean and std (pass --mean and --std)");
        }
        return values[0];
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Our block's parameter names with dots, in {@link Block#getParameters()} order (direct ones first, then children). */
    public static List<String> dottedNames(Block block) {
        List<String> out = new ArrayList<>();
        walk(block, "", out);
        return out;
    }

    private static void walk(Block b, String prefix, List<String> out) {
        for (Pair<String, Parameter> p : b.getDirectParameters()) {
            out.add(prefix + p.getKey());
        }
        for (Pair<String, Block> c : b.getChildren()) {
            String key = c.getKey().replaceFirst("^\\d\\d", ""); // DJL numbers children: 01embedding_proj
            walk(c.getValue(), prefix + key + ".", out);
        }
    }
}
