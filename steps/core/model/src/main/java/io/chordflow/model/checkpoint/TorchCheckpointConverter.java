package io.chordflow.model.checkpoint;

import io.chordflow.common.checkpoint.CheckpointConverter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code .pt}/{@code .pth} model reference ({@code teacher.uri}, {@code --model}, {@code --teacher})
 * converted on the fly with {@link CheckpointImport}'s defaults: BTC, sizes from the tensors, 4 heads,
 * 108-frame windows, vocabulary from the class count, the checkpoint's own mean/std. Other sizes need
 * {@code chordflow import-model}.
 */
public final class TorchCheckpointConverter implements CheckpointConverter {
    @Override
    public String version() {
        return BtcIsmir19.MAPPING_VERSION;
    }

    @Override
    public void convert(Path file, String source, Path out) throws IOException {
        CheckpointImport.convert(file, source, CheckpointImport.Options.defaults(), out);
    }
}
