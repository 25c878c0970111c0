package io.chordflow.model.io;

import io.chordflow.common.InputException;
import io.chordflow.common.io.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Step inputs and outputs as local paths. Plain paths and {@code file://} URIs are handled here;
 * {@code s3://} and {@code models:/} arrive with the storage module (which downloads to a local
 * folder before the step's core runs), so until then they are reported as unsupported input.
 */
public final class Locations {
    private Locations() {
    }

    public static Path local(String uri, String option) {
        if (uri.startsWith("file:")) {
            return Path.of(URI.create(uri));
        }
        if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*")) {
            throw new InputException(option + ": '" + uri + "': only local paths and file:// URIs are supported by this step build");
        }
        return Path.of(uri);
    }

    /**
     * A content hash of a file or of a folder (sha256 over the sorted relative paths and file
     * hashes), for provenance.
     */
    public static String contentHash(Path p) {
        if (Files.isRegularFile(p)) {
            return Hashes.sha256(p);
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(p)) {
            s.filter(Files::isRegularFile).sorted().forEach(f ->
                    sb.append(p.relativize(f).toString().replace('\\', '/')).append(' ').append(Hashes.sha256(f)).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Hashes.sha256(sb.toString());
    }
}
