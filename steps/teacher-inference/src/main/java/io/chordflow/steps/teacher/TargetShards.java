package io.chordflow.steps.teacher;

import io.chordflow.common.InputException;
import io.chordflow.common.io.shard.ShardDType;
import io.chordflow.common.io.shard.ShardIndex;
import io.chordflow.common.io.shard.ShardLocation;
import io.chordflow.common.io.shard.ShardReader;
import io.chordflow.common.io.shard.ShardWriter;
import io.chordflow.model.data.TrackLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --shards}: the songs come from the features step's shards, and their pseudo-labels go to
 * shards aligned with them: feature shard {@code features-J-of-M} gives {@code hard-J-of-M} (int32,
 * one class per frame) and with {@code --soft} {@code soft-J-of-M} (float16 probabilities or logits),
 * same songs, same order, in {@code OUTPUT/stream/}. Aligned, a streamed training reads a song's
 * features and targets from the same pair of shards, which keeps a bounded download cache small.
 */
final class TargetShards {
    static final String DIR = "stream";

    private TargetShards() {
    }

    /** Reads a song's features as rows of {@code bins}. */
    @FunctionalInterface
    interface Features {
        float[][] rows(int bins) throws IOException;
    }

    /** One song to pseudo-label: {@code shard} (-1 for .npy input) of {@code shards} feature shards. */
    record Song(String id, int shard, int shards, Features source) {
        float[][] features(int bins) throws IOException {
            return source.rows(bins);
        }
    }

    /** The feature shard indexes of {@code location} (kind {@code features}), by path; an input error when there are none. */
    private static List<String> featureIndexes(ShardLocation location) throws IOException {
        List<String> out = new ArrayList<>();
        for (String rel : location.indexes()) {
            if (ShardIndex.read(location.index(rel)).kind().equals("features")) {
                out.add(rel);
            }
        }
        if (out.isEmpty()) {
            throw new InputException(location.describe() + ": --shards needs the features step's shards (run features with --shards)");
        }
        return out;
    }

    private static String dataRel(String indexRel, ShardIndex ix) {
        int slash = indexRel.lastIndexOf('/');
        return slash < 0 ? ix.data() : indexRel.substring(0, slash + 1) + ix.data();
    }

    /** The data files of this run's feature shards (J mod count == index). */
    static List<String> dataFiles(ShardLocation location, int index, int count) throws IOException {
        List<String> indexes = featureIndexes(location);
        List<String> out = new ArrayList<>();
        for (int j = index; j < indexes.size(); j += count) {
            out.add(dataRel(indexes.get(j), ShardIndex.read(location.index(indexes.get(j)))));
        }
        return out;
    }

    /** The content identity of this run's feature shards (paths and SHA-256s from their indexes), for provenance. */
    static String hash(ShardLocation location, int index, int count) throws IOException {
        List<String> indexes = featureIndexes(location);
        java.util.Map<String, String> sha = new java.util.TreeMap<>();
        for (int j = index; j < indexes.size(); j += count) {
            ShardIndex ix = ShardIndex.read(location.index(indexes.get(j)));
            sha.put(dataRel(indexes.get(j), ix), ix.sha256());
        }
        return io.chordflow.common.io.ContentHash.ofFiles(sha);
    }

    /**
     * The songs of the feature shards {@code J} with {@code J mod count == index}, in shard then index order;
     * a shard's data file is fetched (from {@code s3://}) when its first song is read.
     */
    static List<Song> songs(ShardLocation location, int index, int count, boolean cleanOnly) throws IOException {
        List<String> indexes = featureIndexes(location);
        List<Song> out = new ArrayList<>();
        for (int j = index; j < indexes.size(); j += count) {
            ShardIndex ix = ShardIndex.read(location.index(indexes.get(j)));
            String rel = dataRel(indexes.get(j), ix);
            String where = location.describe() + "/" + indexes.get(j);
            for (ShardIndex.Song s : ix.songs()) {
                if (cleanOnly && !TrackLoader.cleanId(s.id()).equals(s.id())) {
                    continue;
                }
                out.add(new Song(s.id(), j, indexes.size(), bins -> {
                    if (ix.columns() != bins) {
                        throw new InputException(where + ": " + ix.columns() + " bins per frame, the teacher takes " + bins);
                    }
                    float[] flat = new float[s.frames() * bins];
                    try (ShardReader r = ShardReader.open(ix, location.data(rel), false)) {
                        r.read(s, 0, s.frames(), flat, 0);
                    }
                    float[][] x = new float[s.frames()][bins];
                    for (int t = 0; t < x.length; t++) {
                        System.arraycopy(flat, t * bins, x[t], 0, bins);
                    }
                    return x;
                }));
            }
        }
        return out;
    }

    /** The open target shards of the current feature shard; a new feature shard finishes them and opens the next. */
    static final class Writers implements AutoCloseable {
        private final Path dir;
        private final boolean soft;
        private final boolean logits;
        private final int classes;
        private int shard = -1;
        private ShardWriter hard;
        private ShardWriter probs;

        Writers(Path out, boolean soft, boolean logits, int classes) {
            this.dir = out.resolve(DIR);
            this.soft = soft;
            this.logits = logits;
            this.classes = classes;
        }

        void add(Song song, int[] labels, float[] softRows) throws IOException {
            if (song.shard() != shard) {
                finish();
                shard = song.shard();
                String suffix = String.format("-%04d-of-%04d", song.shard(), song.shards());
                hard = new ShardWriter(dir, "hard" + suffix, "hard", ShardDType.INT32, 1, null);
                probs = soft ? new ShardWriter(dir, "soft" + suffix, logits ? "logits" : "soft", ShardDType.FLOAT16, classes, null)
                        : null;
            }
            hard.add(song.id(), labels);
            if (probs != null) {
                probs.add(song.id(), softRows);
            }
        }

        /** Publishes the open shards (a skipped song is simply not in them). */
        void finish() throws IOException {
            if (hard != null) {
                hard.finish();
                hard = null;
            }
            if (probs != null) {
                probs.finish();
                probs = null;
            }
        }

        @Override
        public void close() throws IOException {
            if (hard != null) {
                hard.close();
            }
            if (probs != null) {
                probs.close();
            }
        }
    }
}
