package io.chordflow.steps.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The step's only I/O edge: where audio comes from and where features go. Everything else sees local paths.
 * {@link LocalFeaturesIo} serves plain folders; an S3 variant (storage module) fetches inputs to a cache and
 * publishes the output folder when {@link #finish()} is called.
 */
interface FeaturesIo {
    /** Relative paths (forward slashes, sorted) of the audio files under the input. */
    List<String> listAudio() throws IOException;

    /** A local, readable copy of the input at {@code rel}. */
    Path input(String rel) throws IOException;

    /** The local output folder the step writes into. */
    Path outputDir();

    /** Called once at the end, after every output file is written. */
    void finish() throws IOException;
}
