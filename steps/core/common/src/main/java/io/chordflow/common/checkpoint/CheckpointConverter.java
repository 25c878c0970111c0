package io.chordflow.common.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Turns a model file from elsewhere (a PyTorch checkpoint, {@code .pt}/{@code .pth}) into a chordflow
 * model folder. The model module implements it; the tracking module's model resolver finds it with
 * {@link ServiceLoader} ({@code META-INF/services/io.chordflow.common.checkpoint.CheckpointConverter}),
 * so a step that can load models accepts such a file wherever it takes a model reference, without
 * tracking depending on the model code.
 */
public interface CheckpointConverter {
    /** Changes when a conversion of the same file would give a different folder (part of cache keys). */
    String version();

    /** Converts {@code file} into a new model folder {@code out}; {@code source} is recorded as its origin. */
    void convert(Path file, String source, Path out) throws IOException;

    /** Whether a model reference names a checkpoint file (by its extension). */
    static boolean isCheckpoint(String ref) {
        String r = ref.toLowerCase(Locale.ROOT);
        return r.endsWith(".pt") || r.endsWith(".pth");
    }

    /** The converter on the class path, if any. */
    static Optional<CheckpointConverter> find() {
        return ServiceLoader.load(CheckpointConverter.class).findFirst();
    }
}
