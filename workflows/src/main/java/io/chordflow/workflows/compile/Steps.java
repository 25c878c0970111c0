package io.chordflow.workflows.compile;

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

    public static final Step SYNTH = new Step("synth", "io.chordflow.audio.synth.SynthCommand", "1",
            List.of(out("out"), value("split", null), value(SEED, "0")), false, false);
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
            List.of(in("model"), in("features"), in("labels"), out("output"), value("name", null), value(SEED, "0")), false, true);
    public static final Step REGISTER = new Step("register", "io.chordflow.steps.register.RegisterStep", "1",
            List.of(in("model"), in("metrics"), value("name", null), value("alias", "challenger"), value(SEED, "0")), false, false);

    public static final List<Step> ALL = List.of(SYNTH, FEATURES, TEACHER_INFERENCE, TRAIN, KD_FINETUNE, EVALUATE, REGISTER);
    public static final Map<String, Step> BY_NAME = ALL.stream().collect(Collectors.toUnmodifiableMap(Step::name, Function.identity()));

    /**
     * Paper 1's comparison table and charts over the evaluated models (CompareStep, shipped in the
     * evaluate image): one input per model, passed as {@code --metrics NAME=DIR/metrics.json}.
     * Not a contract step; its template is built per experiment from the models it evaluates.
     */
    public static Step compare(List<String> models) {
        List<Step.Param> params = new java.util.ArrayList<>();
        for (String m : models) {
            params.add(new Step.Param(m, "--metrics", Step.Role.INPUT, null, m + "={}/metrics.json"));
        }
        params.add(out("output"));
        params.add(value(SEED, "0"));
        return new Step("compare", "io.chordflow.steps.evaluate.CompareStep", "1", List.copyOf(params), false, true,
                "chordflow-evaluate");
    }

    private Steps() {
    }
}
