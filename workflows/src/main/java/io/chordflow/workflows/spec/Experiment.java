package io.chordflow.workflows.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment spec ({@code experiments/NAME.yaml}) after its profile is applied. Field names
 * in YAML are snake_case. The training blocks ({@code model}, {@code stage1}, {@code stage2},
 * {@code kd}, {@code baseline}, {@code teacher.model}/{@code teacher.training}) are opaque maps:
 * the model steps own their keys, the compiler copies them verbatim into the step's --config JSON.
 *
 * @param pipeline  which DAG to build: {@code teacher-student} (paper 1) or {@code supervised}
 *                  (baseline only); {@code noisy-student} is reserved for the rounds of paper 2
 * @param task      what is recognised: {@code chord} (the key task is reserved)
 * @param rounds    noisy-student rounds (reserved; each an opaque override of the student/training blocks)
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
        List<Map<String, Object>> rounds) {

    public static final String TEACHER_STUDENT = "teacher-student";
    public static final String SUPERVISED = "supervised";
    public static final Set<String> PIPELINES = Set.of(TEACHER_STUDENT, SUPERVISED);
    public static final Set<String> TASKS = Set.of("chord");
    /** Dataset roles a pipeline reads. */
    public static final Set<String> SPLITS = Set.of("teacher", "labeled", "unlabeled", "test");

    public Experiment {
        Missing.need(name, "name");
        Missing.check(name.matches("[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?"), "name",
                "'" + name + "': expected lower-case letters, digits and '-' (it names Kubernetes objects)");
        pipeline = pipeline == null ? TEACHER_STUDENT : pipeline;
        Missing.check(!"noisy-student".equals(pipeline), "pipeline",
                "noisy-student rounds are not supported yet (issue 8); expected one of " + PIPELINES);
        Missing.check(PIPELINES.contains(pipeline), "pipeline", "'" + pipeline + "': expected one of " + PIPELINES);
        task = task == null ? "chord" : task;
        Missing.check(TASKS.contains(task), "task", "'" + task + "': expected one of " + TASKS);
        Missing.check(rounds == null || rounds.isEmpty(), "rounds", "rounds need pipeline noisy-student (not supported yet)");
        Missing.need(seed, "seed");
        Missing.need(datasets, "datasets");
        Missing.need(model, "model");
        Missing.check(model.containsKey("arch"), "model.arch", "missing value (e.g. btc or 2e1d)");
        shards = shards == null ? Map.of() : Map.copyOf(shards);
        shards.forEach((split, n) -> Missing.check(SPLITS.contains(split) && n >= 1, "shards." + split,
                "expected a split in " + SPLITS + " with a count >= 1"));
        evaluation = evaluation == null ? new Evaluation(null, null) : evaluation;
        if (evaluation.models().isEmpty()) {
            evaluation = new Evaluation(evaluation.split(), models(pipeline));
        }
        Missing.need(registration, "registration");
        compute = compute == null ? Compute.DEFAULT : compute;
        cluster = cluster == null ? Cluster.DEFAULT : cluster;
        rounds = rounds == null ? List.of() : rounds;
        stage1 = stage1 == null ? Map.of() : stage1;
        stage2 = stage2 == null ? Map.of() : stage2;
        kd = kd == null ? Map.of() : kd;
        baseline = baseline == null ? stage2 : baseline;
        if (TEACHER_STUDENT.equals(pipeline)) {
            Missing.need(teacher, "teacher");
            Missing.check(!stage1.isEmpty(), "stage1", "missing value (stage 1 training settings)");
            Missing.check(!stage2.isEmpty(), "stage2", "missing value (stage 2 training settings)");
            Missing.check(!kd.isEmpty(), "kd", "missing value (temperature, alpha, thresholds)");
        }
        for (String role : requiredSplits(pipeline, teacher)) {
            Missing.check(datasets.has(role), "datasets",
                    "split '" + role + "' is needed by pipeline " + pipeline + " (give it under uris or synthetic.hours)");
        }
        for (String m : evaluation.models()) {
            Missing.check(models(pipeline).contains(m), "evaluation.models",
                    "'" + m + "': pipeline " + pipeline + " produces " + models(pipeline));
        }
        Missing.check(models(pipeline).contains(registration.candidate()), "registration.candidate",
                "'" + registration.candidate() + "': pipeline " + pipeline + " produces " + models(pipeline));
        Missing.check(evaluation.models().contains(registration.candidate()), "registration.candidate",
                "'" + registration.candidate() + "' is not in evaluation.models: registration needs its test metrics");
    }

    public int shardsOf(String split) {
        return shards.getOrDefault(split, 1);
    }

    static Set<String> requiredSplits(String pipeline, Teacher teacher) {
        if (SUPERVISED.equals(pipeline)) {
            return Set.of("labeled", "test");
        }
        return teacher != null && teacher.trains() ? SPLITS : Set.of("labeled", "unlabeled", "test");
    }

    /** The models a pipeline produces, by the names evaluation and registration use. */
    public static List<String> models(String pipeline) {
        return SUPERVISED.equals(pipeline) ? List.of("baseline") : List.of("teacher", "baseline", "stage1", "stage2");
    }

    /**
     * Where each split comes from: a URI, or the synthetic generator (hours per split, one seed).
     * A split is in one of the two, not both.
     */
    public record Datasets(Map<String, String> uris, Synthetic synthetic) {
        public Datasets {
            uris = uris == null ? Map.of() : Map.copyOf(uris);
            for (var e : uris.entrySet()) {
                Missing.check(SPLITS.contains(e.getKey()), "uris." + e.getKey(), "unknown split; expected one of " + SPLITS);
                Uris.data(e.getValue(), "uris." + e.getKey());
                Missing.check(synthetic == null || !synthetic.hours().containsKey(e.getKey()), "uris." + e.getKey(),
                        "split also given under synthetic.hours; give it in one place");
            }
        }

        public boolean has(String split) {
            return uris.containsKey(split) || (synthetic != null && synthetic.hours().containsKey(split));
        }
    }

    /** The synthetic corpus generator (issue 3's `synth`): hours of audio per split, one seed. */
    public record Synthetic(Long seed, Map<String, Double> hours) {
        public Synthetic {
            Missing.need(seed, "seed");
            Missing.need(hours, "hours");
            hours = Map.copyOf(hours);
            hours.forEach((split, h) -> {
                Missing.check(SPLITS.contains(split), "hours." + split, "unknown split; expected one of " + SPLITS);
                Missing.check(h != null && h > 0, "hours." + split, "expected a number of hours > 0");
            });
        }
    }

    /**
     * The teacher: a registry URI ({@code uri: models:/btc-teacher@champion}), or trained here
     * from the teacher split with {@code model} and {@code training} (then optionally registered).
     */
    public record Teacher(String uri, Map<String, Object> model, Map<String, Object> training, String registerAs) {
        public Teacher {
            Missing.check(uri == null ^ model == null, "uri",
                    "give either uri (a registered teacher) or model + training (train one), not both or neither");
            if (uri != null) {
                Uris.model(uri, "uri");
            } else {
                Missing.check(model.containsKey("arch"), "model.arch", "missing value (e.g. btc)");
                Missing.need(training, "training");
            }
        }

        public boolean trains() {
            return uri == null;
        }
    }

    public record Evaluation(String split, List<String> models) {
        public Evaluation {
            split = split == null ? "test" : split;
            Missing.check("test".equals(split), "split", "'" + split + "': only the test split is evaluated");
            models = models == null ? List.of() : List.copyOf(models);
        }
    }

    /** Which model is registered under which name and alias (MLflow aliases, not stages). */
    public record Registration(String model, String alias, String candidate) {
        public Registration {
            Missing.need(model, "model");
            Missing.check(model.matches("[A-Za-z0-9_.-]+"), "model", "'" + model + "': expected letters, digits, _ . -");
            alias = alias == null ? "challenger" : alias;
            candidate = candidate == null ? "stage2" : candidate;
        }
    }
}
