package io.chordflow.storage;

import io.chordflow.common.InputException;
import io.chordflow.common.io.shard.ShardIndex;
import io.chordflow.common.io.shard.ShardLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Shards in an object store, read through a bounded local cache: an index is downloaded once; a
 * data file on its first use, into {@code cache}; at most {@code capacity} data files are kept,
 * and the least recently used one that no reader holds is deleted to make room. Which keys exist is
 * listed once (a data file the listing lacks is an input error, as a missing local file is).
 */
final class S3Shards implements ShardLocation {
    private final ArtifactStore store;
    private final StorageUri root;
    private final Path cache;
    private final int capacity;
    private Set<String> keys;
    private final LinkedHashMap<String, Path> cached = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> inUse = new HashSet<>();
    private long downloads;

    S3Shards(ArtifactStore store, StorageUri root, Path cache, int capacity) {
        this.store = store;
        this.root = root;
        this.cache = cache;
        this.capacity = Math.max(1, capacity);
    }

    private synchronized Set<String> keys() throws IOException {
        if (keys == null) {
            keys = new HashSet<>(store.list(root.toUri()));
        }
        return keys;
    }

    @Override
    public List<String> indexes() throws IOException {
        return keys().stream().filter(k -> k.endsWith(ShardIndex.SUFFIX)).sorted().toList();
    }

    @Override
    public synchronized Path index(String rel) throws IOException {
        Path local = cache.resolve("index").resolve(rel);
        if (!Files.isRegularFile(local)) {
            store.get(root.child(rel).toUri(), local);
        }
        return local;
    }

    @Override
    public synchronized Path data(String rel) throws IOException {
        Path local = cached.get(rel);
        if (local == null) {
            if (!keys().contains(rel)) {
                throw new InputException(root.child(rel) + ": shard data file missing (its index is there)");
            }
            evict(capacity - 1);
            local = cache.resolve("data").resolve(rel);
            store.get(root.child(rel).toUri(), local);
            downloads++;
            cached.put(rel, local);
        }
        inUse.add(rel);
        return local;
    }

    @Override
    public synchronized void release(String rel) throws IOException {
        inUse.remove(rel);
        evict(capacity);
    }

    /** Deletes least recently used files no reader holds until at most {@code keep} are cached. */
    private void evict(int keep) throws IOException {
        var it = cached.entrySet().iterator();
        while (cached.size() > keep && it.hasNext()) {
            var e = it.next();
            if (!inUse.contains(e.getKey())) {
                Files.deleteIfExists(e.getValue());
                it.remove();
            }
        }
    }

    @Override
    public int openLimit() {
        return capacity;
    }

    /** Data files downloaded so far (a file evicted and used again counts twice). */
    synchronized long downloads() {
        return downloads;
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
