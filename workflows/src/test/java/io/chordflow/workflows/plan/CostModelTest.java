package io.chordflow.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.workflows.compile.Compiler;
import io.chordflow.workflows.spec.Experiment;
import io.chordflow.workflows.spec.ExperimentLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void theFullProfileIsScaledFromTheRecordedRatesAndStage1Streams() {
        Experiment e = load("full");
        Rates r = Rates.recorded();
        Map<String, StepCost> c = byTask(new CostModel(e, r).estimate(Compiler.compile(e, "full")));
        double unlabeledFrames = 1200 * 3600 * r.framesPerSecond();
        StepCost features = c.get("features-unlabeled");
        assertFalse(features.gpu());
        assertEquals(1200.0 / r.featuresRealtimePerCore(), features.hours(), 1e-9, "CPU-hours: audio hours / real-time factor");
        assertEquals((long) (unlabeledFrames * 144 * 4 * 2), features.bytesWritten(), "the .npy files and the shards");
        assertEquals((long) (20 * 3600 * r.framesPerSecond() * 144 * 4), c.get("features-labeled").bytesWritten(), "no shards");
        StepCost label = c.get("pseudo-label");
        assertTrue(label.gpu());
        assertEquals(unlabeledFrames / r.inferenceFramesPerSecond() / 3600, label.hours(), 1e-9, "the full model is the reference BTC");
        assertEquals((long) (unlabeledFrames * 4 * 2), label.bytesWritten(), "hard labels as .npy files and as shards");
        StepCost stage1 = c.get("train-stage1");
        assertEquals("streamed", stage1.data(), "features-shards and teacher-inference write shards of the unlabeled split");
        // the download cache (4 feature and 4 target files of 1/64 of the split), 4 batches ahead + 1, the buffer's keys,
        // and the 20 labelled hours that stage 1 mixes in, loaded whole
        double labelledFrames = 20 * 3600 * r.framesPerSecond();
        double cache = 4 * unlabeledFrames / 64 * (144 * 4 + 4);
        double batches = 5.0 * 256 * 108 * (144 * 4 + 4);
        assertEquals(r.processBytes() + (long) (cache + batches + 8 * 4096 + labelledFrames * (144 * 4 + 4)), stage1.peakBytes());
        assertTrue(stage1.peakBytes() < 5L << 30, "not the split's 27 GB: " + stage1.peakBytes());
        assertFalse(stage1.overLimit());
        // 100 epochs of ceil(0.9 frames / 108 / 256) steps of 256 x 108 frames at 16/256 of the measured step; an epoch
        // has as many windows as the pseudo-labelled and the labelled songs together (mix_ratio)
        double steps = 100 * Math.ceil(0.9 * (unlabeledFrames + labelledFrames) / 108 / 256);
        assertEquals(steps * r.trainStepSeconds() * 16 / 3600, stage1.hours(), 1e-6);
        StepCost teacher = c.get("train-teacher");
        assertEquals("memory", teacher.data(), "ground truth is loaded");
        assertEquals(r.processBytes() + (long) (200 * 3600 * r.framesPerSecond() * (144 * 4 + 4)), teacher.peakBytes());
        assertFalse(teacher.overLimit(), "200 h fit: " + teacher.peakBytes());
        StringWriter out = new StringWriter();
        CostTable.print(new PrintWriter(out), new CostModel(e, r).estimate(Compiler.compile(e, "full")), r, "btc-kd.yaml (profile full)");
        assertTrue(out.toString().contains("streamed"), out.toString());
    }

    @Test
    void aPlanWhoseTaskWouldPassItsPodLimitIsRefusedNamingTaskAndLimit(@TempDir Path tmp) throws Exception {
        // the full profile on GPU pods of 3 GiB: the 200 h teacher (ground truth, loaded) and even the streamed stage 1
        // (2 GiB of process, 1.6 GiB of download cache) need more
        String spec = Files.readString(ExperimentLoader.resolve("btc-kd", ROOT));
        assertTrue(spec.contains("limits: {memory: 24Gi}"));
        Path small = tmp.resolve("btc-kd.yaml");
        Files.writeString(small, spec.replace("limits: {memory: 24Gi}", "limits: {memory: 3Gi}"));
        Experiment e = ExperimentLoader.load(small, "full");
        Rates r = Rates.recorded();
        List<StepCost> costs = new CostModel(e, r).estimate(Compiler.compile(e, "full"));
        assertTrue(byTask(costs).get("train-stage1").overLimit());
        assertEquals("streamed", byTask(costs).get("train-stage1").data());
        StringWriter out = new StringWriter();
        InputException refused = assertThrows(InputException.class, () -> CostTable.print(new PrintWriter(out), costs, r,
                "btc-kd.yaml (profile full)"));
        assertTrue(refused.getMessage().startsWith("btc-kd.yaml (profile full): task train-teacher (train) would need ~6.2 GiB"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("above its pod limit of 3.0 GiB (compute.gpu.limits.memory); its songs are loaded"
                + " whole"), refused.getMessage());
        assertTrue(out.toString().contains("train-stage1") && out.toString().contains("OVER THE LIMIT"), "the table is printed first");
        assertTrue(out.toString().contains("total: "), out.toString());
    }

    @Test
    void theDefaultProfileFitsAndKeepsItsSongsInMemory() {
        Experiment d = load("default");
        Rates r = Rates.recorded();
        List<StepCost> costs = new CostModel(d, r).estimate(Compiler.compile(d, "default"));
        assertEquals("memory", byTask(costs).get("train-stage1").data(), "3 h are below the in-memory limit");
        CostTable.print(new PrintWriter(new StringWriter()), costs, r, "x");
    }

    /** Paper 2's rounds at full size: the unlabeled split comes from the data tier (3,000 h), soft labels, a labelled mix. */
    @Test
    void theNoisyStudentFullProfileCountsItsTierAndStreamsEveryRound() {
        Experiment e = ExperimentLoader.load(ExperimentLoader.resolve("noisy-student", ROOT), "full");
        Rates r = Rates.recorded();
        Map<String, StepCost> c = byTask(new CostModel(e, r).estimate(Compiler.compile(e, "full")));
        double frames = 3000 * 3600 * r.framesPerSecond();
        assertEquals((long) (frames * 144 * 4 * 2), c.get("features-unlabeled").bytesWritten(), "data tier D3's hours, with shards");
        for (int k = 1; k <= 3; k++) {
            StepCost student = c.get("train-student-" + k);
            assertEquals("streamed", student.data(), student.task());
            assertFalse(student.overLimit(), student.task() + ": " + student.peakBytes());
        }
        // majmin soft targets: 25 classes, float16 in the shards, float32 in a batch; the 20 h labelled mix loaded
        double cache = 4 * frames / 64 * (144 * 4 + 2 * 25);
        double batches = 5.0 * 256 * 108 * (144 * 4 + 4 * 25);
        double mix = 20 * 3600 * r.framesPerSecond() * (144 * 4 + 4 * 25);
        assertEquals(r.processBytes() + (long) (cache + batches + 8 * 4096 + mix), c.get("train-student-1").peakBytes());
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
