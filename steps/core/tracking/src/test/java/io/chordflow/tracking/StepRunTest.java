package io.chordflow.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.StepIo;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StepRun#execute}: when a step's run is opened, how it ends, and when its outputs are committed. */
class StepRunTest {
    @TempDir
    Path tmp;

    private Map<String, String> env(String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MLFLOW_TRACKING_URI", tmp.resolve("mlruns").toUri().toString(),
                "MLFLOW_EXPERIMENT_NAME", "exp"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** The run folders of the file store: one per run started. */
    private List<Path> runs() throws Exception {
        if (!Files.isDirectory(tmp.resolve("mlruns"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(tmp.resolve("mlruns"))) {
            return s.filter(p -> p.getFileName().toString().equals("meta.yaml") && Files.isDirectory(p.resolveSibling("tags")))
                    .map(Path::getParent).toList();
        }
    }

    private static String tag(Path run, String key) throws Exception {
        return Files.readString(run.resolve("tags").resolve(key));
    }

    @Test
    void aRunOpenedBeforeTheWorkEndsFailedWhenTheWorkThrows() throws Exception {
        assertThrows(InputException.class, () -> StepRun.execute(env(), "train", Map.of(Tags.SEED, "3"), null, run -> {
            throw new InputException("bad");
        }));
        List<Path> runs = runs();
        assertEquals(1, runs.size());
        assertTrue(Files.readString(runs.get(0).resolve("meta.yaml")).contains("status: 4\n"), "FAILED");
        assertEquals("3", tag(runs.get(0), Tags.SEED));
    }

    @Test
    void aRunOpenedOnFirstUseIsNotThereWhenTheWorkStopsBeforeIt() throws Exception {
        Map<String, String> env = env();
        assertThrows(InputException.class, () -> StepRun.execute(() -> Trackers.from(env), StepRun.Start.ON_FIRST_USE, env,
                "gate", Map.of(), null, run -> {
                    throw new InputException("bad");
                }));
        assertEquals(0, StepRun.execute(() -> Trackers.from(env), StepRun.Start.ON_FIRST_USE, env, "gate", Map.of(), null,
                run -> Cli.OK));
        assertFalse(Files.exists(tmp.resolve("mlruns")), "no tracker made, no run started");
    }

    @Test
    void aRunOpenedOnFirstUseTakesTheNameAndTagsGivenBefore() throws Exception {
        Map<String, String> env = env("CHORDFLOW_TASK", "gate-1");
        assertEquals(0, StepRun.execute(() -> Trackers.from(env), StepRun.Start.ON_FIRST_USE, env, "gate",
                Map.of(Tags.SEED, "0"), null, run -> {
                    run.named("round-1").setTags(Map.of("chordflow.round", "1"));
                    run.logMetrics(Map.of("promoted", 1.0), 1);
                    assertThrows(IllegalStateException.class, () -> run.named("round-2"));
                    run.setTags(Map.of("chordflow.late", "yes"));
                    return Cli.OK;
                }));
        List<Path> runs = runs();
        assertEquals(1, runs.size());
        Path run = runs.get(0);
        assertEquals("round-1", tag(run, "mlflow.runName"));
        assertEquals("chordflow round-1", tag(run, "mlflow.source.name"));
        assertEquals("gate", tag(run, Tags.STEP));
        assertEquals("1", tag(run, "chordflow.round"));
        assertEquals("yes", tag(run, "chordflow.late"));
        assertTrue(Files.readString(run.resolve("meta.yaml")).contains("status: 3\n"), "FINISHED");
    }

    @Test
    void theParentRunIsTheWorkflowsWhenSet() throws Exception {
        String[] parent = new String[2];
        StepRun.execute(env(), "compare", Map.of(), null, run -> {
            parent[0] = run.parentRunId();
            return Cli.OK;
        });
        StepRun.execute(env("MLFLOW_PARENT_RUN_ID", "abc"), "compare", Map.of(), null, run -> {
            parent[1] = run.parentRunId();
            return Cli.OK;
        });
        assertNull(parent[0]);
        assertEquals("abc", parent[1]);
    }

    @Test
    void outputsAreCommittedOnSuccessAndOnAPartialRunOnly() throws Exception {
        List<URI> published = new ArrayList<>();
        ArtifactStore store = (ArtifactStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ArtifactStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("publish")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    published.add((URI) args[1]);
                    return null;
                });
        for (int code : new int[] {Cli.OK, Cli.PARTIAL, Cli.BAD_INPUT, Cli.FAILED}) {
            StepIo io = new StepIo(store, tmp.resolve("scratch-" + code));
            assertEquals(code, StepRun.execute(env(), "features", Map.of(), io, run -> {
                Files.writeString(io.output("s3://bkt/out-" + code, "--output").resolve("x"), "x");
                return code;
            }));
        }
        assertEquals(List.of(URI.create("s3://bkt/out-0"), URI.create("s3://bkt/out-3")), published);
    }
}
