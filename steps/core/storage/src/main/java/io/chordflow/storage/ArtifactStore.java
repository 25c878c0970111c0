package io.chordflow.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Files and step outputs addressed by URI ({@code s3://bucket/key}, {@code file://} or a path).
 *
 * <p>Step outputs are folders published with {@link #publish}: data first, then the commit marker
 * {@link Manifest#FILE_NAME} last. Readers ({@link #fetch}, {@link #isCommitted}) only accept
 * committed outputs. Publishing is idempotent: publishing the same folder to the same URI again
 * (an Argo retry) leaves exactly one committed copy, with no stray files of the failed attempt.
 *
 * <p>Implementations retry transient errors with backoff and never put credentials into logs,
 * exception messages or {@code toString}.
 */
public interface ArtifactStore {
    /** Uploads one file, streaming (large files go up in parts, never whole in memory). */
    void put(Path file, URI dest) throws IOException;

    /** Downloads one object to {@code file} (written to a temporary sibling, then renamed). */
    void get(URI src, Path file) throws IOException;

    /** Reads a small object whole (markers, metrics); empty if it does not exist. */
    Optional<byte[]> read(URI src) throws IOException;

    /** Writes a small object whole. */
    void write(byte[] content, URI dest) throws IOException;

    /** Relative keys of every object below {@code prefix}, recursively, sorted. */
    List<String> list(URI prefix) throws IOException;

    /** Deletes one object; no error if it is absent. */
    void delete(URI uri) throws IOException;

    /** Publishes {@code localDir} as a committed output at {@code dest}; returns its manifest. */
    default Manifest publish(Path localDir, URI dest) throws IOException {
        return new Publication(this).publish(localDir, dest);
    }

    /** Downloads a committed output into {@code localDir}, verifying every file's hash and size. */
    default Manifest fetch(URI src, Path localDir) throws IOException {
        return new Publication(this).fetch(src, localDir);
    }

    /** True when {@code uri} holds a committed output (its marker exists and parses). */
    default boolean isCommitted(URI uri) throws IOException {
        return manifest(uri).isPresent();
    }

    /** The commit manifest of the output at {@code uri}, if it is committed. */
    default Optional<Manifest> manifest(URI uri) throws IOException {
        URI marker = StorageUri.parse(uri).child(Manifest.FILE_NAME).toUri();
        Optional<byte[]> bytes = read(marker);
        return bytes.map(b -> Manifest.parse(b, marker.toString()));
    }
}
