package io.chordflow.contract;

import static io.chordflow.contract.StepSignature.SEED;
import static io.chordflow.contract.StepSignature.flag;
import static io.chordflow.contract.StepSignature.in;
import static io.chordflow.contract.StepSignature.out;
import static io.chordflow.contract.StepSignature.value;

import io.chordflow.contract.StepSignature.Param;
import io.chordflow.contract.StepSignature.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Every step program's signature: the one place that knows their main classes and options. The compiler's templates, images and the local runner follow from it;
 * {@code StepSignaturesTest} (cli) holds each program's picocli options to it.
 */
public final class StepSignatures {
    private StepSignatures() {
    }

    /** Version 2: timbre sources and arranger styles per split, production, manifest v2 (another corpus per seed). */
    public static final StepSignature SYNTH = new StepSignature("synth", "io.chordflow.steps.features.SynthStep", "2",
            List.of(out("out"), value("split", null), value("sources", "*=default"), value("styles", "*=default"), value(SEED, "0")), false);
    public static final StepSignature FEATURES = new StepSignature("features", "io.chordflow.steps.features.FeaturesStep", "1",
            List.of(in("input"), out("output"), value("shard", "0/1"), value(SEED, "0")), false);
    /**
     * Version 2: always {@code --shards} (its features come from {@link #FEATURES_SHARDS}): the pseudo-labels are also
     * written as streamable shards aligned with the feature shards, from which a large training streams.
     */
    public static final StepSignature TEACHER_INFERENCE = new StepSignature("teacher-inference",
            "io.chordflow.steps.teacher.TeacherInferenceStep", "2",
            List.of(in("model"), in("features"), out("output"), flag("shards"), value("shard", "0/1"), value(SEED, "0")), false);
    public static final StepSignature TRAIN = new StepSignature("train", "io.chordflow.steps.train.TrainStep", "1",
            List.of(in("features"), in("targets"), value("target-kind", null), out("output"), value(SEED, "0")), true);
    public static final StepSignature KD_FINETUNE = new StepSignature("kd-finetune", "io.chordflow.steps.kd.KdFinetuneStep", "1",
            List.of(in("features"), in("labels"), in("teacher"), in("student"), out("output"), value(SEED, "0")), true);
    public static final StepSignature EVALUATE = new StepSignature("evaluate", "io.chordflow.steps.evaluate.EvaluateStep", "1",
            List.of(in("model"), in("features"), in("labels"), out("output"), value("name", null), value("suite", null),
                    value(SEED, "0")), false);
    public static final StepSignature REGISTER = new StepSignature("register", "io.chordflow.steps.register.RegisterStep", "1",
            List.of(in("model"), in("metrics"), value("name", null), value("alias", "challenger"), value(SEED, "0")), false);

