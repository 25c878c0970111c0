package io.chordflow.workflows.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.io.Json;
import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Template.DagTask;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.Yaml;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CompilerTest {
    private static Map<String, DagTask> tasks(Workflow wf) {
        return wf.getSpec().template("main").orElseThrow().dag().tasks().stream()
                .collect(Collectors.toMap(DagTask::name, t -> t));
    }

    private static String param(DagTask t, String name) {
        return t.arguments().parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .map(Arguments.Parameter::value).orElse(null);
    }

    @Test
    void teacherStudentDagHasEveryStageWiredByUris() {
        Workflow wf = Fixtures.compile("btc-kd", "default");
        Map<String, DagTask> t = tasks(wf);
        java.util.Set<String> expected = new java.util.TreeSet<>(Set.of("synth-data",
                "features-teacher", "features-labeled", "features-unlabeled", "features-test", "features-heldout",
                "train-teacher", "pseudo-label", "train-stage1", "kd-stage2", "train-baseline", "compare", "register-teacher", "register"));
        var spec = io.chordflow.workflows.spec.ExperimentLoader.load(
                io.chordflow.workflows.spec.ExperimentLoader.resolve("btc-kd", Fixtures.ROOT), "default");
        for (String m : spec.compared()) {
            expected.add("eval-" + m);
            expected.add("eval-" + m + "-heldout");
        }
        spec.ablation().keySet().forEach(v -> expected.add("kd-stage2-" + v));
        assertEquals(expected, new java.util.TreeSet<>(t.keySet()));
        assertTrue(expected.containsAll(List.of("eval-template", "eval-template-heldout", "eval-stage1-heldout")), expected.toString());
        assertEquals(Set.of("features-labeled", "train-stage1", "train-teacher"), Set.copyOf(t.get("kd-stage2").dependencies()));
        assertEquals(List.of("eval-stage2"), t.get("register").dependencies());
        // the stage-1 student trains on the teacher's pseudo-labels of the unlabeled features
        assertEquals(param(t.get("pseudo-label"), "output"), param(t.get("train-stage1"), "targets"));
        assertEquals(param(t.get("train-stage1"), "output"), param(t.get("kd-stage2"), "student"));
        assertEquals(param(t.get("train-teacher"), "output"), param(t.get("kd-stage2"), "teacher"));
        assertEquals(param(t.get("kd-stage2"), "output"), param(t.get("register"), "model"));
        assertEquals("btc-student", param(t.get("register"), "name"));
        assertEquals("challenger", param(t.get("register"), "alias"));
        assertTrue(param(t.get("train-stage1"), "output").startsWith("s3://chordflow/experiments/btc-kd/default/"));
        // fan-out over shards of the unlabeled corpus
        assertEquals(4, t.get("features-unlabeled").withItems().size());
        assertEquals("{{item}}/4", param(t.get("features-unlabeled"), "shard"));
        assertEquals(4, t.get("pseudo-label").withItems().size());
        assertEquals(null, t.get("features-test").withItems());
    }

    /** The split that is pseudo-labelled is written as shards too, and pseudo-labelled from them: stage 1 can stream it. */
    @Test
    void thePseudoLabelledSplitIsShardedAndItsPseudoLabelsToo() {
        for (String exp : List.of("btc-kd", "noisy-student")) {
            Workflow wf = Fixtures.compile(exp, "default");
            Map<String, DagTask> t = tasks(wf);
            for (DagTask task : t.values()) {
                if (task.name().startsWith("features-")) {
                    assertEquals(task.name().equals("features-unlabeled") ? "features-shards" : "features", task.template(),
                            exp + ": " + task.name());
                }
            }
            assertTrue(wf.getSpec().template("features-shards").orElseThrow().container().getArgs().contains("--shards"), exp);
            assertFalse(wf.getSpec().template("features").orElseThrow().container().getArgs().contains("--shards"), exp);
            String label = exp.equals("btc-kd") ? "teacher-inference" : "teacher-inference-soft";
            assertTrue(wf.getSpec().template(label).orElseThrow().container().getArgs().contains("--shards"), exp);
            // train finds the shards in the folders it is given: stream/ beside the .npy files
            DagTask train = t.get(exp.equals("btc-kd") ? "train-stage1" : "train-student-1");
            DagTask pseudo = t.get(exp.equals("btc-kd") ? "pseudo-label" : "pseudo-label-1");
            assertEquals(param(t.get("features-unlabeled"), "output"), param(train, "features"), exp);
            assertEquals(param(pseudo, "output"), param(train, "targets"), exp);
        }
        // the supervised baseline pseudo-labels nothing: no shards
        Workflow supervised = Fixtures.compile("supervised", "default");
        assertTrue(supervised.getSpec().template("features-shards").isEmpty());
    }

    @Test
    void compareGetsEveryEvaluatedModelsMetrics() {
        Workflow wf = Fixtures.compile("btc-kd", "default");
        DagTask compare = tasks(wf).get("compare");
        Set<String> evals = tasks(wf).keySet().stream().filter(n -> n.startsWith("eval-")).collect(Collectors.toSet());
        assertEquals(evals, Set.copyOf(compare.dependencies()));
        assertEquals(param(tasks(wf).get("eval-stage2"), "output"), param(compare, "stage2"));
        assertEquals(param(tasks(wf).get("eval-stage2-heldout"), "output"), param(compare, "heldout-stage2"));
        Template t = wf.getSpec().template("compare").orElseThrow();
        List<String> args = t.container().getArgs();
        int i = args.indexOf("stage1={{inputs.parameters.stage1}}/metrics.json");
        assertTrue(i > 0 && args.get(i - 1).equals("--metrics"), args.toString());
        assertEquals("io.chordflow.steps.evaluate.CompareStep", t.container().getCommand().get(3));
        assertTrue(t.container().getImage().endsWith("/chordflow-evaluate:0.1.0-cpu"), t.container().getImage());
        assertEquals("true", t.metadata().annotation(Compiler.A_SHOW_LOG));
    }

    @Test
    void configJsonCarriesTheSpecBlocksVerbatim() throws Exception {
        Map<String, DagTask> t = tasks(Fixtures.compile("btc-kd", "default"));
        JsonNode kd = Json.MAPPER.readTree(t.get("kd-stage2").arguments().artifacts().get(0).raw().data());
        assertEquals(3.0, kd.at("/kd/temperature").asDouble());
        assertEquals(0.3, kd.at("/kd/alpha").asDouble());
        assertEquals(1.0e-5, kd.at("/training/lr").asDouble());
        assertEquals(54, kd.at("/training/stride").asInt());
        assertEquals("btc", kd.at("/model/arch").asText());
        assertEquals(42, kd.at("/seed").asInt());
        JsonNode s1 = Json.MAPPER.readTree(t.get("train-stage1").arguments().artifacts().get(0).raw().data());
        assertEquals(2.0, s1.at("/training/focal_gamma").asDouble());
        assertTrue(s1.at("/kd").isMissingNode());
    }

    @Test
    void ablationVariantsRetrainStage2FromTheSameStudentAndAreComparedWithTheTemplate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String text = java.nio.file.Files.readString(Fixtures.ROOT.resolve("experiments/btc-kd.yaml"))
                .replaceAll("(?m)^ablation:(\\n  .*)*", "")
                .replaceAll("models: \\[teacher, baseline, stage1, stage2[^\\]]*\\]", "models: [teacher, baseline, stage1, stage2, template]")
                + "\nablation:\n  kd-off: {kd: {alpha: 0.0}}\n  t5: {kd: {temperature: 5.0}, stage2: {epochs: 3}}\n";
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("btc-kd.yaml"), text);
        var spec = io.chordflow.workflows.spec.ExperimentLoader.load(f, "default");
        Map<String, DagTask> t = tasks(Compiler.compile(spec, "default"));
        for (String v : List.of("kd-off", "t5")) {
            DagTask kd = t.get("kd-stage2-" + v);
            assertEquals(t.get("kd-stage2").dependencies(), kd.dependencies(), v);
            assertTrue(t.containsKey("eval-stage2-" + v), v);
            assertTrue(t.get("compare").dependencies().contains("eval-stage2-" + v), v);
        }
        JsonNode off = Json.MAPPER.readTree(t.get("kd-stage2-kd-off").arguments().artifacts().get(0).raw().data());
        JsonNode base = Json.MAPPER.readTree(t.get("kd-stage2").arguments().artifacts().get(0).raw().data());
        assertEquals(0.0, off.at("/kd/alpha").asDouble());
        assertEquals(base.at("/kd/temperature"), off.at("/kd/temperature"), "other kd keys stay");
        assertEquals(base.at("/training"), off.at("/training"));
        JsonNode t5 = Json.MAPPER.readTree(t.get("kd-stage2-t5").arguments().artifacts().get(0).raw().data());
        assertEquals(5.0, t5.at("/kd/temperature").asDouble());
        assertEquals(3, t5.at("/training/epochs").asInt());
        // the template baseline is evaluated from features alone, with the evaluate program's template variant
        DagTask template = t.get("eval-template");
        assertEquals("evaluate-template", template.template());
        assertEquals(List.of("features-test"), template.dependencies());
        assertTrue(template.arguments().parameters().stream().noneMatch(p -> p.name().equals("model")));
    }

    @Test
    void stage1MixRatioAddsTheLabelledSplitsGroundTruthToThePseudoLabels(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Map<String, DagTask> t = tasks(Fixtures.compile("btc-kd", "default"));
        DagTask s1 = t.get("train-stage1");
        assertEquals("train-mix", s1.template());
        assertEquals(Set.of("pseudo-label", "features-labeled"), Set.copyOf(s1.dependencies()));
        assertEquals(param(t.get("pseudo-label"), "output"), param(s1, "targets"));
        assertEquals("hard", param(s1, "target-kind"));
        assertEquals(param(t.get("train-baseline"), "features"), param(s1, "mix-features"));
        assertEquals(param(t.get("train-baseline"), "targets"), param(s1, "mix-targets"));
        assertEquals("lab", param(s1, "mix-target-kind"));
        assertEquals(0.5, Json.MAPPER.readTree(s1.arguments().artifacts().get(0).raw().data()).at("/training/mix_ratio").asDouble());
        // without it, stage 1 is the teacher's pseudo-labels alone (paper 1)
        String text = java.nio.file.Files.readString(Fixtures.ROOT.resolve("experiments/btc-kd.yaml"))
                .replaceFirst("(?m)^  mix_ratio: .*\\n", "");
        var spec = io.chordflow.workflows.spec.ExperimentLoader.load(
                java.nio.file.Files.writeString(dir.resolve("btc-kd.yaml"), text), "default");
        DagTask alone = tasks(Compiler.compile(spec, "default")).get("train-stage1");
        assertEquals("train", alone.template());
        assertEquals(List.of("pseudo-label"), alone.dependencies());
        assertTrue(Json.MAPPER.readTree(alone.arguments().artifacts().get(0).raw().data()).at("/training/mix_ratio").isMissingNode());
    }

    @Test
    void aRegistryTeacherIsUsedDirectlyAndNotTrained() throws Exception {
        var spec = io.chordflow.workflows.spec.ExperimentLoader.load(
                io.chordflow.workflows.spec.ExperimentLoader.resolve("btc-kd", Fixtures.ROOT), "default");
        var withUri = new io.chordflow.workflows.spec.Experiment(spec.name(), spec.description(), spec.pipeline(), spec.task(),
                spec.seed(), spec.datasets(), new io.chordflow.workflows.spec.Experiment.Teacher("models:/btc-teacher@champion",
                null, null, null), spec.model(), spec.stage1(), spec.stage2(), spec.kd(), spec.baseline(), spec.shards(),
                spec.evaluation(), spec.registration(), spec.compute(), spec.cluster(), spec.rounds(), spec.dataTiers(),
                spec.dataTier(), spec.gate(), spec.ablation());
        Map<String, DagTask> t = tasks(Compiler.compile(withUri, "default"));
        assertFalse(t.containsKey("train-teacher"));
        assertFalse(t.containsKey("register-teacher"));
        assertEquals("models:/btc-teacher@champion", param(t.get("pseudo-label"), "model"));
        assertEquals("models:/btc-teacher@champion", param(t.get("eval-teacher"), "model"));
        assertEquals(List.of("features-test"), t.get("eval-teacher").dependencies());
    }

    @Test
    void syntheticSplitsComeFromOneGenerationTaskWithAudioAndLabelsFolders() {
        Map<String, DagTask> t = tasks(Fixtures.compile("btc-kd", "smoke"));
        String out = param(t.get("synth-data"), "out");
        assertTrue(out.startsWith("s3://chordflow/data/synthetic/seed"), out);
        assertEquals("teacher=0.1,labeled=0.05,unlabeled=0.1,test=0.05,heldout=0.05", param(t.get("synth-data"), "split"));
        // every split's sources and styles, the held-out split's its own
        String sources = param(t.get("synth-data"), "sources");
        assertTrue(sources.startsWith("teacher=additive+fluidr3+csound+avl-blackpearl,labeled=additive+fluidr3+csound+opl3"), sources);
        assertTrue(sources.endsWith(",heldout=timgm6mb"), sources);
        assertTrue(param(t.get("synth-data"), "styles").endsWith(",heldout=folk"), param(t.get("synth-data"), "styles"));
        assertEquals(out + "/labeled/audio", param(t.get("features-labeled"), "input"));
        assertEquals(out + "/labeled/labels", param(t.get("train-baseline"), "targets"));
        assertEquals(out + "/test/labels", param(t.get("eval-stage2"), "labels"));
    }

    @Test
    void supervisedIsTheBaselineOnly() {
        Map<String, DagTask> t = tasks(Fixtures.compile("supervised", "default"));
        assertEquals(Set.of("synth-data", "features-labeled", "features-test", "train-baseline",
                "eval-baseline", "register"), t.keySet());
        assertEquals("btc-supervised", param(t.get("register"), "name"));
    }

    @Test
    void gpuStepsGetGpuLimitsSelectorAndTolerationCpuStepsTheCpuPool() {
        Workflow wf = Fixtures.compile("btc-kd", "default");
        Template train = wf.getSpec().template("train").orElseThrow();
        assertEquals("1", train.container().getResources().getLimits().get("nvidia.com/gpu").toString());
        assertEquals(Map.of("chordflow.io/pool", "gpu"), train.nodeSelector());
        assertEquals("nvidia.com/gpu", train.tolerations().get(0).getKey());
        assertTrue(train.container().getImage().endsWith("chordflow-train:0.1.0-cuda"));
        Template features = wf.getSpec().template("features").orElseThrow();
        assertFalse(features.container().getResources().getLimits().containsKey("nvidia.com/gpu"));
        assertEquals(Map.of("chordflow.io/pool", "cpu"), features.nodeSelector());
        assertEquals(null, features.tolerations());
        assertTrue(features.container().getImage().endsWith("chordflow-features:0.1.0"));
    }

    @Test
    void everyStepRetriesWithBackoffGetsCredentialsOnlyFromSecretsAndTheParentRunId() {
        for (String exp : Fixtures.EXPERIMENTS) {
            Workflow wf = Fixtures.compile(exp, "default");
            for (Template t : wf.getSpec().templates()) {
                if (t.container() == null) {
                    continue;
                }
                assertNotNull(t.retryStrategy(), t.name());
                assertEquals("3", t.retryStrategy().limit());
                assertEquals("Always", t.retryStrategy().retryPolicy(), "Always also retries errors such as preempted nodes");
                assertEquals("30s", t.retryStrategy().backoff().duration());
                Map<String, EnvVar> env = t.container().getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
                assertEquals("{{workflow.parameters.mlflow-parent-run-id}}", env.get("MLFLOW_PARENT_RUN_ID").getValue());
                for (String secret : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
                    assertEquals(null, env.get(secret).getValue(), "no literal credentials");
                    assertEquals("minio-credentials", env.get(secret).getValueFrom().getSecretKeyRef().getName());
                }
            }
            assertEquals("chordflow-workflow", wf.getSpec().serviceAccountName());
            assertEquals(exp, wf.getMetadata().getLabels().get(Compiler.L_EXPERIMENT));
            assertEquals(exp, wf.getMetadata().getAnnotations().get(Compiler.A_MLFLOW_EXPERIMENT));
            String yaml = Yaml.render(wf);
            assertFalse(yaml.toLowerCase().contains("password") || yaml.contains("secretKey:"), "no literal secrets");
        }
    }

    @Test
    void renderingIsDeterministicAndRoundTrips() {
        String a = Yaml.render(Fixtures.compile("btc-kd", "smoke"));
        String b = Yaml.render(Fixtures.compile("btc-kd", "smoke"));
        assertEquals(a, b);
        assertFalse(a.startsWith("---"));
        assertTrue(a.startsWith("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"), a.substring(0, 80));
        assertEquals(a, Yaml.render(Yaml.parse(a)));
    }

    @Test
    void stepCatalogueMatchesTheContract() {
        assertEquals("io.chordflow.steps.features.FeaturesStep", Steps.FEATURES.mainClass());
        assertEquals("io.chordflow.steps.features.SynthStep", Steps.SYNTH.mainClass());
        assertEquals("io.chordflow.steps.teacher.TeacherInferenceStep", Steps.TEACHER_INFERENCE.mainClass());
        assertEquals("io.chordflow.steps.train.TrainStep", Steps.TRAIN.mainClass());
        assertEquals("io.chordflow.steps.kd.KdFinetuneStep", Steps.KD_FINETUNE.mainClass());
        assertEquals("io.chordflow.steps.evaluate.EvaluateStep", Steps.EVALUATE.mainClass());
        assertEquals("io.chordflow.steps.register.RegisterStep", Steps.REGISTER.mainClass());
    }

    private static JsonNode config(DagTask t) throws Exception {
        return Json.MAPPER.readTree(t.arguments().artifacts().get(0).raw().data());
    }

    @Test
    void noisyStudentRoundsAreUnrolledWithGrowingStudentsSoftLabelsAndGates() throws Exception {
        Workflow wf = Fixtures.compile("noisy-student", "default");
        Map<String, DagTask> t = tasks(wf);
        for (int k = 1; k <= 3; k++) {
            for (String name : List.of("pseudo-label-", "train-student-", "eval-valid-student-", "gate-")) {
                assertTrue(t.containsKey(name + k), name + k + " in " + t.keySet());
            }
        }
        assertFalse(t.containsKey("gate-4"));
        assertTrue(t.keySet().containsAll(List.of("train-teacher", "eval-valid-teacher", "eval-teacher", "eval-final", "rounds-report",
                "compare", "register")), t.keySet().toString());
        // round 0: the supervised teacher on the labeled split
        assertTrue(param(t.get("train-teacher"), "targets").endsWith("/labeled/labels"));
        assertEquals("lab", param(t.get("train-teacher"), "target-kind"));
        // round k: soft pseudo-labels from teacher k, fanned out; the student mixes them with the labeled songs
        assertEquals("teacher-inference-soft", t.get("pseudo-label-1").template());
        assertEquals(2, t.get("pseudo-label-1").withItems().size());
        assertEquals(param(t.get("train-teacher"), "output"), param(t.get("pseudo-label-1"), "model"));
        assertEquals(param(t.get("train-student-1"), "output"), param(t.get("pseudo-label-2"), "model"));
        assertEquals("soft", param(t.get("train-student-2"), "target-kind"));
        assertEquals(param(t.get("pseudo-label-2"), "output"), param(t.get("train-student-2"), "targets"));
        assertTrue(param(t.get("train-student-2"), "mix-targets").endsWith("/labeled/labels"));
        assertEquals("lab", param(t.get("train-student-2"), "mix-target-kind"));
        Template soft = wf.getSpec().template("teacher-inference-soft").orElseThrow();
        assertTrue(soft.container().getArgs().contains("--soft"));
        assertEquals("io.chordflow.steps.teacher.TeacherInferenceStep", soft.container().getCommand().get(3));
        assertTrue(soft.container().getImage().endsWith("chordflow-teacher-inference:0.1.0-cuda"), "runs where teacher-inference runs");
        // knowledge expansion: each round's config carries its larger sizes; training, augmentation and mix ratio merged
        int prevHidden = 0;
        for (int k = 1; k <= 3; k++) {
            JsonNode c = config(t.get("train-student-" + k));
            assertEquals("majmin", c.at("/model/vocabulary").asText());
            assertTrue(c.at("/model/hidden").asInt() >= prevHidden);
            prevHidden = c.at("/model/hidden").asInt();
            assertEquals(0.5, c.at("/training/mix_ratio").asDouble());
            assertEquals(2, c.at("/training/freq_masks").asInt());
            assertEquals("chord", c.at("/task").asText());
        }
        assertEquals(3, config(t.get("train-student-3")).at("/model/layers").asInt());
        // gates compare on valid, never on test; round k+1 runs only when gate k promoted
        assertTrue(param(t.get("eval-valid-student-2"), "labels").endsWith("/valid/labels"));
        assertEquals(param(t.get("eval-valid-teacher"), "output"), param(t.get("gate-1"), "teacher-metrics"));
        assertEquals(param(t.get("eval-valid-student-1"), "output"), param(t.get("gate-2"), "teacher-metrics"));
        assertEquals(param(t.get("eval-valid-student-2"), "output"), param(t.get("gate-2"), "student-metrics"));
        assertEquals("total.majmin", param(t.get("gate-2"), "metric"));
        assertEquals("0.0", param(t.get("gate-2"), "min-delta"));
        assertEquals("{{tasks.gate-1.outputs.parameters.promoted}}", param(t.get("gate-2"), "previous"));
        assertEquals("{{tasks.gate-1.outputs.parameters.champion}}", param(t.get("gate-2"), "teacher-model"));
        for (DagTask task : t.values()) {
            String n = task.name();
            boolean round2or3 = n.matches("(pseudo-label|train-student|eval-valid-student)-[23]");
            if (round2or3) {
                int prev = Integer.parseInt(n.substring(n.length() - 1)) - 1;
                assertEquals("{{tasks.gate-" + prev + ".outputs.parameters.promoted}} == true", task.when(), n);
                assertTrue(task.dependencies().contains("gate-" + prev), n);
            } else {
                assertEquals(null, task.when(), n + ": gates and the final tasks always run");
            }
            if (task.template().equals("evaluate") && !n.equals("eval-teacher") && !n.equals("eval-final")) {
                assertTrue(param(task, "labels").contains("/valid/"), n + " must evaluate on valid");
            }
            if (task.template().startsWith("evaluate")) {
                // the suite its scores are recorded under: the split it evaluates on
                assertTrue(param(task, "labels").contains("/" + param(task, "suite") + "/"), n);
            }
        }
        Template gate = wf.getSpec().template("gate").orElseThrow();
        assertEquals(List.of("promoted", "champion"), gate.outputs().parameters().stream().map(Template.OutputParameter::name).toList());
        assertEquals("/chordflow/outputs/promoted", gate.outputs().parameters().get(0).valueFrom().path());
        assertTrue(gate.container().getImage().endsWith("/chordflow-evaluate:0.1.0-cpu"));
        // final: the champion of the last gate on test, registered; the rounds report reads every gate
        assertEquals("{{tasks.gate-3.outputs.parameters.champion}}", param(t.get("eval-final"), "model"));
        assertTrue(param(t.get("eval-final"), "labels").endsWith("/test/labels"));
        assertEquals("{{tasks.gate-3.outputs.parameters.champion}}", param(t.get("register"), "model"));
        assertTrue(t.get("rounds-report").dependencies().containsAll(List.of("gate-1", "gate-2", "gate-3", "eval-final")));
        assertEquals("true", wf.getSpec().template("rounds-report").orElseThrow().metadata().annotation(Compiler.A_SHOW_LOG));
        // the selected tier is the unlabeled split of the synthetic corpus
        assertTrue(param(t.get("synth-data"), "split").contains("unlabeled=1.0"), param(t.get("synth-data"), "split"));
        assertTrue(param(t.get("synth-data"), "split").contains("valid=0.2"));
    }

    @Test
    void theKeyTaskReadsKeysAndGatesOnTheWeightedScore() throws Exception {
        Map<String, DagTask> t = tasks(Fixtures.compile("key-noisy-student", "smoke"));
        assertTrue(param(t.get("train-teacher"), "targets").endsWith("/labeled/keys"));
        assertEquals("key", param(t.get("train-teacher"), "target-kind"));
        assertEquals("key", param(t.get("train-student-1"), "mix-target-kind"));
        assertTrue(param(t.get("eval-final"), "labels").endsWith("/test/keys"));
        assertTrue(param(t.get("eval-valid-teacher"), "labels").endsWith("/valid/keys"));
        assertEquals("total.weighted_score", param(t.get("gate-1"), "metric"));
        assertEquals("key", config(t.get("train-student-1")).at("/task").asText());
        assertEquals("key25", config(t.get("train-student-1")).at("/model/vocabulary").asText());
        assertFalse(t.containsKey("compare"), "the chord comparison does not apply to keys");
        assertTrue(t.containsKey("rounds-report"));
    }
}
