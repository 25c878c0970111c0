package io.chordflow.model.data.stream;

import io.chordflow.common.InputException;
import io.chordflow.common.io.shard.CorruptShardException;
import io.chordflow.common.io.shard.ShardIndex;
import io.chordflow.common.io.shard.ShardLocation;
import io.chordflow.common.io.shard.ShardReader;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.TrackLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Songs in shards: the features step's {@code features} shards joined by song id with the
 * teacher-inference step's {@code hard} or {@code soft} shards (an A2 copy {@code ID.aug<k>} takes
 * {@code ID}'s targets, as {@link TrackLoader} does). Each feature shard is a group. Nothing is
 * read until a window is asked for; then only that window's rows ({@link ShardReader}), from at
 * most {@link ShardLocation#openLimit()} open shards per location (least recently used closed first,
 * so a bounded download cache can evict them).
 *
 * <p>Bad input: no feature index, or indexes of different feature specs or sizes, is an input
 * error; a song without targets (or with another frame count) is reported and skipped, as
 * {@link TrackLoader} does; a data file that does not match its index (size, header, SHA-256,
 * checked when it is first opened) is reported once and its songs' windows are skipped.
 */
public final class ShardedSongs implements SongStore {
    private static final Logger log = LoggerFactory.getLogger(ShardedSongs.class);

    /** One song: where its features and targets are. */
    private record Song(String id, int frames, int featureShard, ShardIndex.Song features, int targetShard,
                        ShardIndex.Song targets) {
    }

    private final ShardLocation featureLocation;
    private final ShardLocation targetLocation;
    private final List<String> featureFiles = new ArrayList<>();
    private final List<ShardIndex> featureIndexes = new ArrayList<>();
    private final List<String> targetFiles = new ArrayList<>();
    private final List<ShardIndex> targetIndexes = new ArrayList<>();
    private final List<Song> songs = new ArrayList<>();
    private final Map<String, Object> featureSpec;
    private final int featureSize;
    private final int classes;
    private final boolean soft;
    private final boolean asSoft;
    private final boolean pseudo;
    private final String idPrefix;
    private final Map<String, String> bad = new HashMap<>();
    /** Open readers per side (features, targets), least recently used first. */
    private final Map<ShardLocation, LinkedHashMap<String, ShardReader>> open = new HashMap<>();

    private ShardedSongs(ShardLocation features, ShardLocation targets, int featureSize, int classes, boolean soft,
                         boolean asSoft, boolean pseudo, String idPrefix, Map<String, Object> featureSpec) {
        this.featureLocation = features;
        this.targetLocation = targets;
        this.featureSize = featureSize;
        this.classes = classes;
        this.soft = soft;
        this.asSoft = asSoft;
        this.pseudo = pseudo;
        this.idPrefix = idPrefix;
        this.featureSpec = featureSpec;
    }

