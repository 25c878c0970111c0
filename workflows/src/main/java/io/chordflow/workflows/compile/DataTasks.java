package io.chordflow.workflows.compile;

import static io.chordflow.workflows.compile.DagBuilder.args;
import static io.chordflow.workflows.compile.DagBuilder.deps;

import io.chordflow.common.io.Hashes;
import io.chordflow.contract.StepSignature;
import io.chordflow.workflows.spec.Experiment;
import io.chordflow.workflows.spec.Synthetic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tasks every pipeline starts with: the synthetic corpus (when the spec asks for one) and the
 * features of each split. A split is a folder with {@code audio/} and {@code labels/} (same
 * relative paths, {@code .lab}); synthetic splits come from one generation task that renders
 * them all, so no song is in two splits and experiments with the same generator settings share
 * the data under {@code s3://BUCKET/data/synthetic/ID} (ID: seed, hours, generator version, sources, styles).
 */
final class DataTasks {
    /** In this order in the synthetic corpus' id, so adding {@code valid} kept older ids. */
    private static final List<String> SPLITS = List.of("teacher", "labeled", "unlabeled", "test", "valid", "heldout");
    private static final String SYNTH_TASK = "synth-data";
    private static final String GENERATOR_DEFAULTS = "*=default";

    private final DagBuilder dag;
    private final Experiment exp;

    private DataTasks(DagBuilder dag) {
        this.dag = dag;
        this.exp = dag.exp();
    }

    /**
     * Adds the data and feature tasks ({@code features-SPLIT}, fanned out over the split's shards). The splits in
     * {@code pseudoLabelled} (those teacher-inference labels, on which a student may train at any size) get
     * {@link Steps#FEATURES_SHARDS}: their features also as streamable shards, which teacher-inference reads and
     * from which the train step streams songs that would not fit in its memory; the other splits (ground truth,
     * evaluation) are always loaded, so their features are written as {@code .npy} files alone.
     */
    static Splits add(DagBuilder dag, Set<String> pseudoLabelled) {
        DataTasks d = new DataTasks(dag);
        Map<String, String> data = d.data();
        Map<String, String> features = new LinkedHashMap<>();
        for (String split : data.keySet()) {
            features.put(split, dag.run("features/" + split));
            dag.fanOut("features-" + split, pseudoLabelled.contains(split) ? Steps.FEATURES_SHARDS : Steps.FEATURES, split,
                    deps(d.synthTask(split)), args("input", data.get(split) + "/audio", "output", features.get(split)), null, null);
        }
        return new Splits(data, features, "key".equals(d.exp.task()));
    }

    /** Each split's data URI: given under {@code datasets.uris}, the data tier's, or the synthetic corpus'. */
    private Map<String, String> data() {
        Map<String, String> out = new LinkedHashMap<>();
        Synthetic synthetic = exp.datasets().synthetic();
        if (exp.tier() != null && exp.tier().hours() != null && synthetic == null) {
            throw new IllegalStateException("data tier " + exp.dataTier() + " in hours needs datasets.synthetic (its seed)");
        }
        String synthRoot = synthetic != null && (!synthetic.hours().isEmpty() || exp.tier() != null) ? synth(synthetic) : null;
        for (String split : SPLITS) {
            if (exp.datasets().uris().containsKey(split)) {
                out.put(split, exp.datasets().uris().get(split));
            } else if ("unlabeled".equals(split) && exp.tier() != null && exp.tier().uri() != null) {
                out.put(split, exp.tier().uri());
            } else if (synthRoot != null && (synthetic.hours().containsKey(split)
                    || ("unlabeled".equals(split) && exp.tier() != null))) {
                out.put(split, synthRoot + "/" + split);
            }
        }
        return out;
    }

    /** The generation task for the synthetic splits not given by URI; the corpus' root, or null when there is none. */
    private String synth(Synthetic synthetic) {
        StringBuilder id = new StringBuilder("seed" + synthetic.seed());
        List<String> splitArgs = new ArrayList<>();
        for (String split : SPLITS) {
            Double h = synthetic.hours().get(split);
            if ("unlabeled".equals(split) && exp.tier() != null) {
                h = exp.tier().hours();
            }
            if (h != null && !exp.datasets().uris().containsKey(split)) {
                id.append('-').append(split).append(h);
                splitArgs.add(split + "=" + h);
            }
        }
        if (splitArgs.isEmpty()) {
            return null;
        }
        List<String> generated = splitArgs.stream().map(x -> x.substring(0, x.indexOf('='))).toList();
        String sources = choices(synthetic, synthetic.sources(), generated);
        String styles = choices(synthetic, synthetic.styles(), generated);
        // the corpus is a function of the generator's version, sources and styles too: another is another corpus
        id.append("-").append(Hashes.sha256(Steps.SYNTH.version() + "\n" + sources + "\n" + styles).substring(0, 10));
        String root = "s3://" + exp.cluster().bucket() + "/data/synthetic/" + id;
        Map<String, String> a = args("out", root, "split", String.join(",", splitArgs), "sources", sources, "styles", styles);
        a.put(StepSignature.SEED, Long.toString(synthetic.seed()));
        dag.task(SYNTH_TASK, Steps.SYNTH, List.of(), a, null);
        return root;
    }

    /**
     * The generator's {@code --sources}/{@code --styles} value: {@code SPLIT=a+b,...} for each split
     * that has its own list or takes the default one; {@value #GENERATOR_DEFAULTS} (every split: the
     * generator's own defaults) when the spec names none.
     */
    private static String choices(Synthetic synthetic, Map<String, List<String>> choices, List<String> generated) {
        List<String> out = new ArrayList<>();
        for (String split : generated) {
            List<String> names = synthetic.of(choices, split);
            if (!names.isEmpty()) {
                out.add(split + "=" + String.join("+", names));
            }
        }
        return out.isEmpty() ? GENERATOR_DEFAULTS : String.join(",", out);
    }

    private String synthTask(String split) {
        boolean fromUri = exp.datasets().uris().containsKey(split)
                || ("unlabeled".equals(split) && exp.tier() != null && exp.tier().uri() != null);
        return fromUri ? null : SYNTH_TASK;
    }

    /**
     * Each split's data and feature URIs, as the data tasks left them.
     *
     * @param keys the task is key recognition: ground truth under {@code keys/}, not {@code labels/}
     */
    record Splits(Map<String, String> data, Map<String, String> features, boolean keys) {
        String features(String split) {
            return features.get(split);
        }

        /** The split's chord annotations ({@code labels/*.lab}). */
        String labels(String split) {
            return data.get(split) + "/labels";
        }

        /** The split's ground truth for the task: chord annotations, or keys ({@code keys/*.key}). */
        String targets(String split) {
            return keys ? data.get(split) + "/keys" : labels(split);
        }

        /** The train step's --target-kind for ground truth of the task. */
        String targetKind() {
            return keys ? "key" : "lab";
        }
    }
}
