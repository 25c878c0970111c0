package io.chordflow.tracking.registry;

import io.chordflow.common.InputException;
import io.chordflow.common.io.Hashes;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.StorageUri;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a model reference a user or step passes ({@code models:/NAME@ALIAS}, {@code models:/NAME/VERSION},
 * {@code s3://...}, {@code file://...} or a path) into a local folder: registry URIs resolve to the
 * version's source; local sources are used in place; remote ones are fetched (verified against their
 * commit marker) into {@code cacheDir/<sha256 of the URI>}.
 */
public final class ModelResolver {
    private final ModelRegistry registry;
    private final ArtifactStore store;
    private final Path cacheDir;

    public ModelResolver(ModelRegistry registry, ArtifactStore store, Path cacheDir) {
        this.registry = registry;
        this.store = store;
        this.cacheDir = cacheDir;
    }

    /** The artifact URI behind {@code ref} (unchanged unless it is a models:/ URI). */
    public String artifactUri(String ref) {
        return ModelUri.isModelUri(ref) ? registry.resolve(ref).source() : ref;
    }

    public Path localPath(String ref) throws IOException {
        String uri = artifactUri(ref);
        if (uri == null || uri.isBlank()) {
            throw new InputException(ref + ": model version has no source");
        }
        if (uri.startsWith("mlflow-artifacts:")) {
            throw new InputException(ref + " -> " + uri
                    + ": models stored behind the MLflow artifact proxy cannot be fetched; use an s3:// artifact root");
        }
        StorageUri u = StorageUri.parse(uri);
        if (u.kind() == StorageUri.Kind.LOCAL) {
            if (!Files.isDirectory(u.path())) {
                throw new InputException(ref + " -> " + u.path() + ": model folder does not exist");
            }
            return u.path();
        }
        Path target = cacheDir.resolve(Hashes.sha256(uri));
        store.fetch(URI.create(uri), target);
        return target;
    }

    public static ModelResolver fromEnvironment(ModelRegistry registry) {
        String cache = System.getenv().getOrDefault("CHORDFLOW_CACHE_DIR",
                System.getProperty("user.home") + "/.cache/chordflow");
        return new ModelResolver(registry, ArtifactStores.fromEnvironment(), Path.of(cache, "models"));
    }
}
