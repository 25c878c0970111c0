package io.chordflow.tracking.registry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A registered model with its aliases (alias -> version) and versions, newest last. */
public record RegisteredModel(String name, Map<String, String> aliases, List<ModelVersion> versions) {
    public RegisteredModel {
        aliases = Map.copyOf(new TreeMap<>(aliases));
        versions = versions.stream().sorted((a, b) -> Integer.compare(a.versionNumber(), b.versionNumber())).toList();
    }
}
