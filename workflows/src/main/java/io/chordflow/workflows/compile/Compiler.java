package io.chordflow.workflows.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chordflow.common.Seeds;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Json;
import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Arguments.Artifact;
import io.chordflow.workflows.argo.Arguments.Parameter;
import io.chordflow.workflows.argo.Arguments.Raw;
import io.chordflow.workflows.argo.Metadata;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Template.DagTask;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.WorkflowSpec;
import io.chordflow.workflows.spec.Cluster;
import io.chordflow.contract.Compute;
import io.chordflow.workflows.spec.Experiment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Experiment -> Argo Workflow, a pure function of the spec and the profile name (no clock, no
 * randomness), so the rendered YAML in the repo can be compared byte for byte.
 *
 * <p>Artifacts move as URIs in parameters: data under {@code s3://BUCKET/data/}, everything an
 * experiment makes under {@code s3://BUCKET/experiments/NAME/PROFILE/}. Synthetic corpora are
 * keyed by their generator settings so experiments share them.
 */
public final class Compiler {
    public static final String DAG = "main";
    public static final String CONFIG_PATH = "/chordflow/config.json";
    public static final String A_STEP = "chordflow.io/step";
    public static final String A_STEP_VERSION = "chordflow.io/step-version";
    public static final String A_INPUTS = "chordflow.io/inputs";
    public static final String A_OUTPUTS = "chordflow.io/outputs";
    /** The local runner prints this task's output after its summary (the comparison table). */
    public static final String A_SHOW_LOG = "chordflow.io/show-log";
    public static final String L_EXPERIMENT = "chordflow.io/experiment";
    public static final String L_PROFILE = "chordflow.io/profile";
    public static final String A_MLFLOW_EXPERIMENT = "chordflow.io/mlflow-experiment";
    public static final String A_MLFLOW_URL = "chordflow.io/mlflow-url";
    public static final String P_PARENT_RUN = "mlflow-parent-run-id";
    public static final String P_MLFLOW_EXPERIMENT = "mlflow-experiment";
    /** Filled by submit (and the local runner) from `git rev-parse HEAD`; empty in the rendered file. */
    public static final String P_GIT_COMMIT = "git-commit";
    /** Image layout shared with containers/: the app's jars under /app/lib. */
    public static final String IMAGE_CLASSPATH = "/app/lib/*";

    private final Experiment exp;
    private final String profile;
    private final List<DagTask> tasks = new ArrayList<>();
    private final Map<String, Step> steps = new LinkedHashMap<>();

    private Compiler(Experiment exp, String profile) {
        this.exp = exp;
        this.profile = profile;
    }

    public static Workflow compile(Experiment exp, String profile) {
        return new Compiler(exp, profile).build();
    }

    /**
     * A one-step workflow ({@code generateName: promote-eval-}): the evaluate step on one model and
     * one split, with the experiment's cluster settings (images, bucket, MLflow, compute). The
     * promote command's champion evaluation on a cluster.
     */
    public static Workflow evaluation(Experiment exp, String profile, String model, String features, String labels,
                                      String output, String name, String suite) {
        Compiler c = new Compiler(exp, profile);
        c.task("evaluate", Steps.EVALUATE, List.of(), args("model", model, "features", features, "labels", labels,
                "output", output, "name", name, "suite", suite), null);
        Workflow wf = c.workflow();
        wf.getMetadata().setGenerateName("promote-eval-");
        return wf;
    }

    private Workflow build() {
        if (Experiment.NOISY_STUDENT.equals(exp.pipeline())) {
            return noisyStudent();
        }
        Map<String, String> data = data();
        Map<String, String> features = new LinkedHashMap<>();
        for (String split : data.keySet()) {
            features.put(split, run("features/" + split));
            fanOut("features-" + split, Steps.FEATURES, split, deps(synthTask(split)),
                    args("input", audio(data.get(split)), "output", features.get(split)), null);
        }
        Map<String, String> models = new LinkedHashMap<>();
        Map<String, String> producer = new LinkedHashMap<>();
        String teacher = null;
        if (Experiment.TEACHER_STUDENT.equals(exp.pipeline())) {
            Experiment.Teacher t = exp.teacher();
            teacher = t.trains() ? run("models/teacher") : t.uri();
            String teacherTask = null;
            if (t.trains()) {
                teacherTask = "train-teacher";
                task(teacherTask, Steps.TRAIN, deps("features-teacher"),
                        args("features", features.get("teacher"), "targets", labels(data.get("teacher")), "target-kind", "lab",
                                "output", teacher), config(t.model(), t.training(), null));
            }
            models.put("teacher", teacher);
            producer.put("teacher", teacherTask);
            String pseudo = run("labels/pseudo");
            fanOut("pseudo-label", Steps.TEACHER_INFERENCE, "unlabeled", deps("features-unlabeled", teacherTask),
                    args("model", teacher, "features", features.get("unlabeled"), "output", pseudo), null);
            models.put("stage1", run("models/stage1"));
            producer.put("stage1", "train-stage1");
            task("train-stage1", Steps.TRAIN, deps("pseudo-label"),
                    args("features", features.get("unlabeled"), "targets", pseudo, "target-kind", "hard",
                            "output", models.get("stage1")), config(exp.model(), exp.stage1(), null));
            models.put("stage2", run("models/stage2"));
            producer.put("stage2", "kd-stage2");
            task("kd-stage2", Steps.KD_FINETUNE, deps("features-labeled", "train-stage1", teacherTask),
                    args("features", features.get("labeled"), "labels", labels(data.get("labeled")), "teacher", teacher,
                            "student", models.get("stage1"), "output", models.get("stage2")),
                    config(exp.model(), exp.stage2(), exp.kd()));
            for (Map.Entry<String, Experiment.Variant> v : exp.ablation().entrySet()) {
                String name = "stage2-" + v.getKey();
                models.put(name, run("models/" + name));
                producer.put(name, "kd-" + name);
                task("kd-" + name, Steps.KD_FINETUNE, deps("features-labeled", "train-stage1", teacherTask),
                        args("features", features.get("labeled"), "labels", labels(data.get("labeled")), "teacher", teacher,
                                "student", models.get("stage1"), "output", models.get(name)),
                        config(exp.model(), Experiment.Variant.over(exp.stage2(), v.getValue().stage2()),
                                Experiment.Variant.over(exp.kd(), v.getValue().kd())));
            }
        }
        models.put("baseline", run("models/baseline"));
        producer.put("baseline", "train-baseline");
        task("train-baseline", Steps.TRAIN, deps("features-labeled"),
                args("features", features.get("labeled"), "targets", labels(data.get("labeled")), "target-kind", "lab",
                        "output", models.get("baseline")), config(exp.model(), exp.baseline(), null));
        evaluate(models, producer, features, data);
        if (teacher != null && exp.teacher().trains() && exp.teacher().registerAs() != null
                && exp.evaluation().models().contains("teacher")) {
            task("register-teacher", Steps.REGISTER, deps("eval-teacher"),
                    args("model", teacher, "metrics", run("metrics/teacher"), "name", exp.teacher().registerAs(),
                            "alias", "champion"), null);
        }
        List<String> evaluated = exp.compared();
        if (evaluated.size() > 1) {
            compareTask(evaluated);
        }
        String candidate = exp.registration().candidate();
        if (exp.evaluation().models().contains(candidate)) {
            task("register", Steps.REGISTER, deps("eval-" + candidate),
                    args("model", models.get(candidate), "metrics", run("metrics/" + candidate),
                            "name", exp.registration().model(), "alias", exp.registration().alias()), null);
        }
        return workflow();
    }

    /**
     * Paper 2's rounds, unrolled. Round 0 trains a supervised teacher on the labeled split. Round
     * k (1..N): teacher k pseudo-labels the unlabeled split with soft labels (fanned out over
     * shards); student k (round k's sizes) trains on those mixed with the labeled songs; student
     * k is evaluated on {@code valid} (its teacher's valid metrics are round k-1's, or round 0's
     * teacher's); {@code gate-k} compares the two and outputs {@code promoted} and {@code champion}.
     * Every task of round k+1 depends on {@code gate-k} and carries
     * {@code when: {{tasks.gate-k.outputs.parameters.promoted}} == true}, so a student that does
     * not beat its teacher ends the rounds. Gates themselves always run (no {@code when}): a gate
     * after a stop passes its predecessor's decision and champion on, so every output a later task
     * reads exists (Argo leaves outputs of skipped tasks unresolved or empty, depending on the
     * version). Final: the champion and the round-0 teacher on test, the rounds report (and for
     * chords the comparison), registration of the champion.
     */
    private Workflow noisyStudent() {
        Map<String, String> data = data();
        Map<String, String> features = new LinkedHashMap<>();
        for (String split : data.keySet()) {
            features.put(split, run("features/" + split));
            fanOut("features-" + split, Steps.FEATURES, split, deps(synthTask(split)),
                    args("input", audio(data.get(split)), "output", features.get(split)), null);
        }
        String labeledTargets = targets(data.get("labeled"));
        Experiment.Teacher t = exp.teacher();
        String teacher = t.trains() ? run("models/round-0/teacher") : t.uri();
        String teacherTask = null;
        if (t.trains()) {
            teacherTask = "train-teacher";
            task(teacherTask, Steps.TRAIN, deps("features-labeled"),
                    args("features", features.get("labeled"), "targets", labeledTargets, "target-kind", targetKind(),
                            "output", teacher), config(t.model(), t.training(), null));
        }
        String teacherValid = run("metrics/round-0/teacher-valid");
        task("eval-valid-teacher", Steps.EVALUATE, deps("features-valid", teacherTask),
                args("model", teacher, "features", features.get("valid"), "labels", targets(data.get("valid")),
                        "output", teacherValid, "name", "round-0-teacher", "suite", "valid"), null);
        String metric = "total." + exp.gate().metric();
        String teacherK = teacher;
        String teacherKTask = teacherTask;
        String teacherKValid = teacherValid;
        String teacherKValidTask = "eval-valid-teacher";
        List<String> gates = new ArrayList<>();
        for (int k = 1; k <= exp.rounds().size(); k++) {
            Experiment.Round round = exp.rounds().get(k - 1);
            String prevGate = k == 1 ? null : "gate-" + (k - 1);
            String when = prevGate == null ? null : "{{tasks." + prevGate + ".outputs.parameters.promoted}} == true";
            String pseudo = run("labels/round-" + k);
            fanOut("pseudo-label-" + k, Steps.TEACHER_INFERENCE_SOFT, "unlabeled", deps("features-unlabeled", teacherKTask, prevGate),
                    args("model", teacherK, "features", features.get("unlabeled"), "output", pseudo), null, when);
            String student = run("models/round-" + k + "/student");
            add("train-student-" + k, Steps.TRAIN_MIX, deps("pseudo-label-" + k, "features-labeled", prevGate),
                    args("features", features.get("unlabeled"), "targets", pseudo, "target-kind", "soft",
                            "mix-features", features.get("labeled"), "mix-targets", labeledTargets, "mix-target-kind", targetKind(),
                            "output", student),
                    config(round.modelOver(exp.model()), round.trainingBlock(), null), null, 1, when);
            String studentValid = run("metrics/round-" + k + "/student-valid");
            add("eval-valid-student-" + k, Steps.EVALUATE, deps("features-valid", "train-student-" + k, prevGate),
                    args("model", student, "features", features.get("valid"), "labels", targets(data.get("valid")),
                            "output", studentValid, "name", "round-" + k + "-student", "suite", "valid"), null, null, 1,
                    when);
            Map<String, String> g = args("round", Integer.toString(k), "teacher-metrics", teacherKValid,
                    "student-metrics", studentValid, "metric", metric, "min-delta", Double.toString(exp.gate().minDelta()),
                    "teacher-model", prevGate == null ? teacherK : "{{tasks." + prevGate + ".outputs.parameters.champion}}",
                    "student-model", student);
            if (prevGate != null) {
                g.put("previous", "{{tasks." + prevGate + ".outputs.parameters.promoted}}");
            }
            g.put("output", run("reports/round-" + k + "/gate"));
            task("gate-" + k, Steps.GATE, deps(teacherKValidTask, "eval-valid-student-" + k, prevGate), g, null);
            gates.add("gate-" + k);
            teacherK = student;
            teacherKTask = "train-student-" + k;
            teacherKValid = studentValid;
            teacherKValidTask = "eval-valid-student-" + k;
        }
        String lastGate = gates.get(gates.size() - 1);
        String champion = "{{tasks." + lastGate + ".outputs.parameters.champion}}";
        Map<String, String> models = Map.of("teacher", teacher, "final", champion);
        Map<String, List<String>> producers = Map.of("teacher", deps(teacherTask), "final", deps(lastGate));
        Map<String, String> producer = new LinkedHashMap<>();
        producers.forEach((m, d) -> producer.put(m, d.isEmpty() ? null : d.get(0)));
        evaluate(models, producer, features, data);
        if (t.trains() && t.registerAs() != null && exp.evaluation().models().contains("teacher")) {
            task("register-teacher", Steps.REGISTER, deps("eval-teacher"),
                    args("model", teacher, "metrics", run("metrics/teacher"), "name", t.registerAs(), "alias", "champion"), null);
        }
        List<String> evaluated = exp.evaluation().models();
        if ("chord".equals(exp.task()) && evaluated.size() > 1) {
            compareTask(evaluated);
        }
        if (evaluated.containsAll(List.of("teacher", "final"))) {
            Map<String, String> r = args();
            for (int k = 1; k <= gates.size(); k++) {
                r.put("round-" + k, run("reports/round-" + k + "/gate"));
            }
            r.put("teacher", run("metrics/teacher"));
            r.put("final", run("metrics/final"));
            r.put("metric", metric);
            r.put("output", run("reports/rounds"));
            List<String> d = new ArrayList<>(gates);
            d.addAll(List.of("eval-teacher", "eval-final"));
            task("rounds-report", Steps.roundsReport(gates.size()), d, r, null);
        }
        String candidate = exp.registration().candidate();
        if (evaluated.contains(candidate)) {
            List<String> d = new ArrayList<>(List.of("eval-" + candidate));
            d.addAll(producers.get(candidate)); // the champion is the last gate's output
            task("register", Steps.REGISTER, deps(d.toArray(String[]::new)),
                    args("model", models.get(candidate), "metrics", run("metrics/" + candidate),
                            "name", exp.registration().model(), "alias", exp.registration().alias()), null);
        }
        return workflow();
    }

    /** Targets of a split for the task: chord annotations ({@code labels/*.lab}) or keys ({@code keys/*.key}). */
    private String targets(String split) {
        return "key".equals(exp.task()) ? split + "/keys" : labels(split);
    }

    /** The train step's --target-kind for ground truth of the task. */
    private String targetKind() {
        return "key".equals(exp.task()) ? "key" : "lab";
    }

    /**
     * Each split's data URI. A split is a folder with {@code audio/} and {@code labels/} (same
     * relative paths, {@code .lab}); synthetic splits come from one generation task that renders
     * them all, so no song is in two splits and experiments with the same generator settings share
     * the data (its URI is its seed and hours).
     */
    private Map<String, String> data() {
        Map<String, String> out = new LinkedHashMap<>();
        Experiment.Synthetic synthetic = exp.datasets().synthetic();
        String synthRoot = null;
        if (exp.tier() != null && exp.tier().hours() != null && synthetic == null) {
            throw new IllegalStateException("data tier " + exp.dataTier() + " in hours needs datasets.synthetic (its seed)");
        }
        if (synthetic != null && (!synthetic.hours().isEmpty() || exp.tier() != null)) {
            StringBuilder id = new StringBuilder("seed" + synthetic.seed());
            Map<String, String> a = args();
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
            if (!splitArgs.isEmpty()) {
                List<String> generated = splitArgs.stream().map(x -> x.substring(0, x.indexOf('='))).toList();
                String sources = choices(synthetic, synthetic.sources(), generated);
                String styles = choices(synthetic, synthetic.styles(), generated);
                // the corpus is a function of the generator's version, sources and styles too: another is another corpus
                id.append("-").append(Hashes.sha256(Steps.SYNTH.version() + "\n" + sources + "\n" + styles).substring(0, 10));
                synthRoot = "s3://" + cluster().bucket() + "/data/synthetic/" + id;
                a.put("out", synthRoot);
                a.put("split", String.join(",", splitArgs));
                a.put("sources", sources);
                a.put("styles", styles);
                a.put(Steps.SEED, Long.toString(synthetic.seed()));
                task(SYNTH_TASK, Steps.SYNTH, List.of(), a, null);
            }
        }
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

    /**
     * The generator's {@code --sources}/{@code --styles} value: {@code SPLIT=a+b,...} for each split
     * that has its own list or takes the default one; {@value #GENERATOR_DEFAULTS} (every split: the
     * generator's own defaults) when the spec names none.
     */
    private static String choices(Experiment.Synthetic synthetic, Map<String, List<String>> choices, List<String> generated) {
        List<String> out = new ArrayList<>();
        for (String split : generated) {
            List<String> names = synthetic.of(choices, split);
            if (!names.isEmpty()) {
                out.add(split + "=" + String.join("+", names));
            }
        }
        return out.isEmpty() ? GENERATOR_DEFAULTS : String.join(",", out);
    }

    private static final String GENERATOR_DEFAULTS = "*=default";

    /** In this order in the synthetic corpus' id, so adding {@code valid} kept older ids. */
    private static final List<String> SPLITS = List.of("teacher", "labeled", "unlabeled", "test", "valid", "heldout");
    private static final String SYNTH_TASK = "synth-data";

    private String synthTask(String split) {
        boolean fromUri = exp.datasets().uris().containsKey(split)
                || ("unlabeled".equals(split) && exp.tier() != null && exp.tier().uri() != null);
        return fromUri ? null : SYNTH_TASK;
    }

    private static String audio(String split) {
        return split + "/audio";
    }

    private static String labels(String split) {
        return split + "/labels";
    }

    /**
     * Every evaluated model on every evaluation split: {@code eval-M} on test (its metrics under
     * {@code metrics/M}), {@code eval-M-SPLIT} on the others ({@code metrics/SPLIT/M}). The
     * chroma-template baseline ({@code template}) needs features only.
     */
    private void evaluate(Map<String, String> models, Map<String, String> producer, Map<String, String> features,
                          Map<String, String> data) {
        for (String split : exp.evaluation().splits()) {
            for (String m : exp.compared()) {
                Map<String, String> a = Experiment.TEMPLATE.equals(m) ? args() : args("model", models.get(m));
                a.putAll(args("features", features.get(split), "labels", targets(data.get(split)),
                        "output", metrics(split, m), "name", m, "suite", split));
                task(evalTask(split, m), Experiment.TEMPLATE.equals(m) ? Steps.EVALUATE_TEMPLATE : Steps.EVALUATE,
                        deps("features-" + split, producer.get(m)), a, null);
            }
        }
    }

    private static String evalTask(String split, String model) {
        return "test".equals(split) ? "eval-" + model : "eval-" + model + "-" + split;
    }

    private String metrics(String split, String model) {
        return run("test".equals(split) ? "metrics/" + model : "metrics/" + split + "/" + model);
    }

    /** Paper 1's comparison over the evaluated models on every evaluation split, after all their evaluations. */
    private void compareTask(List<String> evaluated) {
        Map<String, String> metrics = args();
        List<String> deps = new ArrayList<>();
        for (String split : exp.evaluation().splits()) {
            for (String m : evaluated) {
                metrics.put(Steps.compareParam(split, m), metrics(split, m));
                deps.add(evalTask(split, m));
            }
        }
        metrics.put("output", run("reports/comparison"));
        metrics.put("student", String.valueOf(exp.model().get("arch")));   // whose paper figures the claims use
        task("compare", Steps.compare(exp.evaluation().splits(), evaluated), deps, metrics, null);
    }

    private String run(String what) {
        return "s3://" + cluster().bucket() + "/experiments/" + exp.name() + "/" + profile + "/" + what;
    }

    private Cluster cluster() {
        return exp.cluster();
    }

    private static List<String> deps(String... names) {
        return java.util.Arrays.stream(names).filter(java.util.Objects::nonNull).distinct().toList();
    }

    private static Map<String, String> args(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The step's --config JSON: the spec's blocks verbatim, plus task and seed. */
    private String config(Map<String, Object> model, Map<String, Object> training, Map<String, Object> kd) {
        Map<String, Object> c = new TreeMap<>();
        c.put("task", exp.task());
        c.put("seed", exp.seed());
        c.put("model", model);
        c.put("training", training);
        if (kd != null) {
            c.put("kd", kd);
        }
        try {
            return Json.MAPPER.writeValueAsString(c) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void task(String name, Step step, List<String> deps, Map<String, String> args, String config) {
        add(name, step, deps, args, config, null, 1, null);
    }

    /** A task split over the shards of {@code split}: one pod per shard, {@code --shard I/N}. */
    private void fanOut(String name, Step step, String split, List<String> deps, Map<String, String> args, String config) {
        fanOut(name, step, split, deps, args, config, null);
    }

    private void fanOut(String name, Step step, String split, List<String> deps, Map<String, String> args, String config,
                        String when) {
        int n = exp.shardsOf(split);
        if (n > 1) {
            args.put("shard", "{{item}}/" + n);
        }
        add(name, step, deps, args, config, n > 1 ? IntStream.range(0, n).mapToObj(i -> (Object) Integer.toString(i)).toList() : null,
                n, when);
    }

    private void add(String name, Step step, List<String> deps, Map<String, String> args, String config,
                     List<Object> items, int n, String when) {
        args.putIfAbsent(Steps.SEED, Long.toString(exp.seed()));
        steps.putIfAbsent(step.name(), step);
        List<Parameter> params = new ArrayList<>();
        args.forEach((k, v) -> params.add(Parameter.of(k, v)));
        List<Artifact> artifacts = config == null ? null : List.of(new Artifact("config", null, new Raw(config)));
        tasks.add(new DagTask(name, step.name(), deps.isEmpty() ? null : deps, new Arguments(params, artifacts), items, null, when));
    }

    private Workflow workflow() {
        Workflow wf = new Workflow();
        Map<String, String> labels = new TreeMap<>(Map.of(
                "app.kubernetes.io/part-of", "chordflow",
                L_EXPERIMENT, exp.name(),
                L_PROFILE, profile));
        wf.setMetadata(new ObjectMetaBuilder()
                .withGenerateName(exp.name() + "-" + profile + "-")
                .withLabels(labels)
                .withAnnotations(new TreeMap<>(Map.of(
                        A_MLFLOW_EXPERIMENT, exp.name(),
                        A_MLFLOW_URL, cluster().mlflowUi() + "/#/experiments?searchFilter=" + exp.name(),
                        "workflows.argoproj.io/description", exp.description() == null ? exp.name() : exp.description())))
                .build());
        List<Template> templates = new ArrayList<>();
        templates.add(new Template(DAG, null, null, null, new Template.Dag(List.copyOf(tasks), true), null, null, null));
        tasks.stream().map(DagTask::template).distinct().sorted()
                .forEach(s -> templates.add(template(steps.get(s))));
        wf.setSpec(new WorkflowSpec(DAG, cluster().serviceAccount(),
                new Arguments(List.of(Parameter.of(P_MLFLOW_EXPERIMENT, exp.name()), Parameter.of(P_PARENT_RUN, ""),
                        Parameter.of(P_GIT_COMMIT, "")), null),
                new Metadata(labels, null),
                Map.of("strategy", "OnPodSuccess"),
                Map.of("secondsAfterSuccess", 7 * 24 * 3600),
                templates));
        return wf;
    }

    private Template template(Step step) {
        Compute compute = exp.compute();
        boolean gpu = compute.usesGpu(step.poolAs());
        Compute.Pool pool = gpu ? compute.gpu() : compute.cpu();
        List<String> args = new ArrayList<>();
        List<Parameter> inputs = new ArrayList<>();
        for (Step.Param p : step.params()) {
            args.add(p.flag());
            if (p.role() == Step.Role.FLAG) {
                continue;
            }
            args.add(p.arg());
            inputs.add(new Parameter(p.name(), null, p.defaultValue(), null));
        }
        Template.Outputs outputs = null;
        if (!step.outputParameters().isEmpty()) {
            args.add("--parameters");
            args.add(Steps.PARAMETERS_DIR);
            outputs = new Template.Outputs(step.outputParameters().stream().map(o -> new Template.OutputParameter(o,
                    new Template.ValueFrom(Steps.PARAMETERS_DIR + "/" + o), null)).toList());
        }
        List<Artifact> artifacts = null;
        if (step.config()) {
            args.add("--config");
            args.add(CONFIG_PATH);
            artifacts = List.of(new Artifact("config", CONFIG_PATH, null));
        }
        Map<String, Quantity> limits = new TreeMap<>();
        pool.limits().forEach((k, v) -> limits.put(k, new Quantity(v)));
        if (gpu && pool.gpus() > 0) {
            limits.put("nvidia.com/gpu", new Quantity(Integer.toString(pool.gpus())));
        }
        Map<String, Quantity> requests = new TreeMap<>();
        pool.requests().forEach((k, v) -> requests.put(k, new Quantity(v)));
        Container c = new ContainerBuilder()
                .withName("main")
                .withImage(step.image(cluster().imageRegistry(), cluster().imageTag(), gpu))
                .withImagePullPolicy("IfNotPresent")
                .withCommand("java", "-cp", IMAGE_CLASSPATH, step.mainClass())
                .withArgs(args)
                .withEnv(env(step))
                .withResources(new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build())
                .build();
        List<Toleration> tolerations = pool.tolerations().stream().map(t -> new TolerationBuilder()
                .withKey(t.key()).withOperator(t.operator()).withValue(t.value()).withEffect(t.effect()).build()).toList();
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(A_STEP, step.name());
        annotations.put(A_STEP_VERSION, step.version());
        annotations.put(A_INPUTS, String.join(",", step.names(Step.Role.INPUT)));
        annotations.put(A_OUTPUTS, String.join(",", step.names(Step.Role.OUTPUT)));
        if (step.name().equals("compare") || step.name().equals("rounds-report")) {
            annotations.put(A_SHOW_LOG, "true");
        }
        Compute.Retry r = compute.retry();
        return new Template(step.name(),
                new Metadata(Map.of("chordflow.io/pool", gpu ? "gpu" : "cpu"), annotations),
                new Arguments(inputs, artifacts), outputs, c, null,
                pool.nodeSelector().isEmpty() ? null : new TreeMap<>(pool.nodeSelector()),
                tolerations.isEmpty() ? null : tolerations,
                new Template.RetryStrategy(Integer.toString(r.limit()), "Always",
                        // errors (preempted or evicted pods) always retry; bad input (exit 2) never does
                        "lastRetry.status == \"Error\" || asInt(lastRetry.exitCode) != 2",
                        new Template.Backoff(r.backoff(), Integer.toString(r.factor()), r.maxDuration())));
    }

    private List<EnvVar> env(Step step) {
        Cluster c = cluster();
        // names as chordflow-common's Provenance and chordflow-tracking's StepRun read them
        return List.of(
                env("CHORDFLOW_STEP", step.name()),
                env("CHORDFLOW_WORKFLOW", "{{workflow.name}}"),
                env("CHORDFLOW_IMAGE", step.image(c.imageRegistry(), c.imageTag(), exp.compute().usesGpu(step.poolAs()))),
                env("CHORDFLOW_GIT_COMMIT", "{{workflow.parameters." + P_GIT_COMMIT + "}}"),
                env("MLFLOW_TRACKING_URI", c.mlflowUri()),
                env("MLFLOW_EXPERIMENT_NAME", "{{workflow.parameters." + P_MLFLOW_EXPERIMENT + "}}"),
                env("MLFLOW_PARENT_RUN_ID", "{{workflow.parameters." + P_PARENT_RUN + "}}"),
                env("ARGO_WORKFLOW_NAME", "{{workflow.name}}"),
                env("ARGO_NODE_ID", "{{pod.name}}"),
                env("AWS_ENDPOINT_URL", c.s3Endpoint()),
                env("MLFLOW_S3_ENDPOINT_URL", c.s3Endpoint()),
                secret("AWS_ACCESS_KEY_ID", c.credentialsSecret(), "access-key"),
                secret("AWS_SECRET_ACCESS_KEY", c.credentialsSecret(), "secret-key"),
                env("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -Dai.djl.offline=true"));
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar secret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef(key, secret, false)
                .endValueFrom().build();
    }
}
