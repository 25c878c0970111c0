package io.chordflow.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.UnavailableException;
import io.chordflow.storage.LocalStore;
import io.chordflow.tracking.registry.Assignment;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.rest.RestTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * The register step's calls (a run, its model folder, a new version with tags, its alias) made
 * while MLflow is down are buffered with the run's metrics and replayed in order by the next
 * process once the server answers; a replay killed half-way and repeated creates nothing twice.
 */
class RestOfflineRegistryTest {
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

    /** What the register step does, through one tracker, as a process that ends while the server is down. */
    private String registerOffline(Path buffer, String alias, Map<String, String> tags) throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model-" + alias + tags.size()));
        Files.writeString(model.resolve("model.json"), "{}");
        Files.writeString(model.resolve("weights.params"), "w");
        try (RestTracker t = tracker(buffer)) {
            RunInfo run = t.startRun(new RunSpec("chordflow", "register", null, Map.of(Tags.STEP, "register")));
            t.logBatch(run.runId(), List.of(Metric.now("root", 0.8, 0)), Map.of("name", "btc"), Map.of());
            String source = t.logArtifacts(run.runId(), model, "model");
            ModelVersion v = t.registry().register("btc", source, run.runId(), tags);
            assertTrue(v.buffered(), v.version());
            Assignment a = t.registry().assign("btc", v.version(), alias);
            assertTrue(a.message().contains(buffer.toString()) && a.message().contains("replays them in order"), a.message());
            t.endRun(run.runId(), RunStatus.FINISHED);
            return run.runId();
        }
    }

    private void assertBufferEmpty(Path buffer) throws Exception {
        try (var s = Files.walk(buffer)) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".lock")).toList(),
                    "buffer emptied");
        }
    }

    private String onlyRun() {
        assertEquals(1, server.runInfos.size(), "one run: " + server.runInfos.keySet());
        return server.runInfos.keySet().iterator().next();
    }

    @Test
    void aRegistrationMadeWhileTheServerIsDownIsReplayedByTheNextProcess() throws Exception {
        Path buffer = tmp.resolve("buf");
        server.stop();
        String offlineId = registerOffline(buffer, ModelRegistry.CHALLENGER, Map.of("metric.root", "0.8"));
        assertTrue(offlineId.startsWith(Tracker.BUFFERED_PREFIX));
        assertEquals(0, server.requests.size(), "nothing reached the server");
        server.start();
        try (RestTracker next = tracker(buffer)) {
            assertTrue(next.flush());
            String runId = onlyRun();
            assertEquals("FINISHED", server.runInfos.get(runId).get("status").asText());
            assertEquals(offlineId, server.runTags.get(runId).get(Tags.OFFLINE_ID), "the run says it was made offline");
            assertEquals(1, server.versions.get("btc").size());
            ModelVersion v = next.registry().resolve("models:/btc@challenger");
            assertEquals("1", v.version());
            assertEquals(runId, v.runId());
            assertEquals("0.8", v.tags().get("metric.root"));
            String base = server.runInfos.get(runId).get("experiment_id").asText() + "/" + runId + "/artifacts/model";
            assertEquals("mlflow-artifacts:/" + base, v.source(), "the source is where the folder went, as online");
            assertTrue(server.artifacts.containsKey(base + "/weights.params"));
        }
        assertBufferEmpty(buffer);
    }

    @Test
    void aReadWhileTheServerIsDownSaysSoInOneLineAndLeavesNoBufferFolder() {
        Path buffer = tmp.resolve("buf");
        server.stop();
        try (RestTracker t = tracker(buffer)) {
            UnavailableException e = assertThrows(UnavailableException.class, () -> t.registry().list());
            assertTrue(e.getMessage().startsWith("MLflow server ") && e.getMessage().contains("unreachable (")
                    && e.getMessage().contains("reading the model registry needs it"), e.getMessage());
            assertThrows(UnavailableException.class, () -> t.registry().resolve("models:/btc@champion"));
        }
        assertFalse(Files.exists(buffer), "a process that buffered nothing makes no buffer folder");
    }

    @Test
    void championIsDecidedByThePromotionRuleOnReplay() throws Exception {
        Path buffer = tmp.resolve("buf");
        server.stop();
        registerOffline(buffer, ModelRegistry.CHAMPION, Map.of());
        // a second registration without an evaluation suite cannot be compared with the first: challenger
        registerOffline(buffer, ModelRegistry.CHAMPION, Map.of("metric.root", "0.9"));
        server.start();
        try (RestTracker next = tracker(buffer)) {
            assertTrue(next.flush());
            assertEquals("1", next.registry().resolve("models:/btc@champion").version(), "the first becomes champion");
            assertEquals("2", next.registry().resolve("models:/btc@challenger").version());
        }
    }

    /**
     * A replay killed (SIGKILL, a real process) right after the server applied {@code rpc} and
     * before the replaying process noted it: the next replay finds what was made by the tag
     * {@link Tags#OFFLINE_ID} and makes no second run or version.
     */
    @ParameterizedTest
    @ValueSource(strings = {"createRun", "createModelVersion", "setRegisteredModelAlias"})
    void aReplayKilledHalfWayAndRepeatedCreatesNothingTwice(String rpc) throws Exception {
        Path buffer = tmp.resolve("buf");
        server.stop();
        registerOffline(buffer, ModelRegistry.CHALLENGER, Map.of("metric.root", "0.8"));
        server.start();
        var held = server.holdAfter(rpc);
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ReplayChild.class.getName(), server.uri(), buffer.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // a loaded machine may take minutes to start the child: wait while it lives (at most 15 min)
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (!held.await(1, TimeUnit.SECONDS) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, held.getCount(), () -> "the replay never sent " + rpc + " (child alive: " + child.isAlive() + "): " + read(log));
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
            server.release();
        }
        assertTrue(server.requests.stream().anyMatch(r -> r.path().endsWith(path(rpc))), "the server applied " + rpc);
        try (RestTracker next = tracker(buffer)) {
            assertTrue(next.flush());
            String runId = onlyRun();
            assertEquals(1, server.versions.get("btc").size(), "one version");
            ModelVersion v = next.registry().resolve("models:/btc@challenger");
            assertEquals("1", v.version());
            assertEquals(runId, v.runId());
            assertEquals("FINISHED", server.runInfos.get(runId).get("status").asText());
        }
        assertBufferEmpty(buffer);
    }

    private static String path(String rpc) {
        return switch (rpc) {
            case "createRun" -> "/runs/create";
            case "createModelVersion" -> "/model-versions/create";
            default -> "/registered-models/alias";
        };
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** The replaying process a test kills: opens the buffer and replays it. */
    public static final class ReplayChild {
        public static void main(String[] args) {
            try (RestTracker t = new RestTracker(new BasicMlflowHostCreds(args[0]), new LocalStore(), Path.of(args[1]),
                    Clock.systemUTC(), Duration.ZERO)) {
                t.flush();
            }
        }
    }
}
