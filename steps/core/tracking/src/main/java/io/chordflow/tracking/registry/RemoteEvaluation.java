package io.chordflow.tracking.registry;

import io.chordflow.tracking.suite.Suite;
import io.chordflow.tracking.suite.SuiteScores;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluating a champion on a cluster (implemented by chordflow-workflows, found with
 * {@link java.util.ServiceLoader}): returns the scores when the evaluation's output is already
 * there, else renders and submits (or, {@code dryRun}, prints) a one-step Argo workflow that
 * writes it, and returns empty; the promotion is decided on a later call.
 */
public interface RemoteEvaluation {
    /**
     * @param experiment the experiment (name or spec path) whose cluster settings (images, bucket,
     *                   MLflow, service account) the workflow uses
     */
    record Settings(String experiment, String profile, String namespace, boolean dryRun, Map<String, String> env) {
    }

    Optional<SuiteScores> evaluate(ModelVersion champion, Suite suite, Settings settings, PrintWriter out) throws IOException;
}
