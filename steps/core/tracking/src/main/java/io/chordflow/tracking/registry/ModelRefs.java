package io.chordflow.tracking.registry;

import io.chordflow.common.InputException;
import io.chordflow.tracking.Tracker;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A step's model option as a local folder: {@code models:/NAME@ALIAS} and {@code models:/NAME/VERSION}
 * resolved through the run's registry, remote sources fetched into the cache, paths used in place.
 * Errors name the option.
 */
public final class ModelRefs {
    private ModelRefs() {
    }

    public static Path local(String ref, String option, Tracker tracker) throws IOException {
        try {
            return ModelResolver.fromEnvironment(tracker.registry()).localPath(ref);
        } catch (InputException e) {
            throw new InputException(option + " " + e.getMessage(), e);
        }
    }
}
