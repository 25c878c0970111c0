package io.chordflow.model.io;

import io.chordflow.common.InputException;
import java.net.URI;
import java.nio.file.Path;

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
}
