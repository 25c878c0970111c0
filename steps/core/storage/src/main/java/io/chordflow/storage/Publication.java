package io.chordflow.storage;

import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.progress.Progress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish/fetch protocol on top of any {@link ArtifactStore}'s object operations.
 *
 * <p>Publish: (1) if the destination is already committed with the same manifest, nothing to do;
 * (2) otherwise remove a stale marker first, so a reader never takes old and new files for one
 * output; (3) upload every file; (4) delete objects under the prefix that the manifest does not
 * list (left by a killed earlier attempt); (5) write the marker last. A crash before (5) leaves an
 * uncommitted prefix that readers refuse and the next publish repairs.
 */
final class Publication {
    private static final Logger log = LoggerFactory.getLogger(Publication.class);

    private final ArtifactStore store;

    Publication(ArtifactStore store) {
        this.store = store;
    }

    Manifest publish(Path localDir, URI dest) throws IOException {
        StorageUri root = StorageUri.parse(dest);
        Manifest manifest = Manifest.of(localDir);
        Optional<Manifest> existing = store.manifest(dest);
        if (existing.isPresent() && existing.get().equals(manifest)) {
            log.info("{}: already committed with identical content ({} files), nothing to publish", root,
                    manifest.files().size());
            return manifest;
        }
        URI marker = root.child(Manifest.FILE_NAME).toUri();
        boolean inPlace = root.kind() == StorageUri.Kind.LOCAL
                && root.path().equals(localDir.toAbsolutePath().normalize());
        if (existing.isPresent()) {
            store.delete(marker);
        }
        if (!inPlace) {
            try (Progress progress = new Progress("publish " + root, manifest.totalSize(), "bytes")) {
                for (Manifest.Entry e : manifest.files()) {
                    store.put(localDir.resolve(e.path()), root.child(e.path()).toUri());
                    progress.advance(e.size());
                }
            }
        }
        Set<String> wanted = new HashSet<>();
        manifest.files().forEach(e -> wanted.add(e.path()));
        for (String key : store.list(dest)) {
            if (!wanted.contains(key) && !key.equals(Manifest.FILE_NAME)) {
                log.info("{}: removing '{}' left by an earlier, unfinished publish", root, key);
                store.delete(root.child(key).toUri());
            }
        }
        store.write(manifest.toBytes(), marker);
        log.info("{}: committed {} files, {} bytes", root, manifest.files().size(), manifest.totalSize());
        return manifest;
    }

    Manifest fetch(URI src, Path localDir) throws IOException {
        return fetch(src, localDir, "");
    }

    /**
     * Downloads the files of the committed output at {@code src} whose path starts with
     * {@code prefix} (a sub-folder such as {@code labeled/audio/}, or "" for all), relative to that
     * prefix, verifying each.
     */
    Manifest fetch(URI src, Path localDir, String prefix) throws IOException {
        StorageUri root = StorageUri.parse(src);
        Manifest manifest = store.manifest(src).orElseThrow(() -> new InputException(
                root + ": not a committed output (no " + Manifest.FILE_NAME + "; the step that writes it did not finish)"));
        Path dir = localDir.toAbsolutePath().normalize();
        Path localMarker = dir.resolve(Manifest.FILE_NAME);
        if (prefix.isEmpty() && Files.isRegularFile(localMarker)
                && Manifest.parse(Files.readAllBytes(localMarker), localMarker.toString()).equals(manifest)) {
            return manifest; // already fetched (or src is this very folder)
        }
        try (Progress progress = new Progress("fetch " + root, manifest.totalSize(), "bytes")) {
            for (Manifest.Entry e : manifest.files()) {
                if (!e.path().startsWith(prefix)) {
                    continue;
                }
                Path target = dir.resolve(e.path().substring(prefix.length())).normalize();
                if (!target.startsWith(dir)) {
                    throw new InputException(root + ": manifest path '" + e.path() + "' escapes the output folder");
                }
                store.get(root.child(e.path()).toUri(), target);
                verify(root, e, target);
                progress.advance(e.size());
            }
        }
        if (prefix.isEmpty()) {
            AtomicFiles.write(localMarker, manifest.toBytes());
        }
        return manifest;
    }

    private static void verify(StorageUri root, Manifest.Entry e, Path file) throws IOException {
        long size = Files.size(file);
        if (size != e.size()) {
            throw new StorageException(root + "/" + e.path() + ": size " + size + " differs from the manifest's "
                    + e.size(), false, null);
        }
        String sha = Hashes.sha256(file);
        if (!sha.equals(e.sha256())) {
            throw new StorageException(root + "/" + e.path() + ": sha256 " + sha + " differs from the manifest's "
                    + e.sha256(), false, null);
        }
    }
}
