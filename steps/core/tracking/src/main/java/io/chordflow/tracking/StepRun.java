package io.chordflow.tracking;

import io.chordflow.common.EnvNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's run, opened from the environment the workflow sets: {@code MLFLOW_RUN_ID} (log into that
 * run), else a new run named after the step in experiment {@code MLFLOW_EXPERIMENT_NAME} (default
 * {@value #DEFAULT_EXPERIMENT}), nested under {@code MLFLOW_PARENT_RUN_ID} when set. Tags come from
 * {@code CHORDFLOW_WORKFLOW}/{@code ARGO_WORKFLOW_NAME}, {@code CHORDFLOW_GIT_COMMIT},
 * {@code CHORDFLOW_IMAGE}, {@code CHORDFLOW_CACHE_KEY}. Closing ends the run FINISHED, or FAILED
 * after {@link #failed()}.
 */
public final class StepRun implements AutoCloseable {
    public static final String DEFAULT_EXPERIMENT = "chordflow";

    private final Tracker tracker;
    private final String runId;
    private RunStatus outcome = RunStatus.FINISHED;

    private StepRun(Tracker tracker, String runId) {
        this.tracker = tracker;
        this.runId = runId;
    }

    /** A step's work inside its run. */
    @FunctionalInterface
    public interface Work {
        int run(StepRun run) throws Exception;
    }

    /**
     * Runs a step's work in its MLflow run (tracker from {@code env}): the run ends FAILED if the
     * work throws, and the step's s3:// outputs ({@code io}, may be null) are committed only when
     * it returns 0.
     */
    public static int execute(Map<String, String> env, String step, Map<String, String> extraTags,
                              io.chordflow.storage.StepIo io, Work work) throws Exception {
        try (Tracker tracker = Trackers.from(env);
             StepRun run = open(tracker, step, env, extraTags)) {
            try {
                int code = work.run(run);
                if (code == 0 && io != null) {
                    io.publish();
                }
                return code;
            } catch (Exception | Error e) {
                run.failed();
                throw e;
            }
        }
    }

    public static StepRun open(Tracker tracker, String step, Map<String, String> env, Map<String, String> extraTags) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.STEP, step);
        putEnv(tags, Tags.WORKFLOW, env, EnvNames.CHORDFLOW_WORKFLOW, EnvNames.ARGO_WORKFLOW_NAME);
        putEnv(tags, Tags.GIT_COMMIT, env, EnvNames.CHORDFLOW_GIT_COMMIT);
        putEnv(tags, Tags.IMAGE, env, EnvNames.CHORDFLOW_IMAGE);
        putEnv(tags, Tags.CACHE_KEY, env, EnvNames.CHORDFLOW_CACHE_KEY);
        tags.put(Tags.SOURCE_NAME, "chordflow " + step);
        tags.putAll(extraTags);
        String existing = env.get(EnvNames.MLFLOW_RUN_ID);
        if (existing != null && !existing.isBlank()) {
            tracker.setTags(existing, tags);
            return new StepRun(tracker, existing);
        }
        String experiment = env.getOrDefault(EnvNames.MLFLOW_EXPERIMENT_NAME, DEFAULT_EXPERIMENT);
        String parent = env.get(EnvNames.MLFLOW_PARENT_RUN_ID);
        // a DAG task's name (train-teacher, eval-stage1, ...) tells runs of the same step apart
        String name = env.getOrDefault(EnvNames.CHORDFLOW_TASK, step);
        RunInfo info = tracker.startRun(new RunSpec(experiment, name.isBlank() ? step : name,
                parent == null || parent.isBlank() ? null : parent,
                tags));
        return new StepRun(tracker, info.runId());
    }

    private static void putEnv(Map<String, String> tags, String key, Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                tags.put(key, v);
                return;
            }
        }
    }

    public String runId() {
        return runId;
    }

    public Tracker tracker() {
        return tracker;
    }

    public void logParams(Map<String, ?> params) {
        Map<String, String> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, String.valueOf(v)));
        tracker.logParams(runId, p);
    }

    public void logMetric(String key, double value, long step) {
        tracker.logMetric(runId, key, value, step);
    }

    public void logMetrics(Map<String, ? extends Number> values, long step) {
        long now = System.currentTimeMillis();
        List<Metric> ms = new ArrayList<>();
        values.forEach((k, v) -> ms.add(new Metric(k, v.doubleValue(), now, step)));
        tracker.logBatch(runId, ms, Map.of(), Map.of());
    }

    public void setTags(Map<String, String> tags) {
        tracker.setTags(runId, tags);
    }

    public void logArtifact(Path file, String artifactPath) throws IOException {
        tracker.logArtifact(runId, file, artifactPath);
    }

    public String logArtifacts(Path dir, String artifactPath) throws IOException {
        return tracker.logArtifacts(runId, dir, artifactPath);
    }

    /** Marks the run FAILED when it is closed. */
    public void failed() {
        outcome = RunStatus.FAILED;
    }

    @Override
    public void close() {
        tracker.endRun(runId, outcome);
    }
}
