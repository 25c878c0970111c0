package io.chordflow.tracking.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.tracking.Metric;
import io.chordflow.tracking.RunInfo;
import io.chordflow.tracking.RunSpec;
import io.chordflow.tracking.RunStatus;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./mlruns layout, field by field, against what mlflow/store/tracking/file_store.py writes
 * (mlflow/mlflow at 001cc178a1442b488da41853c497adc5285a284d): FileStore.__init__ and
 * _create_experiment_with_id (experiment 0 "Default", meta.yaml from dict(Experiment) minus tags),
 * create_run (_make_persisted_run_info_dict plus deleted_time, metrics/ params/ artifacts/ folders,
 * mlflow.runName tag), _log_run_metric ("timestamp value step\n" appended), _log_run_param and
 * _set_run_tag (value without newline), update_run_info (status code, end_time).
 */
class FileStoreLayoutTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC);

    private static String read(Path p) throws Exception {
        return Files.readString(p);
    }

    @Test
    void defaultExperimentAndTrash() throws Exception {
        Path root = tmp.resolve("mlruns");
        new FileStoreTracker(root, clock);
        assertTrue(Files.isDirectory(root.resolve(".trash")));
        assertTrue(Files.isDirectory(root.resolve("models")));
        assertEquals("artifact_location: " + FileStoreTracker.fileUri(root) + "/0\n"
                + "creation_time: " + T0 + "\n"
                + "experiment_id: '0'\n"
                + "last_update_time: " + T0 + "\n"
                + "lifecycle_stage: active\n"
                + "name: Default\n", read(root.resolve("0/meta.yaml")));
        assertTrue(FileStoreTracker.fileUri(root).startsWith("file:///"));
    }

    @Test
    void runsParamsMetricsTagsAndNesting() throws Exception {
        Path root = tmp.resolve("mlruns");
        FileStoreTracker t = new FileStoreTracker(root, clock);
        RunInfo parent = t.startRun(new RunSpec("chordflow", "wf-abc", null, Map.of(Tags.WORKFLOW, "wf-abc")));
        String expId = parent.experimentId();
        assertTrue(expId.matches("[1-9][0-9]{17}"), expId);
        assertEquals(expId, t.experimentId("chordflow"), "same name, same experiment");

        RunInfo child = t.startRun(new RunSpec("chordflow", "train", parent.runId(), Map.of(Tags.STEP, "train")));
        assertTrue(child.runId().matches("[0-9a-f]{32}"));
        Path run = root.resolve(expId).resolve(child.runId());
        assertEquals(FileStoreTracker.fileUri(root) + "/" + expId + "/" + child.runId() + "/artifacts", child.artifactUri());

        String user = System.getenv("USER") != null ? System.getenv("USER") : System.getProperty("user.name");
        String runMeta = "artifact_uri: " + child.artifactUri() + "\n"
                + "deleted_time: null\n"
                + "end_time: null\n"
                + "entry_point_name: ''\n"
                + "experiment_id: '" + expId + "'\n"
                + "lifecycle_stage: active\n"
                + "run_id: " + child.runId() + "\n"
                + "run_name: train\n"
                + "run_uuid: " + child.runId() + "\n"
                + "source_name: ''\n"
                + "source_type: 4\n"
                + "source_version: ''\n"
                + "start_time: " + T0 + "\n"
                + "status: 1\n"
                + "tags: []\n"
                + "user_id: " + MlflowYaml.scalar(user) + "\n";
        assertEquals(runMeta, read(run.resolve("meta.yaml")));
        for (String d : List.of("metrics", "params", "artifacts", "tags")) {
            assertTrue(Files.isDirectory(run.resolve(d)), d);
        }
        assertEquals("train", read(run.resolve("tags/mlflow.runName")));
        assertEquals(parent.runId(), read(run.resolve("tags/mlflow.parentRunId")));
        assertEquals("train", read(run.resolve("tags/chordflow.step")));

        t.logBatch(child.runId(), List.of(new Metric("loss", 0.5, T0 + 1, 0), new Metric("loss", 0.25, T0 + 2, 1),
                new Metric("val/majmin", 1e-5, T0 + 3, 1)), Map.of("lr", "0.001", "epochs", "3"), Map.of("note", "x y"));
        assertEquals((T0 + 1) + " 0.5 0\n" + (T0 + 2) + " 0.25 1\n", read(run.resolve("metrics/loss")));
        assertEquals((T0 + 3) + " 1e-05 1\n", read(run.resolve("metrics/val/majmin")));
        assertEquals("0.001", read(run.resolve("params/lr")));
        assertEquals("x y", read(run.resolve("tags/note")));
        t.logParams(child.runId(), Map.of("lr", "0.001")); // same value: allowed
        InputException changed = assertThrows(InputException.class, () -> t.logParams(child.runId(), Map.of("lr", "0.1")));
        assertTrue(changed.getMessage().contains("changing param values is not allowed"));
        assertThrows(InputException.class, () -> t.logMetric(child.runId(), "../escape", 1, 0));

        Path plot = tmp.resolve("plot.txt");
        Files.writeString(plot, "p");
        t.logArtifact(child.runId(), plot, "plots");
        assertEquals("p", read(run.resolve("artifacts/plots/plot.txt")));

        t.endRun(child.runId(), RunStatus.FINISHED);
        String ended = read(run.resolve("meta.yaml"));
        assertTrue(ended.contains("status: 3\n") && ended.contains("end_time: " + T0 + "\n"), ended);
        assertTrue(!ended.contains("deleted_time"), "update_run_info rewrites without deleted_time");
        assertEquals(RunStatus.FINISHED, t.getRun(child.runId()).status());
    }

    @Test
    void stepRunReadsTheWorkflowEnvironment() throws Exception {
        Path root = tmp.resolve("mlruns");
        FileStoreTracker t = new FileStoreTracker(root, clock);
        RunInfo parent = t.startRun(new RunSpec("exp", "wf", null, Map.of()));
        String runId;
        try (StepRun run = StepRun.open(t, "features", Map.of("MLFLOW_EXPERIMENT_NAME", "exp",
                "MLFLOW_PARENT_RUN_ID", parent.runId(), "ARGO_WORKFLOW_NAME", "wf-1", "CHORDFLOW_GIT_COMMIT", "abc123",
                "CHORDFLOW_IMAGE", "chordflow:1", "CHORDFLOW_CACHE_KEY", "k1"), Map.of(Tags.INPUTS, "s3://d/in"))) {
            run.logParams(Map.of("seed", 7));
            run.logMetrics(Map.of("frames", 100), 0);
            runId = run.runId();
        }
        Path dir;
        try (Stream<Path> s = Files.walk(root)) {
            dir = s.filter(p -> p.getFileName().toString().equals(runId)).findFirst().orElseThrow();
        }
        Map<String, String> expect = Map.of("mlflow.parentRunId", parent.runId(), "chordflow.workflow", "wf-1",
                "mlflow.source.git.commit", "abc123", "chordflow.image", "chordflow:1", "chordflow.cache_key", "k1",
                "chordflow.inputs", "s3://d/in", "chordflow.step", "features", "mlflow.runName", "features");
        for (Map.Entry<String, String> e : expect.entrySet()) {
            assertEquals(e.getValue(), read(dir.resolve("tags").resolve(e.getKey())), e.getKey());
        }
        assertTrue(Files.isRegularFile(dir.resolve("tags/mlflow.user")));
        assertEquals("7", read(dir.resolve("params/seed")));
        assertTrue(read(dir.resolve("meta.yaml")).contains("status: 3\n"));
    }
}