    /**
     * The features of a split that is pseudo-labelled (and so may be trained on at a size that does not fit in memory):
     * the features program with {@code --shards}, which writes the features once more as streamable shards
     * ({@code OUTPUT/stream/features-IIII-of-NNNN.cfshard} and their indexes) beside the {@code .npy} files.
     */
    public static final StepSignature FEATURES_SHARDS = new StepSignature("features-shards", FEATURES.mainClass(), "1",
            List.of(in("input"), out("output"), flag("shards"), value("shard", "0/1"), value(SEED, "0")), false);
    /**
     * Paper 2's pseudo-labelling: teacher-inference writing soft targets (the teacher's probabilities); version 2:
     * always {@code --shards}, as {@link #TEACHER_INFERENCE}.
     */
    public static final StepSignature TEACHER_INFERENCE_SOFT = new StepSignature("teacher-inference-soft",
            TEACHER_INFERENCE.mainClass(), "2",
            List.of(in("model"), in("features"), out("output"), flag("soft"), flag("shards"), value("shard", "0/1"),
                    value(SEED, "0")), false);
    /**
     * Paper 2's student: train on pseudo-labelled songs mixed with the labelled ones in every
     * epoch ({@code --mix-*}; the share comes from the config's {@code mix_ratio}). Version 2: the labelled songs are
     * split for validation as that set alone (version 1 shuffled both sets together), so cached version-1 results go.
     */
    public static final StepSignature TRAIN_MIX = new StepSignature("train-mix", TRAIN.mainClass(), "2",
            List.of(in("features"), in("targets"), value("target-kind", null), in("mix-features"), in("mix-targets"),
                    value("mix-target-kind", null), out("output"), value(SEED, "0")), true);
    /**
     * A noisy-student round's gate (GateStep): does the student beat its teacher on the validation
     * split? Hands {@code promoted} (true/false) and {@code champion} (the model URI that is the
     * teacher from now on) to later tasks.
     */
    public static final StepSignature GATE = new StepSignature("gate", "io.chordflow.steps.evaluate.GateStep", "1",
            List.of(value("round", null), new Param("teacher-metrics", "--teacher-metrics", Role.INPUT, null, "{}/metrics.json"),
                    new Param("student-metrics", "--student-metrics", Role.INPUT, null, "{}/metrics.json"),
                    value("metric", null), value("min-delta", "0"), value("teacher-model", null), value("student-model", null),
                    value("previous", "true"), out("output"), value(SEED, "0")),
            false, List.of("promoted", "champion"));
    /**
     * The no-learning chroma-template baseline (the evaluate program with {@code --chroma-template}):
     * features and labels in, metrics out, no model.
     */
    public static final StepSignature EVALUATE_TEMPLATE = new StepSignature("evaluate-template", EVALUATE.mainClass(), "1",
            List.of(flag("chroma-template"), in("features"), in("labels"), out("output"), value("name", null),
                    value("suite", null), value(SEED, "0")), false);

    /** The steps that ship as their own image. */
    public static final List<StepSignature> ALL = List.of(SYNTH, FEATURES, TEACHER_INFERENCE, TRAIN, KD_FINETUNE, EVALUATE, REGISTER);

    /**
     * Paper 1's comparison table and charts over the evaluated models (CompareStep): one input per
     * model and split, passed as {@code --metrics [SPLIT/]NAME=DIR/metrics.json}. Its signature is
     * built per experiment from the models it compares.
     */
    public static StepSignature compare(List<String> splits, List<String> models) {
        List<Param> params = new ArrayList<>();
        for (String split : splits) {
            for (String m : models) {
                String key = "test".equals(split) ? m : split + "/" + m;
                params.add(new Param(compareParam(split, m), "--metrics", Role.INPUT, null, key + "={}/metrics.json"));
            }
        }
        params.add(value("student", "btc"));
        params.add(out("output"));
        params.add(value(SEED, "0"));
        return new StepSignature("compare", "io.chordflow.steps.evaluate.CompareStep", "1", params, false);
    }

    /** The compare step's parameter for a model's metrics on a split: the model's name on test, SPLIT-MODEL otherwise. */
    public static String compareParam(String split, String model) {
        return "test".equals(split) ? model : split + "-" + model;
    }

    /**
     * Paper 2's rounds report (RoundsReportStep): each round's gate folder ({@code --round K=DIR}),
     * the test metrics of the first teacher and of the final model.
     */
    public static StepSignature roundsReport(int rounds) {
        List<Param> params = new ArrayList<>();
        for (int k = 1; k <= rounds; k++) {
            params.add(new Param("round-" + k, "--round", Role.INPUT, null, k + "={}"));
        }
        params.add(new Param("teacher", "--test", Role.INPUT, null, "teacher={}/metrics.json"));
        params.add(new Param("final", "--test", Role.INPUT, null, "final={}/metrics.json"));
        params.add(value("metric", null));
        params.add(out("output"));
        params.add(value(SEED, "0"));
        return new StepSignature("rounds-report", "io.chordflow.steps.evaluate.RoundsReportStep", "1", params, false);
    }
}
