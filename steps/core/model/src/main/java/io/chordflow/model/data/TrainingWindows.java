package io.chordflow.model.data;

import java.util.Iterator;
import java.util.List;

/**
 * Where a training run's batches come from: the windows of each epoch in their seeded order, and
 * the validation windows. Two implementations share the batch code ({@link Batch#of}): the
 * in-memory one (every song loaded; {@code train.MemoryWindows}) and the streamed one (songs read
 * window by window from shards; {@code data.stream.StreamedWindows}).
 *
 * <p>Position: an epoch's batches are a function of (seed, epoch); {@link Slice#cursor} counts the
 * windows of the epoch's order consumed so far (skipped ones included), so a run resumed with
 * {@code epoch(e, cursor)} goes on with exactly the windows it had not seen.
 */
public interface TrainingWindows {
    /** Windows per epoch (the last batch of an epoch may be short). */
    long windowsPerEpoch();

    /** Classes of the targets. */
    int classes();

    /** Whether there are validation songs. */
    boolean hasValidation();

    /** What identifies the data in a run's identity: a checkpoint made on other data is not resumed. */
    String fingerprint();

    /**
     * The batches of {@code epoch}, starting after {@code cursor} windows of its order (0: from the
     * start) for the memory source's {@code batchIndex * batchSize}.
     */
    Batches epoch(int epoch, long cursor, int batchSize);

    /** The validation windows (non-overlapping, song after song) in batches. */
    Batches validation(int batchSize);

    /** A batch's windows over {@code tracks}; {@code cursor}: windows of the epoch's order consumed after it. */
    record Slice(List<Track> tracks, List<Window> windows, long cursor) {
    }

    /** Batches in order; close releases a background reader. */
    interface Batches extends Iterator<Slice>, AutoCloseable {
        @Override
        void close();

        /** A list as batches (no background work). */
        static Batches of(Iterator<Slice> it) {
            return new Batches() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Slice next() {
                    return it.next();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
