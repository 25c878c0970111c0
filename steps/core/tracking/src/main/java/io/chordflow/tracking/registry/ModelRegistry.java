package io.chordflow.tracking.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MLflow's model registry, used with aliases ({@code challenger}, {@code champion}) rather than the
 * deprecated stages.
 */
public interface ModelRegistry {
    String CHALLENGER = "challenger";
    String CHAMPION = "champion";

    /** Registers a new version of {@code name} (creating the model if missing) with {@code source} and tags. */
    ModelVersion register(String name, String source, String runId, Map<String, String> tags);

    /**
     * Gives a newly registered version its alias: {@code alias} itself, except {@code champion},
     * which goes through the promotion rule ({@link Promoter#assign}).
     */
    default Assignment assign(String name, String version, String alias) throws java.io.IOException {
        return Promoter.assign(this, name, version, alias);
    }

    /** Points {@code alias} at {@code version} (moving it from any other version). */
    void setAlias(String name, String alias, String version);

    Optional<ModelVersion> byAlias(String name, String alias);

    /** The version, or an {@link io.chordflow.common.InputException} naming model and version. */
    ModelVersion version(String name, String version);

    void setVersionTag(String name, String version, String key, String value);

    List<RegisteredModel> list();

    /** Resolves {@code models:/NAME@ALIAS} or {@code models:/NAME/VERSION} to the version. */
    default ModelVersion resolve(String modelUri) {
        ModelUri u = ModelUri.parse(modelUri);
        if (u.alias() != null) {
            return byAlias(u.name(), u.alias()).orElseThrow(() -> new io.chordflow.common.InputException(
                    modelUri + ": model '" + u.name() + "' has no alias '" + u.alias() + "'"));
        }
        return version(u.name(), u.version());
    }
}
