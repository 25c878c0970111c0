package io.chordflow.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.storage.LocalStore;
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

/** Folder artifacts (a model, a report folder) logged while MLflow is down are buffered and uploaded on replay, once. */
class RestOfflineArtifactsTest {
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
        return new RestTracker(new BasicMlflowHostCreds(server.uri()), new LocalStore(), buffer, Clock.systemUTC(), Duration.ZERO);
    }

    @Test
    void aFolderLoggedWhileTheServerIsDownIsUploadedByTheNextProcess() throws Exception {
        Path buffer = tmp.resolve("buf");
        Path model = Files.createDirectories(tmp.resolve("model/sub"));
        Files.writeString(model.getParent().resolve("model.json"), "{}");
        Files.writeString(model.resolve("weights.params"), "w");
        String runId;
        String offlineId;
        try (RestTracker t = tracker(buffer)) {
            runId = t.startRun(new RunSpec("chordflow", "register", null, Map.of())).runId();
            server.stop();
            String source = t.logArtifacts(runId, tmp.resolve("model"), "model");
            assertEquals("runs:/" + runId + "/model", source, "a URI that names the run's artifacts");
            RunInfo offline = t.startRun(new RunSpec("chordflow", "compare", runId, Map.of()));
            offlineId = offline.runId();
            t.logArtifacts(offlineId, tmp.resolve("model"), "comparison");
        } // the process ends with the server down
        // the step's own folder is gone by the time the server is back: the buffer holds a copy
        try (var s = Files.walk(tmp.resolve("model"))) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        server.start();
        try (RestTracker next = tracker(buffer)) {
            assertTrue(next.flush());
        }
        String base = server.runInfos.get(runId).get("experiment_id").asText() + "/" + runId + "/artifacts";
        assertArrayEquals("w".getBytes(StandardCharsets.UTF_8), server.artifacts.get(base + "/model/sub/weights.params"));
        assertTrue(server.artifacts.containsKey(base + "/model/model.json"));
        assertTrue(server.artifacts.containsKey(base + "/model/_SUCCESS.json"), "the manifest is uploaded last");
        String child = server.runInfos.keySet().stream().filter(id -> !id.equals(runId)).findFirst().orElseThrow();
        assertTrue(server.artifacts.containsKey(server.runInfos.get(child).get("experiment_id").asText() + "/" + child
                + "/artifacts/comparison/model.json"), "the offline run's folder goes to the run created on replay");
        try (var s = Files.walk(buffer)) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList(),
                    "buffer emptied");
        }
    }
}
