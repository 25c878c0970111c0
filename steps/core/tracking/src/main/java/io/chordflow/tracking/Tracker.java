package io.chordflow.tracking;

import io.chordflow.tracking.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where runs are recorded: an MLflow server over REST, or MLflow's own file layout under
 * {@code ./mlruns} (see {@link Trackers#fromEnvironment()}). Both give the same view in the MLflow
 * UI. Calls never block a step on an unreachable server: the REST tracker buffers and replays.
 */
public interface Tracker extends AutoCloseable {
    /** Prefix of the temporary ids of runs and model versions created while the server was unreachable. */
    String BUFFERED_PREFIX = "offline-";

    /** The id of the experiment called {@code name}, created if missing. */
    String experimentId(String name);

    /** Creates a run (status RUNNING) with {@link Tags#RUN_NAME} and, for a child, {@link Tags#PARENT_RUN_ID}. */
    RunInfo startRun(RunSpec spec);

    RunInfo getRun(String runId);

    /** Logs metrics, params and tags in one batch. Params are write-once, as in MLflow. */
    void logBatch(String runId, List<Metric> metrics, Map<String, String> params, Map<String, String> tags);

    default void logMetric(String runId, String key, double value, long step) {
        logBatch(runId, List.of(Metric.now(key, value, step)), Map.of(), Map.of());
    }

    default void logParams(String runId, Map<String, String> params) {
        logBatch(runId, List.of(), params, Map.of());
    }

    default void setTags(String runId, Map<String, String> tags) {
        logBatch(runId, List.of(), Map.of(), tags);
    }

    /** Ends the run with {@code status} and the current time as end time. */
    void endRun(String runId, RunStatus status);

    /** Copies {@code file} into the run's artifact location, under {@code artifactPath} ("" for the root). */
    void logArtifact(String runId, Path file, String artifactPath) throws IOException;

    /** Copies every file of {@code dir} (recursively) under {@code artifactPath}; returns its URI. */
    String logArtifacts(String runId, Path dir, String artifactPath) throws IOException;

    ModelRegistry registry();

    @Override
    void close();
}
