package io.chordflow.tracking;

import io.chordflow.common.EnvNames;
import io.chordflow.common.cli.Cli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A step's run, opened from the environment the workflow sets: {@code MLFLOW_RUN_ID} (log into that
 * run), else a new run named after the step in experiment {@code MLFLOW_EXPERIMENT_NAME} (default
 * {@value #DEFAULT_EXPERIMENT}), nested under {@code MLFLOW_PARENT_RUN_ID} when set. Tags come from
 * {@code CHORDFLOW_WORKFLOW}/{@code ARGO_WORKFLOW_NAME}, {@code CHORDFLOW_GIT_COMMIT},
 * {@code CHORDFLOW_IMAGE}, {@code CHORDFLOW_CACHE_KEY}. Closing ends the run FINISHED, or FAILED
 * after {@link #failed()}.
 *
 * <p>A run made by {@link #execute} may be opened on its first use rather than at once: the
 * tracker is made and the run started when the step first logs to it (or asks for its id), so a
 * step that stops on bad input first, or has nothing to record, leaves no run behind. Until then
 * {@link #named} and {@link #setTags} shape the run it will be.
 */
public final class StepRun implements AutoCloseable {
    public static final String DEFAULT_EXPERIMENT = "chordflow";

    private final Supplier<Tracker> trackers;
    private final String step;
    private final Map<String, String> env;
    private final Map<String, String> tags;
    private Tracker tracker;
    private String name;
    private String runId;
    private RunStatus outcome = RunStatus.FINISHED;

    /** An open run on a tracker its caller closes. */
    private StepRun(Tracker tracker, String runId) {
        this(null, null, Map.of(), Map.of());
        this.tracker = tracker;
        this.runId = runId;
    }

    /** A run not yet opened: {@code trackers} makes its tracker, which closing the run closes. */
    private StepRun(Supplier<Tracker> trackers, String step, Map<String, String> env, Map<String, String> tags) {
        this.trackers = trackers;
        this.step = step;
        this.env = env;
        this.tags = new LinkedHashMap<>(tags);
    }

    /** A step's work inside its run. */
    @FunctionalInterface
    public interface Work {
        int run(StepRun run) throws Exception;
    }

    /** When a step's run is opened by {@link #execute}. */
    public enum Start {
        /** Before the work: the run spans all of it (training, inference, evaluation). */
        BEFORE_WORK,
        /** When the work first logs to it: nothing is recorded for a step that stops before. */
        ON_FIRST_USE
    }

    /**
     * Runs a step's work in its MLflow run (tracker from {@code env}), opened before the work: the
     * run ends FAILED if the work throws, and the step's s3:// outputs ({@code io}, may be null)
     * are committed only when it returns 0 or 3 (partial: the inputs it skipped are listed).
     */
    public static int execute(Map<String, String> env, String step, Map<String, String> extraTags,
                              io.chordflow.storage.StepIo io, Work work) throws Exception {
        return execute(() -> Trackers.from(env), Start.BEFORE_WORK, env, step, extraTags, io, work);
    }

    /** {@link #execute(Map, String, Map, io.chordflow.storage.StepIo, Work)} with the tracker from {@code trackers}, opened at {@code start}. */
    public static int execute(Supplier<Tracker> trackers, Start start, Map<String, String> env, String step,
                              Map<String, String> extraTags, io.chordflow.storage.StepIo io, Work work) throws Exception {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.STEP, step);
        tags.putAll(extraTags);
        try (StepRun run = new StepRun(trackers, step, env, tags)) {
            if (start == Start.BEFORE_WORK) {
                run.runId();
            }
            try {
                int code = work.run(run);
                if ((code == Cli.OK || code == Cli.PARTIAL) && io != null) {
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

    /** The run's id; opens the run if it is not open yet. */
    public String runId() {
        if (runId == null) {
            Map<String, String> runEnv = env;
            if (name != null) { // the name stands in for the DAG task's (and the step's, in the source name)
                runEnv = new LinkedHashMap<>(env);
                runEnv.put(EnvNames.CHORDFLOW_TASK, name);
            }
            runId = open(tracker(), name == null ? step : name, runEnv, tags).runId;
        }
        return runId;
    }

    /** The run's tracker (made now if it is not yet; the run is not opened by this). */
    public Tracker tracker() {
        if (tracker == null) {
            tracker = trackers.get();
        }
        return tracker;
    }

    /**
     * Before the run is opened: names it {@code name} instead of after its DAG task or step (a
     * gate's run stands for the whole round, {@code round-K}).
     */
    public StepRun named(String name) {
        if (runId != null) {
            throw new IllegalStateException("the run is open already: named() comes before its first use");
        }
        this.name = name;
        return this;
    }

    /**
     * The workflow's run this step's run is nested under ({@code MLFLOW_PARENT_RUN_ID}), where
     * users look first; null when there is none.
     */
    public String parentRunId() {
        String parent = env.get(EnvNames.MLFLOW_PARENT_RUN_ID);
        return parent == null || parent.isBlank() ? null : parent;
    }

    public void logParams(Map<String, ?> params) {
        Map<String, String> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, String.valueOf(v)));
        tracker().logParams(runId(), p);
    }

    public void logMetric(String key, double value, long step) {
        tracker().logMetric(runId(), key, value, step);
    }

    public void logMetrics(Map<String, ? extends Number> values, long step) {
        long now = System.currentTimeMillis();
        List<Metric> ms = new ArrayList<>();
        values.forEach((k, v) -> ms.add(new Metric(k, v.doubleValue(), now, step)));
        tracker().logBatch(runId(), ms, Map.of(), Map.of());
    }

    /** Tags on the run; before it is opened, tags it is opened with. */
    public void setTags(Map<String, String> tags) {
        if (runId == null) {
            this.tags.putAll(tags);
        } else {
            tracker().setTags(runId, tags);
        }
    }

    public void logArtifact(Path file, String artifactPath) throws IOException {
        tracker().logArtifact(runId(), file, artifactPath);
    }

    public String logArtifacts(Path dir, String artifactPath) throws IOException {
        return tracker().logArtifacts(runId(), dir, artifactPath);
    }

    /** Marks the run FAILED when it is closed. */
    public void failed() {
        outcome = RunStatus.FAILED;
    }

    @Override
    public void close() {
        try {
            if (runId != null) {
                tracker.endRun(runId, outcome);
            }
        } finally {
            if (trackers != null && tracker != null) {
                tracker.close();
            }
        }
    }
}
