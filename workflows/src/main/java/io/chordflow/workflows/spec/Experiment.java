package io.chordflow.workflows.spec;

import io.chordflow.contract.Compute;
import io.chordflow.contract.Contract;
import io.chordflow.contract.FieldError;
import io.chordflow.contract.KdParams;
import io.chordflow.contract.ModelSettings;
import io.chordflow.contract.TrainingSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment spec ({@code experiments/NAME.yaml}) after its profile is applied. Field names
 * in YAML are snake_case. The training blocks ({@code model}, {@code stage1}, {@code stage2},
 * {@code kd}, {@code baseline}, {@code teacher.model}/{@code teacher.training}, a round's blocks,
 * an ablation variant's blocks over the base) are kept as written, for the compiler to copy
 * verbatim into the step's --config JSON, and bound here to the contract's records
 * ({@link ModelSettings}, {@link TrainingSettings}, {@link KdParams}) as the steps will bind
 * them: a field the step would reject fails the load, with its path.
 *
 * @param pipeline  which DAG to build: {@code teacher-student} (paper 1), {@code supervised}
 *                  (baseline only) or {@code noisy-student} (paper 2's rounds)
 * @param task      what is recognised: {@code chord}, or {@code key} (supervised and noisy-student)
 * @param rounds    noisy-student rounds 1..N: each student's model sizes (growing), training, augmentation, mix ratio
 * @param dataTiers noisy-student unlabeled data tiers ({@code D1}, {@code D2}, ...: more data per tier)
 * @param dataTier  the tier the unlabeled split comes from
 * @param gate      how a round's student is compared with its teacher on the {@code valid} split
 * @param ablation  stage-2 variants (teacher-student): each retrains stage 2 from the same stage-1
 *                  student with its {@code kd}/{@code stage2} keys over the base ones, and is
 *                  evaluated and compared as the model {@code stage2-NAME}
 */
public record Experiment(
        String name,
        String description,
        String pipeline,
        String task,
        Long seed,
        Datasets datasets,
        Teacher teacher,
        Map<String, Object> model,
        Map<String, Object> stage1,
        Map<String, Object> stage2,
        Map<String, Object> kd,
        Map<String, Object> baseline,
        Map<String, Integer> shards,
        Evaluation evaluation,
        Registration registration,
        Compute compute,
        Cluster cluster,
        List<Round> rounds,
        Map<String, DataTier> dataTiers,
        String dataTier,
        Gate gate,
        Map<String, Variant> ablation) {

    public static final String TEACHER_STUDENT = "teacher-student";
    public static final String SUPERVISED = "supervised";
    public static final String NOISY_STUDENT = "noisy-student";
    public static final Set<String> PIPELINES = Set.of(TEACHER_STUDENT, SUPERVISED, NOISY_STUDENT);
    public static final Set<String> TASKS = Set.of("chord", "key");
    /**
     * Dataset roles a pipeline reads ({@code valid}: the noisy student's gate; never the test split).
     * {@code heldout} is a second test split whose timbre sources and arranger styles no other
     * split uses (leave-one-source-out): how a model does on music it was not generated from.
     */
    public static final Set<String> SPLITS = Set.of("teacher", "labeled", "unlabeled", "valid", "test", "heldout");
    /** Splits that are only ever evaluated on, never trained, tuned or gated on. */
    public static final List<String> TEST_SPLITS = List.of("test", "heldout");
    /** The no-learning chroma-template baseline: a row of every chord comparison that asks for it. */
    public static final String TEMPLATE = "template";
    /** Model keys that are sizes (ModelConfig): knowledge expansion compares them round to round. */
    public static final List<String> SIZE_KEYS = ModelSettings.SIZE_KEYS;

    @com.fasterxml.jackson.annotation.JsonCreator
    public Experiment {
        FieldError.need(name, "name");
        FieldError.check(name.matches("[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?"), "name",
                "'" + name + "': expected lower-case letters, digits and '-' (it names Kubernetes objects)");
        pipeline = pipeline == null ? TEACHER_STUDENT : pipeline;
        FieldError.check(PIPELINES.contains(pipeline), "pipeline", "'" + pipeline + "': expected one of " + PIPELINES);
        task = task == null ? "chord" : task;
        FieldError.check(TASKS.contains(task), "task", "'" + task + "': expected one of " + TASKS);
        FieldError.check("chord".equals(task) || !TEACHER_STUDENT.equals(pipeline), "task",
                "'" + task + "': pipeline teacher-student (stage-2 KD) is chord-only; use noisy-student or supervised");
        boolean noisy = NOISY_STUDENT.equals(pipeline);
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
        FieldError.check(noisy || rounds.isEmpty(), "rounds", "rounds need pipeline noisy-student");
        FieldError.check(!noisy || !rounds.isEmpty(), "rounds", "missing value (pipeline noisy-student needs at least one round)");
        dataTiers = dataTiers == null ? Map.of() : new java.util.TreeMap<>(dataTiers);
        FieldError.check(noisy || (dataTiers.isEmpty() && dataTier == null), "data_tiers",
                "data tiers need pipeline noisy-student");
        gate = gate == null ? new Gate(null, null) : gate;
        gate = new Gate(gate.metric() == null ? Gate.defaultMetric(task) : gate.metric(), gate.minDelta());
        FieldError.need(seed, "seed");
        FieldError.need(datasets, "datasets");
        FieldError.need(model, "model");
        FieldError.check(model.containsKey("arch"), "model.arch", "missing value (e.g. btc or 2e1d)");
        checkModel(model, task, "model");
        shards = shards == null ? Map.of() : Map.copyOf(shards);
        shards.forEach((split, n) -> FieldError.check(SPLITS.contains(split) && n >= 1, "shards." + split,
                "expected a split in " + SPLITS + " with a count >= 1"));
        evaluation = evaluation == null ? new Evaluation(null, null) : evaluation;
        if (evaluation.models().isEmpty()) {
            evaluation = new Evaluation(evaluation.splits(), models(pipeline));
        }
        for (String split : evaluation.splits()) {
            FieldError.check(datasets.has(split), "evaluation.splits", "'" + split + "' is not given under datasets");
        }
        FieldError.check(!evaluation.models().contains(TEMPLATE) || "chord".equals(task), "evaluation.models",
                "'" + TEMPLATE + "' (the chroma-template baseline) recognises chords; task is " + task);
        FieldError.need(registration, "registration");
        if (registration.candidate() == null) {
            registration = new Registration(registration.model(), registration.alias(), noisy ? "final" : "stage2");
        }
        compute = compute == null ? Compute.DEFAULT : compute;
        cluster = cluster == null ? Cluster.DEFAULT : cluster;
        rounds = rounds == null ? List.of() : rounds;
        stage1 = stage1 == null ? Map.of() : stage1;
        stage2 = stage2 == null ? Map.of() : stage2;
        kd = kd == null ? Map.of() : kd;
        baseline = baseline == null ? stage2 : baseline;
        Contract.bind(stage1, TrainingSettings.class, "stage1");
        Contract.bind(stage2, TrainingSettings.class, "stage2");
        Contract.bind(baseline, TrainingSettings.class, "baseline");
        Contract.bind(kd, KdParams.class, "kd");
        // stage 2 and the baseline train on the labelled split alone: a mix_ratio there would be ignored at run time
        FieldError.check(!stage2.containsKey("mix_ratio"), "stage2.mix_ratio", "only stage1 mixes two sets (stage 2 trains on the labelled split alone)");
        FieldError.check(!baseline.containsKey("mix_ratio"), "baseline.mix_ratio", "only stage1 mixes two sets (the baseline trains on the labelled split alone)");
        if (TEACHER_STUDENT.equals(pipeline)) {
            FieldError.need(teacher, "teacher");
            FieldError.check(!stage1.isEmpty(), "stage1", "missing value (stage 1 training settings)");
            FieldError.check(!stage2.isEmpty(), "stage2", "missing value (stage 2 training settings)");
            FieldError.check(!kd.isEmpty(), "kd", "missing value (temperature, alpha, thresholds)");
        }
        ablation = ablation == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ablation));
        FieldError.check(ablation.isEmpty() || TEACHER_STUDENT.equals(pipeline), "ablation", "stage-2 variants need pipeline teacher-student");
        for (var v : ablation.entrySet()) {
            FieldError.check(v.getKey().matches("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?"), "ablation." + v.getKey(),
                    "expected lower-case letters, digits and '-' (it names tasks and models)");
            Contract.bind(Variant.over(stage2, v.getValue().stage2()), TrainingSettings.class, "ablation." + v.getKey() + ".stage2");
            Contract.bind(Variant.over(kd, v.getValue().kd()), KdParams.class, "ablation." + v.getKey() + ".kd");
        }
        if (teacher != null && teacher.trains()) {
            checkModel(teacher.model(), task, "teacher.model");
        }
        for (int i = 0; i < rounds.size(); i++) {
            checkModel(rounds.get(i).modelOver(model), task, "rounds[" + i + "].model");
        }
        if (noisy) {
            FieldError.need(teacher, "teacher");
            NoisyStudentChecks.tiers(dataTiers, dataTier, datasets);
            NoisyStudentChecks.expansion(rounds, teacher, model);
        }
        for (String role : requiredSplits(pipeline, teacher)) {
            FieldError.check(datasets.has(role) || ("unlabeled".equals(role) && dataTier != null), "datasets",
                    "split '" + role + "' is needed by pipeline " + pipeline + " (give it under uris or synthetic.hours"
                            + ("unlabeled".equals(role) ? ", or select a data_tier" : "") + ")");
        }
        for (String m : evaluation.models()) {
            FieldError.check(models(pipeline).contains(m) || TEMPLATE.equals(m), "evaluation.models",
                    "'" + m + "': pipeline " + pipeline + " produces " + models(pipeline) + " (and '" + TEMPLATE
                            + "' scores the chroma-template baseline)");
        }
        FieldError.check(models(pipeline).contains(registration.candidate()), "registration.candidate",
                "'" + registration.candidate() + "': pipeline " + pipeline + " produces " + models(pipeline));
        FieldError.check(evaluation.models().contains(registration.candidate()), "registration.candidate",
                "'" + registration.candidate() + "' is not in evaluation.models: registration needs its test metrics");
    }

    /** The model block as the steps bind it, and a vocabulary of the experiment's task. */
    private static void checkModel(Map<String, Object> block, String task, String where) {
        ModelSettings m = Contract.bind(block, ModelSettings.class, where);
        FieldError.check(m.vocabulary() == null || m.keyTask() == "key".equals(task), where + ".vocabulary",
                "'" + m.vocabulary() + "' is not a vocabulary of task " + task
                        + ("key".equals(task) ? " (expected " + ModelSettings.KEY_VOCABULARY + ")" : " (expected large or majmin)"));
    }

    public int shardsOf(String split) {
        return shards.getOrDefault(split, 1);
    }

    static Set<String> requiredSplits(String pipeline, Teacher teacher) {
        if (SUPERVISED.equals(pipeline)) {
            return Set.of("labeled", "test");
        }
        if (NOISY_STUDENT.equals(pipeline)) {
            return Set.of("labeled", "unlabeled", "valid", "test");
        }
        return teacher != null && teacher.trains() ? Set.of("teacher", "labeled", "unlabeled", "test")
                : Set.of("labeled", "unlabeled", "test");
    }

    /** Every model the comparison shows: the evaluated ones, then one {@code stage2-NAME} per ablation variant. */
    public List<String> compared() {
        List<String> out = new java.util.ArrayList<>(evaluation.models());
        int at = out.contains("stage2") ? out.indexOf("stage2") + 1 : out.size();
        for (String v : ablation.keySet()) {
            out.add(at++, "stage2-" + v);
        }
        return out;
    }

    /**
     * One stage-2 variant of an ablation: keys over the experiment's {@code kd} and {@code stage2}
     * blocks (the experiment binds the merged blocks, as the kd-finetune step will).
     */
    public record Variant(Map<String, Object> kd, Map<String, Object> stage2, String description) {
        public Variant {
            kd = kd == null ? Map.of() : kd;
            stage2 = stage2 == null ? Map.of() : stage2;
            FieldError.check(!kd.isEmpty() || !stage2.isEmpty(), "kd", "a variant changes kd or stage2 keys");
        }

        public static Map<String, Object> over(Map<String, Object> base, Map<String, Object> keys) {
            Map<String, Object> m = new java.util.TreeMap<>(base);
            m.putAll(keys);
            return m;
        }
    }

    /** The models a pipeline produces, by the names evaluation and registration use. */
    public static List<String> models(String pipeline) {
        if (NOISY_STUDENT.equals(pipeline)) {
            return List.of("teacher", "final"); // the supervised round-0 teacher, and the last promoted model
        }
        return SUPERVISED.equals(pipeline) ? List.of("baseline") : List.of("teacher", "baseline", "stage1", "stage2");
    }

    /** The selected tier's unlabeled data, or null when the unlabeled split is given under datasets. */
    public DataTier tier() {
        return dataTier == null ? null : dataTiers.get(dataTier);
    }

    /**
     * The teacher: a registry URI ({@code uri: models:/btc-teacher@champion}), or trained here
     * from the teacher split with {@code model} and {@code training} (then optionally registered).
     */
    public record Teacher(String uri, Map<String, Object> model, Map<String, Object> training, String registerAs) {
        public Teacher {
            FieldError.check(uri == null ^ model == null, "uri",
                    "give either uri (a registered teacher) or model + training (train one), not both or neither");
            if (uri != null) {
                Uris.model(uri, "uri");
            } else {
                FieldError.check(model.containsKey("arch"), "model.arch", "missing value (e.g. btc)");
                FieldError.need(training, "training");
                Contract.bind(training, TrainingSettings.class, "training");
            }
        }

        public boolean trains() {
            return uri == null;
        }
    }

    /**
     * Which models are scored on which test splits ({@code test}, the in-distribution one, first;
     * {@code heldout} for music from sources the training never used).
     */
    public record Evaluation(List<String> splits, List<String> models) {
        public Evaluation {
            splits = splits == null || splits.isEmpty() ? List.of("test") : List.copyOf(splits);
            FieldError.check("test".equals(splits.get(0)), "splits", splits + ": expected test first (the in-distribution split)");
            for (String s : splits) {
                FieldError.check(TEST_SPLITS.contains(s), "splits", "'" + s + "': only " + TEST_SPLITS + " are evaluated on");
            }
            FieldError.check(new java.util.HashSet<>(splits).size() == splits.size(), "splits", splits + ": a split is named twice");
            models = models == null ? List.of() : List.copyOf(models);
        }
    }

    /** Which model is registered under which name and alias (MLflow aliases, not stages). */
    public record Registration(String model, String alias, String candidate) {
        public Registration {
            FieldError.need(model, "model");
            FieldError.check(model.matches("[A-Za-z0-9_.-]+"), "model", "'" + model + "': expected letters, digits, _ . -");
            alias = alias == null ? "challenger" : alias;
            // candidate: null until the experiment fills its pipeline's default (stage2, or final for noisy-student)
        }
    }
}
