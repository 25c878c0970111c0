package io.chordflow.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordflow.storage.LocalStore;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.rest.RestTracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** The REST tracker against {@link FakeMlflowServer}, which checks every call against MLflow's REST definition. */
class RestTrackerTest {
    @TempDir
    Path tmp;

    private FakeMlflowServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeMlflowServer("mlflow-artifacts:/");
    }

    @AfterEach
    void stop() {
        server.close();
        assertEquals(List.of(), server.violations(), "requests that do not follow MLflow's REST API");
    }

    private RestTracker tracker(Path buffer) {
        return new RestTracker(new BasicMlflowHostCreds(server.uri()), new LocalStore(), buffer, Clock.systemUTC(),
                Duration.ZERO);
    }

    private List<Long> steps(String runId, String key) {
        return server.runMetrics.get(runId).stream().filter(m -> m.get("key").asText().equals(key))
                .map(m -> m.get("step").asLong()).toList();
    }

    @Test
    void runsNestedWithParamsMetricsTagsAndStatus() {
        try (RestTracker t = tracker(tmp.resolve("buf"))) {
            RunInfo parent = t.startRun(new RunSpec("chordflow", "wf-1", null, Map.of(Tags.WORKFLOW, "wf-1")));
            RunInfo child = t.startRun(new RunSpec("chordflow", "train", parent.runId(),
                    Map.of(Tags.STEP, "train", Tags.GIT_COMMIT, "abc", Tags.INPUTS, "s3://d/f")));
            assertEquals(parent.experimentId(), child.experimentId());
            assertEquals("1", child.experimentId(), "experiment created once, by name");
            t.logBatch(child.runId(), List.of(new Metric("loss", 0.5, 1000, 0), new Metric("loss", 0.4, 2000, 1)),
                    Map.of("lr", "0.001"), Map.of("cache", "k"));
            t.logMetric(child.runId(), "mirex", 0.8, 3);
            t.endRun(child.runId(), RunStatus.FINISHED);

            Map<String, String> tags = server.runTags.get(child.runId());
            assertEquals(parent.runId(), tags.get(Tags.PARENT_RUN_ID));
            assertEquals("train", tags.get(Tags.RUN_NAME));
            assertEquals("abc", tags.get(Tags.GIT_COMMIT));
            assertEquals("k", tags.get("cache"));
            assertEquals(Map.of("lr", "0.001"), server.runParams.get(child.runId()));
            assertEquals(List.of(0L, 1L), steps(child.runId(), "loss"));
            assertEquals(2000, server.runMetrics.get(child.runId()).get(1).get("timestamp").asLong());
            assertEquals("FINISHED", server.runInfos.get(child.runId()).get("status").asText());
            assertEquals(RunStatus.FINISHED, t.getRun(child.runId()).status());
        }
    }

    @Test
    void largeBatchesAreSplitWithinMlflowLimits() {
        try (RestTracker t = tracker(tmp.resolve("buf"))) {
            RunInfo run = t.startRun(new RunSpec("chordflow", "train", null, Map.of()));
            List<Metric> many = new java.util.ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                many.add(new Metric("loss", 1.0 / (i + 1), 1000 + i, i));
            }
            Map<String, String> params = new java.util.TreeMap<>();
            for (int i = 0; i < 150; i++) {
                params.put("p" + i, Integer.toString(i));
            }
            server.requests.clear();
            t.logBatch(run.runId(), many, params, Map.of());
            assertEquals(2 + 3, server.requests.stream().filter(r -> r.path().endsWith("/runs/log-batch")).count());
            assertEquals(2500, steps(run.runId(), "loss").size());
            assertEquals(150, server.runParams.get(run.runId()).size());
        }
    }

    @Test
    void artifactsGoThroughTheArtifactProxy() throws Exception {
        try (RestTracker t = tracker(tmp.resolve("buf"))) {
            RunInfo run = t.startRun(new RunSpec("chordflow", "eval", null, Map.of()));
            assertTrue(run.artifactUri().startsWith("mlflow-artifacts:/"), run.artifactUri());
            Path report = tmp.resolve("report.txt");
            Files.writeString(report, "majmin 0.8");
            t.logArtifact(run.runId(), report, "reports");
            String base = run.experimentId() + "/" + run.runId() + "/artifacts";
            assertArrayEquals("majmin 0.8".getBytes(StandardCharsets.UTF_8),
                    server.artifacts.get(base + "/reports/report.txt"));

            Path model = tmp.resolve("model");
            Files.createDirectories(model);
            Files.writeString(model.resolve("model.json"), "{}");
            String uri = t.logArtifacts(run.runId(), model, "model");
            assertEquals(run.artifactUri() + "/model", uri);
            assertTrue(server.artifacts.containsKey(base + "/model/model.json"));
            assertTrue(server.artifacts.containsKey(base + "/model/_SUCCESS.json"));
        }
    }

    @Test
    void registryThroughRestPaths() {
        try (RestTracker t = tracker(tmp.resolve("buf"))) {
            ModelRegistry reg = t.registry();
            ModelVersion v1 = reg.register("btc", "s3://mlflow/1/r/artifacts/model", "r1", Map.of("metric.root", "0.8"));
            ModelVersion v2 = reg.register("btc", "s3://mlflow/1/r2/artifacts/model", "r2", Map.of());
            assertEquals("1", v1.version());
            assertEquals("2", v2.version());
            reg.setAlias("btc", ModelRegistry.CHALLENGER, "2");
            assertEquals("s3://mlflow/1/r2/artifacts/model", reg.resolve("models:/btc@challenger").source());
            assertEquals("0.8", reg.resolve("models:/btc/1").tags().get("metric.root"));
            assertTrue(reg.byAlias("btc", "champion").isEmpty());
            reg.setVersionTag("btc", "1", "note", "n");
            assertEquals("n", reg.version("btc", "1").tags().get("note"));
            assertEquals(Map.of("challenger", "2"), reg.list().get(0).aliases());
            assertEquals(List.of("challenger"), reg.list().get(0).versions().get(1).aliases());
        }
        assertTrue(server.requests.stream().anyMatch(r -> r.path().endsWith("/registered-models/create")));
        assertTrue(server.requests.stream().anyMatch(r -> r.path().endsWith("/model-versions/create")));
        assertTrue(server.requests.stream().anyMatch(r -> r.path().endsWith("/registered-models/alias")));
    }

    @Test
    void promotionRulesOnTheRestRegistry() throws Exception {
        PromotionTest.promotionRules(() -> tracker(tmp.resolve("buf")));
    }

    @Test
    void serverDownThenUpLosesNothingAndLogsNothingTwice() throws Exception {
        Path buffer = tmp.resolve("buf");
        try (RestTracker t = tracker(buffer)) {
            RunInfo run = t.startRun(new RunSpec("chordflow", "train", null, Map.of()));
            t.logMetric(run.runId(), "loss", 1.0, 0);

            server.stop();
            for (int step = 1; step <= 4; step++) {
                t.logMetric(run.runId(), "loss", 1.0 / (step + 1), step); // keeps working
            }
            t.logParams(run.runId(), Map.of("epochs", "4"));
            // a run started while the server is down gets a temporary id
            RunInfo offline = t.startRun(new RunSpec("chordflow", "evaluate", run.runId(), Map.of()));
            assertTrue(offline.runId().startsWith("offline-"));
            t.logMetric(offline.runId(), "mirex", 0.7, 0);
            t.endRun(offline.runId(), RunStatus.FINISHED);
            t.endRun(run.runId(), RunStatus.FINISHED);
            assertEquals(List.of(0L), steps(run.runId(), "loss"));
            assertEquals(9, t.pending()); // 4 metrics, params, create, metric, 2 ends
            assertTrue(Files.exists(t.bufferFile()));

            server.start();
            assertTrue(t.flush());
            assertEquals(0, t.pending());
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), steps(run.runId(), "loss"));
            assertEquals("4", server.runParams.get(run.runId()).get("epochs"));
            assertEquals("FINISHED", server.runInfos.get(run.runId()).get("status").asText());
            String realChild = server.runInfos.keySet().stream().filter(id -> !id.equals(run.runId())).findFirst()
                    .orElseThrow();
            assertEquals(run.runId(), server.runTags.get(realChild).get(Tags.PARENT_RUN_ID));
            assertEquals(List.of(0L), steps(realChild, "mirex"));
            assertEquals("FINISHED", server.runInfos.get(realChild).get("status").asText());
            assertEquals(realChild, t.getRun(offline.runId()).runId());
            assertFalse(Files.exists(t.bufferFile()));

            t.logMetric(run.runId(), "loss", 0.1, 5); // back to direct calls
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), steps(run.runId(), "loss"));
        }
    }

    @Test
    void aProcessThatEndsWhileTheServerIsDownIsReplayedByTheNextOne() throws Exception {
        Path buffer = tmp.resolve("buf");
        String runId;
        try (RestTracker first = tracker(buffer)) {
            runId = first.startRun(new RunSpec("chordflow", "features", null, Map.of())).runId();
            server.stop();
            first.logMetric(runId, "frames", 10, 0);
            first.endRun(runId, RunStatus.FINISHED);
        } // closes with the server down: the buffer stays on disk
        server.start();
        try (RestTracker second = tracker(buffer)) {
            assertEquals(2, second.pending());
            assertTrue(second.flush());
        }
        assertEquals(List.of(0L), steps(runId, "frames"));
        assertEquals("FINISHED", server.runInfos.get(runId).get("status").asText());
        try (var files = Files.list(buffer)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".jsonl")).toList());
        }
    }

    @Test
    void rejectsCallsTheServerWouldReject() {
        // the fake server's own check: an unknown field is a violation (guards the checker itself)
        try (RestTracker t = tracker(tmp.resolve("buf"))) {
            ObjectNode bad = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("nme", "x");
            try {
                org.mlflow.tracking.MlflowClient c = new org.mlflow.tracking.MlflowClient(new BasicMlflowHostCreds(server.uri()));
                c.sendPost("registered-models/create", bad.toString());
            } catch (RuntimeException expected) {
                // 400 from the server
            }
        }
        // (the Java client itself re-sends a rejected POST a few times)
        assertFalse(server.violations().isEmpty());
        assertTrue(server.violations().stream().allMatch(v -> v.contains("Cannot find field: nme")), server.violations().toString());
        server.violations.clear();
    }
}
