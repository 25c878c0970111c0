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
        assertEquals(Set.of("synth-data",
                "features-teacher", "features-labeled", "features-unlabeled", "features-test",
                "train-teacher", "pseudo-label", "train-stage1", "kd-stage2", "train-baseline",
                "eval-teacher", "eval-baseline", "eval-stage1", "eval-stage2", "compare", "register-teacher", "register"), t.keySet());
        assertEquals(List.of("pseudo-label"), t.get("train-stage1").dependencies());
        assertEquals(Set.of("features-labeled", "train-stage1", "train-teacher"), Set.copyOf(t.get("kd-stage2").dependencies()));
        assertEquals(List.of("eval-stage2"), t.get("register").dependencies());
        // the stage-1 student trains on the teacher's pseudo-labels of the unlabeled features
        assertEquals(param(t.get("pseudo-label"), "output"), param(t.get("train-stage1"), "targets"));
        assertEquals("hard", param(t.get("train-stage1"), "target-kind"));
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

    @Test
    void compareGetsEveryEvaluatedModelsMetrics() {
        Workflow wf = Fixtures.compile("btc-kd", "default");
        DagTask compare = tasks(wf).get("compare");
        assertEquals(Set.of("eval-teacher", "eval-baseline", "eval-stage1", "eval-stage2"), Set.copyOf(compare.dependencies()));
        assertEquals(param(tasks(wf).get("eval-stage2"), "output"), param(compare, "stage2"));
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
    void aRegistryTeacherIsUsedDirectlyAndNotTrained() throws Exception {
        var spec = io.chordflow.workflows.spec.ExperimentLoader.load(
                io.chordflow.workflows.spec.ExperimentLoader.resolve("btc-kd", Fixtures.ROOT), "default");
        var withUri = new io.chordflow.workflows.spec.Experiment(spec.name(), spec.description(), spec.pipeline(), spec.task(),
                spec.seed(), spec.datasets(), new io.chordflow.workflows.spec.Experiment.Teacher("models:/btc-teacher@champion",
                null, null, null), spec.model(), spec.stage1(), spec.stage2(), spec.kd(), spec.baseline(), spec.shards(),
                spec.evaluation(), spec.registration(), spec.compute(), spec.cluster(), spec.rounds(), spec.dataTiers(),
                spec.dataTier(), spec.gate());
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
        assertEquals("teacher=0.1,labeled=0.05,unlabeled=0.1,test=0.05", param(t.get("synth-data"), "split"));
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
        assertEquals("io.chordflow.audio.synth.SynthCommand", Steps.SYNTH.mainClass());
        assertEquals("io.chordflow.steps.teacher.TeacherInferenceStep", Steps.TEACHER_INFERENCE.mainClass());
        assertEquals("io.chordflow.steps.train.TrainStep", Steps.TRAIN.mainClass());
        assertEquals("io.chordflow.steps.kd.KdFinetuneStep", Steps.KD_FINETUNE.mainClass());
        assertEquals("io.chordflow.steps.evaluate.EvaluateStep", Steps.EVALUATE.mainClass());
        assertEquals("io.chordflow.steps.register.RegisterStep", Steps.REGISTER.mainClass());
    }
}
