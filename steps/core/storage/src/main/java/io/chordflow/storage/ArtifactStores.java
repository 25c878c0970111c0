package io.chordflow.storage;

import io.chordflow.common.InputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The store for any URI: local paths go to {@link LocalStore}, {@code s3://} to an {@link S3Store}
 * configured from the environment when first needed (a purely local run needs no S3 settings).
 */
public final class ArtifactStores implements ArtifactStore {
    private final ArtifactStore local = new LocalStore();
    private final Supplier<ArtifactStore> s3Factory;
    private ArtifactStore s3;

    private ArtifactStores(Supplier<ArtifactStore> s3Factory) {
        this.s3Factory = s3Factory;
    }

    public static ArtifactStore fromEnvironment() {
        return from(System.getenv());
    }

    public static ArtifactStore from(Map<String, String> env) {
        return new ArtifactStores(() -> new S3Store(S3Settings.from(env)));
    }

    /** Routes {@code s3://} to {@code s3} and everything else to the local file system. */
    public static ArtifactStore with(ArtifactStore s3) {
        return new ArtifactStores(() -> s3);
    }

    /** A user-supplied location as a URI: {@code s3://...} and {@code file:...} as given, else a path. */
    public static URI uri(String text) {
        if (text == null || text.isBlank()) {
            throw new InputException("artifact location: empty");
        }
        StorageUri u = StorageUri.parse(text);
        return u.toUri();
    }

    private synchronized ArtifactStore route(URI uri) {
        if (StorageUri.parse(uri).kind() == StorageUri.Kind.LOCAL) {
            return local;
        }
        if (s3 == null) {
            s3 = s3Factory.get();
        }
        return s3;
    }

    @Override
    public void put(Path file, URI dest) throws IOException {
        route(dest).put(file, dest);
    }

    @Override
    public void get(URI src, Path file) throws IOException {
        route(src).get(src, file);
    }

    @Override
    public Optional<byte[]> read(URI src) throws IOException {
        return route(src).read(src);
    }

    @Override
    public void write(byte[] content, URI dest) throws IOException {
        route(dest).write(content, dest);
    }

    @Override
    public List<String> list(URI prefix) throws IOException {
        return route(prefix).list(prefix);
    }

    @Override
    public void delete(URI uri) throws IOException {
        route(uri).delete(uri);
    }

    @Override
    public String toString() {
        return "ArtifactStores[local, s3=" + (s3 == null ? "not configured yet" : s3) + "]";
    }
}
