package io.chordflow.model.data.stream;

import io.chordflow.model.data.Track;
import java.io.IOException;

/**
 * Songs that training reads window by window instead of whole: in memory ({@link MemorySongs}) or
 * in shards ({@link ShardedSongs}). Songs are numbered 0..size-1; a group is a set of songs stored
 * together (a shard), which the streamed order visits one after another.
 */
public interface SongStore extends AutoCloseable {
    int size();

    String id(int song);

    int frames(int song);

    /** Whether the song's targets are a teacher's pseudo-labels. */
    boolean pseudo(int song);

    /** The song's group, 0..groups-1. */
    int group(int song);

    int groups();

    int classes();

    /** Whether targets are probabilities (else class indices). */
    boolean soft();

    int featureSize();

    /**
     * Frames {@code [start, start + n)} of a song, {@code n = min(length, frames - start)}, with
     * their targets, as a track of {@code n} frames; null when the song's shard turned out corrupt
     * (reported once, then skipped).
     */
    Track window(int song, int start, int length) throws IOException;

    /** {sum, sum of squares, count} of the song's raw feature values. */
    double[] featureSums(int song) throws IOException;

    /** What the in-memory loader would hold for these songs, in bytes (features and targets as float/int arrays). */
    default long bytesInMemory() {
        long bytes = 0;
        for (int i = 0; i < size(); i++) {
            bytes += (long) frames(i) * (featureSize() * 4L + (soft() ? classes() * 4L : 4L));
        }
        return bytes;
    }

    @Override
    default void close() throws IOException {
    }

    /** {@code a}'s songs, then {@code b}'s (groups kept apart). */
    static SongStore concat(SongStore a, SongStore b) {
        return new ConcatSongs(a, b);
    }
}
