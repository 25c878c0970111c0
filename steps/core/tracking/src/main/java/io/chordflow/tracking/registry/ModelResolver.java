package io.chordflow.tracking.registry;

import io.chordflow.common.EnvNames;
import io.chordflow.common.InputException;
import io.chordflow.common.checkpoint.CheckpointConverter;
import io.chordflow.common.io.Hashes;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.StorageUri;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;

/**
 * Turns a model reference a user or step passes ({@code models:/NAME@ALIAS}, {@code models:/NAME/VERSION},
 * {@code s3://...}, {@code file://...} or a path) into a local folder: registry URIs resolve to the
 * version's source; local sources are used in place; remote ones are fetched (verified against their
 * commit marker) into {@code cacheDir/<sha256 of the URI>}. A PyTorch checkpoint file ({@code .pt}, {@code .pth};
 * path, file:// or s3://) is converted into a model folder by the {@link CheckpointConverter} on the class
 * path, once: {@code cacheDir/imported-<sha256 of the file's sha256 and the converter's version>}.
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
        if (CheckpointConverter.isCheckpoint(uri)) {
            return imported(ref, uri, u);
        }
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

    private Path imported(String ref, String uri, StorageUri u) throws IOException {
        CheckpointConverter converter = CheckpointConverter.find().orElseThrow(() -> new InputException(ref
                + ": a PyTorch checkpoint, but this program cannot convert one (chordflow-model is not on its class path)"));
        Files.createDirectories(cacheDir);
        Path download = null;
        Path work = null;
        try {
            Path file;
            if (u.kind() == StorageUri.Kind.LOCAL) {
                file = u.path();
                if (!Files.isRegularFile(file)) {
                    throw new InputException(ref + " -> " + file + ": checkpoint file does not exist");
                }
            } else {
                download = Files.createTempFile(cacheDir, "download-", ".pt");
                store.get(URI.create(uri), download);
                file = download;
            }
            Path target = cacheDir.resolve("imported-" + Hashes.sha256(Hashes.sha256(file) + " " + converter.version()));
            if (Files.isRegularFile(target.resolve("model.json"))) {
                return target;
            }
            work = Files.createTempDirectory(cacheDir, "import-");
            try {
                converter.convert(file, uri, work);
            } catch (InputException e) {
                throw download == null ? e : new InputException(e.getMessage().replace(download.toString(), uri), e);
            }
            try {
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
                work = null;
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another process converted the same file meanwhile; its folder is the same
            }
            return target;
        } finally {
            if (download != null) {
                Files.deleteIfExists(download);
            }
            if (work != null) {
                try (var s = Files.walk(work)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    public static ModelResolver fromEnvironment(ModelRegistry registry) {
        String cache = System.getenv().getOrDefault(EnvNames.CHORDFLOW_CACHE_DIR,
                System.getProperty("user.home") + "/.cache/chordflow");
        return new ModelResolver(registry, ArtifactStores.fromEnvironment(), Path.of(cache, "models"));
    }
}
