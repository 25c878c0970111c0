package io.chordflow.tracking;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a new run is: its experiment (by name, created if missing), run name, optional parent run
 * (MLflow shows the run nested under it via the {@value Tags#PARENT_RUN_ID} tag) and tags.
 */
public record RunSpec(String experimentName, String runName, String parentRunId, Map<String, String> tags) {
    public RunSpec {
        if (experimentName == null || experimentName.isBlank()) {
            throw new IllegalArgumentException("experiment name is required");
        }
        tags = Map.copyOf(new TreeMap<>(tags == null ? Map.of() : tags));
    }
}
