package io.chordflow.common.io.shard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where shards are read from: a local folder ({@link #local}) or an object store (the storage
 * module's S3 location, which downloads a data file on first use into a bounded local cache).
 */
public interface ShardLocation {
    /** The index files' paths relative to the location, sorted. */
    List<String> indexes() throws IOException;

    /** A local copy of the index {@code rel}. */
    Path index(String rel) throws IOException;

    /**
     * A local copy of the data file {@code rel}, valid until {@link #release} is called for it; a
     * file the location does not have is an input error.
     */
    Path data(String rel) throws IOException;

    /** The caller no longer reads {@code rel}'s local copy: a cache may evict it. */
    default void release(String rel) throws IOException {
    }

    /** How many data files the caller may keep open at once (what the cache holds). */
    default int openLimit() {
        return 64;
    }

    /** For messages: the folder or URI (no credentials). */
    String describe();

    /** A local folder, read in place. */
    static ShardLocation local(Path dir) {
        return new ShardLocation() {
            @Override
            public List<String> indexes() throws IOException {
                return ShardIndex.find(dir).stream().map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
            }

            @Override
            public Path index(String rel) {
                return dir.resolve(rel);
            }

            @Override
            public Path data(String rel) {
                return dir.resolve(rel);
            }

            @Override
            public String describe() {
                return dir.toString();
            }
        };
    }
}
