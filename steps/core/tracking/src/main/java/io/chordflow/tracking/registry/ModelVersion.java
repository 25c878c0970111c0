package io.chordflow.tracking.registry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A registered model version: where the model is ({@code source}), the run that made it, tags and aliases. */
public record ModelVersion(String name, String version, String source, String runId, Map<String, String> tags,
        List<String> aliases, long creationTimestamp) {
    public ModelVersion {
        tags = Map.copyOf(new TreeMap<>(tags == null ? Map.of() : tags));
        aliases = aliases == null ? List.of() : aliases.stream().sorted().toList();
    }

    /** Whether this is a version registered while the server was unreachable, not yet replayed (no number yet). */
    public boolean buffered() {
        return version.startsWith(io.chordflow.tracking.Tracker.BUFFERED_PREFIX);
    }

    public int versionNumber() {
        return Integer.parseInt(version);
    }
}
