package io.chordflow.workflows.compile;

import static io.chordflow.workflows.compile.Step.flag;
import static io.chordflow.workflows.compile.Step.in;
import static io.chordflow.workflows.compile.Step.out;
import static io.chordflow.workflows.compile.Step.value;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The step programs of the contract (CONTRACT.md, "Step programs"): main classes and options.
 * This is the one place that knows them; images, templates and the runner follow from it.
 */
public final class Steps {
    public static final String SEED = "seed";

    /** Version 2: timbre sources and arranger styles per split, production, manifest v2 (another corpus per seed). */
    public static final Step SYNTH = new Step("synth", "io.chordflow.steps.features.SynthStep", "2",
            List.of(out("out"), value("split", null), value("sources", "*=default"), value("styles", "*=default"), value(SEED, "0")), false, false);
    public static final Step FEATURES = new Step("features", "io.chordflow.steps.features.FeaturesStep", "1",
            List.of(in("input"), out("output"), value("shard", "0/1"), value(SEED, "0")), false, false);
    public static final Step TEACHER_INFERENCE = new Step("teacher-inference",
            "io.chordflow.steps.teacher.TeacherInferenceStep", "1",
            List.of(in("model"), in("features"), out("output"), value("shard", "0/1"), value(SEED, "0")), false, true);
    public static final Step TRAIN = new Step("train", "io.chordflow.steps.train.TrainStep", "1",
            List.of(in("features"), in("targets"), value("target-kind", null), out("output"), value(SEED, "0")), true, true);
    public static final Step KD_FINETUNE = new Step("kd-finetune", "io.chordflow.steps.kd.KdFinetuneStep", "1",
            List.of(in("features"), in("labels"), in("teacher"), in("student"), out("output"), value(SEED, "0")), true, true);
    public static final Step EVALUATE = new Step("evaluate", "io.chordflow.steps.evaluate.EvaluateStep", "1",
            List.of(in("model"), in("features"), in("labels"), out("output"), value("name", null), value("suite", null),
                    value(SEED, "0")), false, true);
    public static final Step REGISTER = new Step("register", "io.chordflow.steps.register.RegisterStep", "1",
            List.of(in("model"), in("metrics"), value("name", null), value("alias", "challenger"), value(SEED, "0")), false, false);

    /** Where a step that has output parameters writes them in its container ({@code --parameters DIR}). */
    public static final String PARAMETERS_DIR = "/chordflow/outputs";

    /** Paper 2's pseudo-labelling: teacher-inference writing soft targets (the teacher's probabilities). */
    public static final Step TEACHER_INFERENCE_SOFT = new Step("teacher-inference-soft", TEACHER_INFERENCE.mainClass(), "1",
            List.of(in("model"), in("features"), out("output"), flag("soft"), value("shard", "0/1"), value(SEED, "0")),
            false, true, "chordflow-teacher-inference", List.of(), "teacher-inference");
    /**
     * Paper 2's student: train on pseudo-labelled songs mixed with the labelled ones in every
     * epoch ({@code --mix-*}; the share comes from the config's {@code mix_ratio}).
     */
    public static final Step TRAIN_MIX = new Step("train-mix", TRAIN.mainClass(), "1",
            List.of(in("features"), in("targets"), value("target-kind", null), in("mix-features"), in("mix-targets"),
                    value("mix-target-kind", null), out("output"), value(SEED, "0")),
            true, true, "chordflow-train", List.of(), "train");
    /**
     * A noisy-student round's gate (GateStep, shipped in the evaluate image): does the student
     * beat its teacher on the validation split? Hands {@code promoted} (true/false) and
     * {@code champion} (the model URI that is the teacher from now on) to later tasks.
     */
    public static final Step GATE = new Step("gate", "io.chordflow.steps.evaluate.GateStep", "1",
            List.of(value("round", null), new Step.Param("teacher-metrics", "--teacher-metrics", Step.Role.INPUT, null, "{}/metrics.json"),
                    new Step.Param("student-metrics", "--student-metrics", Step.Role.INPUT, null, "{}/metrics.json"),
                    value("metric", null), value("min-delta", "0"), value("teacher-model", null), value("student-model", null),
                    value("previous", "true"), out("output"), value(SEED, "0")),
            false, true, "chordflow-evaluate", List.of("promoted", "champion"), "gate");

    public static final List<Step> ALL = List.of(SYNTH, FEATURES, TEACHER_INFERENCE, TRAIN, KD_FINETUNE, EVALUATE, REGISTER);
    public static final Map<String, Step> BY_NAME = ALL.stream().collect(Collectors.toUnmodifiableMap(Step::name, Function.identity()));

    /**
     * Paper 1's comparison table and charts over the evaluated models (CompareStep, shipped in the
     * evaluate image): one input per model, passed as {@code --metrics NAME=DIR/metrics.json}.
     * Not a contract step; its template is built per experiment from the models it evaluates.
     */
    public static Step compare(List<String> splits, List<String> models) {
        List<Step.Param> params = new java.util.ArrayList<>();
        for (String split : splits) {
            for (String m : models) {
                String name = compareParam(split, m);
                String key = "test".equals(split) ? m : split + "/" + m;
                params.add(new Step.Param(name, "--metrics", Step.Role.INPUT, null, key + "={}/metrics.json"));
            }
        }
        params.add(value("student", "btc"));
        params.add(out("output"));
        params.add(value(SEED, "0"));
        return new Step("compare", "io.chordflow.steps.evaluate.CompareStep", "1", List.copyOf(params), false, true,
                "chordflow-evaluate");
    }

    /**
     * Paper 2's rounds report (RoundsReportStep, in the evaluate image): each round's gate
     * folder ({@code --round K=DIR}), the test metrics of the first teacher and of the final model.
     */
    public static Step roundsReport(int rounds) {
        List<Step.Param> params = new java.util.ArrayList<>();
        for (int k = 1; k <= rounds; k++) {
            params.add(new Step.Param("round-" + k, "--round", Step.Role.INPUT, null, k + "={}"));
        }
        params.add(new Step.Param("teacher", "--test", Step.Role.INPUT, null, "teacher={}/metrics.json"));
        params.add(new Step.Param("final", "--test", Step.Role.INPUT, null, "final={}/metrics.json"));
        params.add(value("metric", null));
        params.add(out("output"));
        params.add(value(SEED, "0"));
        return new Step("rounds-report", "io.chordflow.steps.evaluate.RoundsReportStep", "1", List.copyOf(params), false, true,
                "chordflow-evaluate");
    }

    /** The compare step's parameter for a model's metrics on a split: the model's name on test, SPLIT-MODEL otherwise. */
    public static String compareParam(String split, String model) {
        return "test".equals(split) ? model : split + "-" + model;
    }

    /**
     * The no-learning chroma-template baseline (the evaluate program with {@code --chroma-template}):
     * features and labels in, metrics out, no model; it runs in the CPU pool.
     */
    public static final Step EVALUATE_TEMPLATE = new Step("evaluate-template", EVALUATE.mainClass(), "1",
            List.of(flag("chroma-template"), in("features"), in("labels"), out("output"), value("name", null),
                    value("suite", null), value(SEED, "0")),
            false, true, "chordflow-evaluate", List.of(), "evaluate-template");

    /** The steps that ship inside another step's image (not contract steps), by name. */
    public static final List<Step> EXTRA = List.of(TEACHER_INFERENCE_SOFT, TRAIN_MIX, GATE, EVALUATE_TEMPLATE, roundsReport(1),
            compare(List.of("test"), List.of("teacher")));

    private Steps() {
    }
}
