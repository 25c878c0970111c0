package io.chordflow.workflows.compile;

import io.chordflow.contract.StepSignatures;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The step programs as the cluster runs them: each contract signature ({@link StepSignatures})
 * with its image and node pool. Images, templates and the runner follow from here.
 */
public final class Steps {
    public static final Step SYNTH = Step.of(StepSignatures.SYNTH, false);
    public static final Step FEATURES = Step.of(StepSignatures.FEATURES, false);
    public static final Step TEACHER_INFERENCE = Step.of(StepSignatures.TEACHER_INFERENCE, true);
    public static final Step TRAIN = Step.of(StepSignatures.TRAIN, true);
    public static final Step KD_FINETUNE = Step.of(StepSignatures.KD_FINETUNE, true);
    public static final Step EVALUATE = Step.of(StepSignatures.EVALUATE, true);
    public static final Step REGISTER = Step.of(StepSignatures.REGISTER, false);

    /** Where a step that has output parameters writes them in its container ({@code --parameters DIR}). */
    public static final String PARAMETERS_DIR = "/chordflow/outputs";

    /** The features of a pseudo-labelled split, also as streamable shards: the features image, in its pool. */
    public static final Step FEATURES_SHARDS = new Step(StepSignatures.FEATURES_SHARDS, false, "chordflow-features", "features");
    /** Soft pseudo-labels: the teacher-inference image, in its pool. */
    public static final Step TEACHER_INFERENCE_SOFT = Step.inImage(StepSignatures.TEACHER_INFERENCE_SOFT,
            "chordflow-teacher-inference", "teacher-inference");
    /** Paper 2's student: the train image, in train's pool. */
    public static final Step TRAIN_MIX = Step.inImage(StepSignatures.TRAIN_MIX, "chordflow-train", "train");
    /** A noisy-student round's gate, shipped in the evaluate image. */
    public static final Step GATE = Step.inImage(StepSignatures.GATE, "chordflow-evaluate", "gate");
    /** The chroma-template baseline, in the evaluate image; it runs in the CPU pool. */
    public static final Step EVALUATE_TEMPLATE = Step.inImage(StepSignatures.EVALUATE_TEMPLATE, "chordflow-evaluate",
            "evaluate-template");

    public static final List<Step> ALL = List.of(SYNTH, FEATURES, TEACHER_INFERENCE, TRAIN, KD_FINETUNE, EVALUATE, REGISTER);
    public static final Map<String, Step> BY_NAME = ALL.stream().collect(Collectors.toUnmodifiableMap(Step::name, Function.identity()));

    /** Paper 1's comparison over the evaluated models (in the evaluate image); see {@link StepSignatures#compare}. */
    public static Step compare(List<String> splits, List<String> models) {
        return Step.inImage(StepSignatures.compare(splits, models), "chordflow-evaluate", "compare");
    }

    /** Paper 2's rounds report (in the evaluate image); see {@link StepSignatures#roundsReport}. */
    public static Step roundsReport(int rounds) {
        return Step.inImage(StepSignatures.roundsReport(rounds), "chordflow-evaluate", "rounds-report");
    }

    /** The steps that ship inside another step's image (not contract steps), by name. */
    public static final List<Step> EXTRA = List.of(FEATURES_SHARDS, TEACHER_INFERENCE_SOFT, TRAIN_MIX, GATE, EVALUATE_TEMPLATE, roundsReport(1),
            compare(List.of("test"), List.of("teacher")));

    private Steps() {
    }
}
