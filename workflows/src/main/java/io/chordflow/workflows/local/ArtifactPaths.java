package io.chordflow.workflows.local;

import io.chordflow.workflows.spec.Uris;
import java.net.URI;
import java.nio.file.Path;

/**
 * The one mapping between artifact URIs and local paths for local runs (KFP's minio:// <->
 * /minio/ pair): {@code s3://BUCKET/KEY} lives at {@code ROOT/BUCKET/KEY}, {@code file://} and
 * plain paths are themselves, registry URIs ({@code models:/...}) pass through unchanged.
 */
public record ArtifactPaths(Path root) {
    public ArtifactPaths {
        root = root.toAbsolutePath().normalize();
    }

    /** The local form of {@code uri} as the step should receive it. */
    public String local(String uri) {
        Path p = path(uri);
        return p == null ? uri : p.toString();
    }

    /** The local path, or null for URIs that are not files (registry URIs). */
    public Path path(String uri) {
        String scheme = Uris.scheme(uri);
        if (scheme == null) {
            return Path.of(uri).toAbsolutePath().normalize();
        }
        return switch (scheme) {
            case "s3" -> {
                Path p = root.resolve(uri.substring("s3://".length())).normalize();
                if (!p.startsWith(root)) {
                    throw new IllegalArgumentException(uri + ": escapes the artifact folder");
                }
                yield p;
            }
            case "file" -> Path.of(URI.create(uri));
            default -> null;
        };
    }

    public boolean owns(Path p) {
        return p.toAbsolutePath().normalize().startsWith(root);
    }
}
