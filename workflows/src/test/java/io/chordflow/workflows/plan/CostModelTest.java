package io.chordflow.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.compile.Compiler;
import io.chordflow.workflows.spec.Experiment;
import io.chordflow.workflows.spec.ExperimentLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plan's cost table on the shipped btc-kd spec: figures from the recorded rates, refusal above a pod's limit. */
class CostModelTest {
    static final Path ROOT = Path.of(System.getProperty("chordflow.root", "..")).toAbsolutePath().normalize();

    static Experiment load(String profile) {
        return ExperimentLoader.load(ExperimentLoader.resolve("btc-kd", ROOT), profile);
    }

    static Map<String, StepCost> byTask(List<StepCost> costs) {
        return costs.stream().collect(Collectors.toMap(StepCost::task, Function.identity()));
    }

    @Test
    void theFullProfileIsScaledFromTheRecordedRates() {
        Experiment e = load("full");
        Rates r = Rates.recorded();
        Map<String, StepCost> c = byTask(new CostModel(e, r).estimate(Compiler.compile(e, "full")));
        double unlabeledFrames = 1200 * 3600 * r.framesPerSecond();
        StepCost features = c.get("features-unlabeled");
        assertFalse(features.gpu());
        assertEquals(1200.0 / r.featuresRealtimePerCore(), features.hours(), 1e-9, "CPU-hours: audio hours / real-time factor");
        assertEquals((long) (unlabeledFrames * 144 * 4), features.bytesWritten());
        StepCost label = c.get("pseudo-label");
        assertTrue(label.gpu());
        assertEquals(unlabeledFrames / r.inferenceFramesPerSecond() / 3600, label.hours(), 1e-9, "the full model is the reference BTC");
        StepCost stage1 = c.get("train-stage1");
        assertEquals("memory", stage1.data(), "the compiled DAG writes no shards");
        assertTrue(stage1.peakBytes() > 24L << 30, "1,200 h in memory: " + stage1.peakBytes());
        assertTrue(stage1.overLimit());
        // 100 epochs of ceil(0.9 frames / 108 / 256) steps of 256 x 108 frames at 16/256 of the measured step; stage 1 mixes
        // the 20 labelled hours into the 1,200 pseudo-labelled ones (mix_ratio: an epoch has as many windows as both)
        double steps = 100 * Math.ceil(0.9 * (unlabeledFrames + 20 * 3600 * r.framesPerSecond()) / 108 / 256);
        assertEquals(steps * r.trainStepSeconds() * 16 / 3600, stage1.hours(), 1e-6);
        StepCost teacher = c.get("train-teacher");
        assertFalse(teacher.overLimit(), "200 h fit: " + teacher.peakBytes());
    }

    @Test
    void aPlanWhoseTaskWouldPassItsPodLimitIsRefusedNamingTaskAndLimit() {
        Experiment e = load("full");
        Rates r = Rates.recorded();
        StringWriter out = new StringWriter();
        InputException refused = assertThrows(InputException.class, () -> CostTable.print(new PrintWriter(out),
                new CostModel(e, r).estimate(Compiler.compile(e, "full")), r, "btc-kd.yaml (profile full)"));
        assertTrue(refused.getMessage().startsWith("btc-kd.yaml (profile full): task train-stage1 (train) would need ~"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("above its pod limit of 24.0 GiB (compute.gpu.limits.memory)"), refused.getMessage());
        assertTrue(out.toString().contains("train-stage1"), "the table is printed first");
        assertTrue(out.toString().contains("total: "), out.toString());
        // the default profile fits everywhere
        Experiment d = load("default");
        CostTable.print(new PrintWriter(new StringWriter()), new CostModel(d, r).estimate(Compiler.compile(d, "default")), r, "x");
    }

    @Test
    void withShardedFeaturesAndPseudoLabelsTheStage1TrainingStreamsAndTheFullProfileFits() {
        Experiment e = load("full");
        Workflow wf = Compiler.compile(e, "full");
        // what the DAG would compile with features and teacher-inference --shards on the unlabeled split
        Template main = wf.getSpec().templates().stream().filter(t -> t.name().equals(wf.getSpec().entrypoint())).findFirst().orElseThrow();
        List<Template.DagTask> tasks = new ArrayList<>();
        for (Template.DagTask t : main.dag().tasks()) {
            if (t.name().equals("features-unlabeled") || t.name().equals("pseudo-label")) {
                List<Arguments.Parameter> p = new ArrayList<>(t.arguments().parameters());
                p.add(Arguments.Parameter.of("shards", "true"));
                t = new Template.DagTask(t.name(), t.template(), t.dependencies(), new Arguments(p, t.arguments().artifacts()),
                        t.withItems(), t.withParam(), t.when());
            }
            tasks.add(t);
        }
        List<Template> templates = new ArrayList<>(wf.getSpec().templates());
        templates.set(templates.indexOf(main), new Template(main.name(), main.metadata(), main.inputs(), main.outputs(),
                main.container(), new Template.Dag(tasks, main.dag().failFast()), main.nodeSelector(), main.tolerations(),
                main.retryStrategy()));
        var spec = wf.getSpec();
        wf.setSpec(new io.chordflow.workflows.argo.WorkflowSpec(spec.entrypoint(), spec.serviceAccountName(), spec.arguments(),
                spec.podMetadata(), spec.podGC(), spec.ttlStrategy(), templates));
        Rates r = Rates.recorded();
        List<StepCost> costs = new CostModel(e, r).estimate(wf);
        StepCost stage1 = byTask(costs).get("train-stage1");
        assertEquals("streamed", stage1.data());
        assertEquals(r.processBytes(), stage1.peakBytes());
        CostTable.print(new PrintWriter(new StringWriter()), costs, r, "btc-kd.yaml (profile full)");
    }

    @Test
    void kubernetesMemoryQuantities() {
        assertEquals(24L << 30, CostModel.memory("24Gi"));
        assertEquals(512L << 20, CostModel.memory("512Mi"));
        assertEquals(8_000_000_000L, CostModel.memory("8G"));
        assertEquals(0, CostModel.memory(null));
        assertThrows(InputException.class, () -> CostModel.memory("lots"));
    }
}
