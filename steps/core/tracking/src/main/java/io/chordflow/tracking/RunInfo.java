package io.chordflow.tracking;

/** A run's identity and where its artifacts go ({@code artifactUri} is null for a run not yet created on a server). */
public record RunInfo(String runId, String experimentId, String runName, RunStatus status, String artifactUri) {
}