    /** Whether {@code location} holds shard indexes of {@code kind} ({@code features}, {@code hard}, {@code soft}). */
    public static boolean has(ShardLocation location, String kind) throws IOException {
        for (String rel : location.indexes()) {
            if (ShardIndex.read(location.index(rel)).kind().equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The songs of {@code features} with {@code kind} targets ({@code HARD} or {@code SOFT}) from {@code targets}.
     *
     * @param asSoft   hard targets as one-hot probabilities (a mix with soft-labelled songs)
     * @param idPrefix prefixed to every id (a mix's second set: {@code mix/})
     */
    public static ShardedSongs open(ShardLocation features, ShardLocation targets, TargetKind kind, int featureSize,
                                    int classes, boolean asSoft, String idPrefix) throws IOException {
        if (!kind.pseudo()) {
            throw new IllegalArgumentException("sharded targets are teacher pseudo-labels (hard or soft), not " + kind);
        }
        String targetKind = kind.name().toLowerCase(java.util.Locale.ROOT);
        List<String> fRel = new ArrayList<>();
        List<ShardIndex> fIx = new ArrayList<>();
        for (String rel : features.indexes()) {
            ShardIndex ix = ShardIndex.read(features.index(rel));
            if (ix.kind().equals("features")) {
                if (ix.columns() != featureSize) {
                    throw new InputException(features.describe() + "/" + rel + ": " + ix.columns() + " bins per frame, the model takes "
                            + featureSize);
                }
                if (!fIx.isEmpty() && !java.util.Objects.equals(fIx.get(0).featureSpec(), ix.featureSpec())) {
                    throw new InputException(features.describe() + "/" + rel + ": feature spec " + ix.featureSpec() + " differs from "
                            + fRel.get(0) + "'s " + fIx.get(0).featureSpec());
                }
                fRel.add(rel);
                fIx.add(ix);
            }
        }
        if (fIx.isEmpty()) {
            throw new InputException(features.describe() + ": no features shard index (*" + ShardIndex.SUFFIX + ")");
        }
        ShardedSongs s = new ShardedSongs(features, targets, featureSize, classes, kind == TargetKind.SOFT || asSoft,
                asSoft && kind == TargetKind.HARD, true, idPrefix == null ? "" : idPrefix, fIx.get(0).featureSpec());
        s.featureFiles.addAll(fRel);
        s.featureIndexes.addAll(fIx);
        Map<String, int[]> targetOf = new HashMap<>();
        for (String rel : targets.indexes()) {
            ShardIndex ix = ShardIndex.read(targets.index(rel));
            if (!ix.kind().equals(targetKind)) {
                continue;
            }
            int expected = kind == TargetKind.SOFT ? classes : 1;
            if (ix.columns() != expected) {
                throw new InputException(targets.describe() + "/" + rel + ": " + ix.columns() + " values per frame, expected "
                        + expected + (kind == TargetKind.SOFT ? " classes" : " (a class index)"));
            }
            int t = s.targetIndexes.size();
            s.targetFiles.add(rel);
            s.targetIndexes.add(ix);
            for (int i = 0; i < ix.songs().size(); i++) {
                targetOf.put(ix.songs().get(i).id(), new int[] {t, i});
            }
        }
        if (s.targetIndexes.isEmpty()) {
            throw new InputException(targets.describe() + ": no " + targetKind + " pseudo-label shard index (*"
                    + ShardIndex.SUFFIX + ")");
        }
        int skipped = 0;
        Set<String> seen = new TreeSet<>();
        for (int f = 0; f < fIx.size(); f++) {
            for (ShardIndex.Song song : fIx.get(f).songs()) {
                if (!seen.add(song.id())) {
                    throw new InputException(features.describe() + "/" + fRel.get(f) + ": song " + song.id() + " is in two shards");
                }
                int[] t = targetOf.get(song.id());
                if (t == null) {
                    t = targetOf.get(TrackLoader.cleanId(song.id()));
                }
                if (t == null) {
                    skipped++;
                    log.warn("skipping {}: no {} pseudo-labels in {}", song.id(), targetKind, targets.describe());
                    continue;
                }
                ShardIndex.Song ts = s.targetIndexes.get(t[0]).songs().get(t[1]);
                if (ts.frames() != song.frames()) {
                    skipped++;
                    log.warn("skipping {}: {} frames of pseudo-labels in {}, the features have {}", song.id(), ts.frames(),
                            s.targetFiles.get(t[0]), song.frames());
                    continue;
                }
                s.songs.add(new Song(song.id(), song.frames(), f, song, t[0], ts));
            }
        }
        if (s.songs.isEmpty()) {
            throw new InputException(features.describe() + ": no usable songs (" + skipped + " skipped) with targets in "
                    + targets.describe());
        }
        if (skipped > 0) {
            log.warn("{} of {} songs skipped", skipped, skipped + s.songs.size());
        }
        return s;
    }

    /** The feature spec the shards were written with (as JSON). */
    public Map<String, Object> featureSpec() {
        return featureSpec;
    }

    /**
     * The content identity of the feature shards read ({@code ContentHash.ofFiles} over the data
     * files' paths and SHA-256s from their indexes): for provenance, without reading the data.
     */
    public String featureHash() {
        return hash(featureFiles, featureIndexes);
    }

    /** As {@link #featureHash()}, for the target shards. */
    public String targetHash() {
        return hash(targetFiles, targetIndexes);
    }

    private static String hash(List<String> files, List<ShardIndex> indexes) {
        Map<String, String> sha = new java.util.TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            sha.put(dataRel(files.get(i), indexes.get(i)), indexes.get(i).sha256());
        }
        return io.chordflow.common.io.ContentHash.ofFiles(sha);
    }

    @Override
    public int size() {
        return songs.size();
    }

    @Override
    public String id(int song) {
        return idPrefix + songs.get(song).id();
    }

    @Override
    public int frames(int song) {
        return songs.get(song).frames();
    }

    @Override
    public boolean pseudo(int song) {
        return pseudo;
    }

    @Override
    public int group(int song) {
        return songs.get(song).featureShard();
    }

    @Override
    public int groups() {
        return featureIndexes.size();
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public boolean soft() {
        return soft;
    }

    @Override
    public int featureSize() {
        return featureSize;
    }

    @Override
    public double[] featureSums(int song) throws IOException {
        ShardIndex.Song f = songs.get(song).features();
        if (f.sum() != null && f.sumSq() != null) {
            return new double[] {f.sum(), f.sumSq(), (double) f.frames() * featureSize};
        }
        Track t = window(song, 0, f.frames());
        double sum = 0;
        double sq = 0;
        for (float v : t == null ? new float[0] : t.features()) {
            sum += v;
            sq += (double) v * v;
        }
        return new double[] {sum, sq, t == null ? 0 : t.features().length};
    }

    @Override
    public synchronized Track window(int song, int start, int length) throws IOException {
        Song s = songs.get(song);
        ShardReader fr = reader(featureLocation, featureFiles.get(s.featureShard()), featureIndexes.get(s.featureShard()));
        ShardReader tr = fr == null ? null
                : reader(targetLocation, targetFiles.get(s.targetShard()), targetIndexes.get(s.targetShard()));
        if (fr == null || tr == null) {
            return null;
        }
        int n = Math.max(0, Math.min(length, s.frames() - start));
        float[] x = new float[n * featureSize];
        fr.read(s.features(), start, n, x, 0);
        Track t;
        if (tr.index().dtype() == io.chordflow.common.io.shard.ShardDType.INT32) {
            int[] y = new int[n];
            tr.read(s.targets(), start, n, y, 0);
            for (int v : y) {
                if (v < 0 || v >= classes) {
                    throw new InputException(targetLocation.describe() + "/" + tr.index().data() + ": song " + s.id() + " label " + v
                            + " outside 0.." + (classes - 1));
                }
            }
            t = new Track(idPrefix + s.id(), x, n, featureSize, y, null, classes, pseudo);
            if (asSoft) {
                t = t.asSoft();
            }
        } else {
            float[] q = new float[n * classes];
            tr.read(s.targets(), start, n, q, 0);
            t = new Track(idPrefix + s.id(), x, n, featureSize, null, q, classes, pseudo);
        }
        return t;
    }

    /** The open reader of a data file, opening (and checking) it on first use; null when it is corrupt. */
    private ShardReader reader(ShardLocation location, String indexRel, ShardIndex ix) throws IOException {
        String rel = dataRel(indexRel, ix);
        String key = location.describe() + "/" + rel;
        if (bad.containsKey(key)) {
            return null;
        }
        LinkedHashMap<String, ShardReader> side = open.computeIfAbsent(location, l -> new LinkedHashMap<>(16, 0.75f, true));
        ShardReader r = side.get(rel);
        if (r != null) {
            return r;
        }
        try {
            r = ShardReader.open(ix, location.data(rel), true);
        } catch (CorruptShardException e) {
            bad.put(key, e.getMessage());
            location.release(rel);
            log.warn("skipping shard {} ({} songs): {}", key, ix.songs().size(), e.getMessage());
            return null;
        }
        side.put(rel, r);
        while (side.size() > Math.max(1, location.openLimit())) {
            var eldest = side.entrySet().iterator().next();
            eldest.getValue().close();
            side.remove(eldest.getKey());
            location.release(eldest.getKey());
        }
        return r;
    }

    /** The data file beside an index, relative to the location. */
    private static String dataRel(String indexRel, ShardIndex ix) {
        int slash = indexRel.lastIndexOf('/');
        return slash < 0 ? ix.data() : indexRel.substring(0, slash + 1) + ix.data();
    }

    /** Shards found corrupt so far, with the reason. */
    public synchronized Map<String, String> corrupt() {
        return Map.copyOf(bad);
    }

    @Override
    public synchronized void close() throws IOException {
        for (LinkedHashMap<String, ShardReader> side : open.values()) {
            for (ShardReader r : side.values()) {
                r.close();
            }
        }
        open.clear();
    }
}
