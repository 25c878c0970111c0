package io.chordflow.model.data.stream;

import io.chordflow.common.Seeds;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.TrainingWindows;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.Window;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Training windows read from a {@link SongStore} as they are needed: memory holds the window
 * order's buffer of keys ({@code buffer} longs), the batches a background thread has made ahead
 * ({@code prefetch}), and whatever the store caches; not the songs. The order is
 * {@link StreamOrder}'s (shards shuffled per epoch, then windows through a bounded shuffle
 * buffer), a function of (seed, epoch), so the same seed gives the same batches and a resumed run
 * skips exactly the windows it had seen.
 *
 * <p>Paper 2's {@code mix_ratio}: pseudo-labelled and labelled songs get an order each (streams
 * {@code pseudo} and {@code labeled}) that runs on from epoch to epoch, so every window of a side
 * comes once before any comes twice; an epoch has as many windows as both sides together,
 * {@code round(ratio * N)} (at least 1 and at most N-1) of them pseudo-labelled, the place of each
 * drawn without replacement ({@code stream-mix/EPOCH}). A window of a corrupt shard is skipped (the
 * store reports the shard once) and the batch filled from the next windows, so such an epoch is shorter.
 */
public final class StreamedWindows implements TrainingWindows {
    /** Default shuffle buffer: 4,096 windows (32 KiB of keys; a window is drawn on average that many windows after it entered). */
    public static final int DEFAULT_BUFFER = 4096;
    /** Default batches made ahead. */
    public static final int DEFAULT_PREFETCH = 4;

    private final SongStore store;
    private final int[] train;
    private final int[] val;
    private final int window;
    private final long seed;
    private final int prefetch;
    private final StreamOrder all;
    private final StreamOrder pseudo;
    private final StreamOrder labeled;
    private final int nPseudo;

    /**
     * @param train store indices of the training songs (visited in this order inside a shard)
     * @param val   store indices of the validation songs
     */
    public StreamedWindows(SongStore store, int[] train, int[] val, int window, int stride, Double mixRatio, long seed,
                           int buffer, int prefetch) {
        if (train.length == 0) {
            throw new IllegalArgumentException("no training songs");
        }
        this.store = store;
        this.train = train.clone();
        this.val = val.clone();
        this.window = window;
        this.seed = seed;
        this.prefetch = prefetch;
        int[] frames = new int[store.size()];
        int[] groupOf = new int[store.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = store.frames(i);
            groupOf[i] = store.group(i);
        }
        this.all = new StreamOrder(train, groupOf, frames, window, stride, buffer, seed, "stream");
        int[] p = IntStream.of(train).filter(store::pseudo).toArray();
        int[] l = IntStream.of(train).filter(i -> !store.pseudo(i)).toArray();
        if (mixRatio != null && p.length > 0 && l.length > 0) {
            pseudo = new StreamOrder(p, groupOf, frames, window, stride, buffer, seed, "pseudo");
            labeled = new StreamOrder(l, groupOf, frames, window, stride, buffer, seed, "labeled");
            long total = all.total();
            nPseudo = (int) Math.max(1, Math.min(total - 1, Math.round(mixRatio * total)));
        } else {
            if (mixRatio != null) {
                org.slf4j.LoggerFactory.getLogger(StreamedWindows.class).warn("mix_ratio {} ignored: the training songs are all {}",
                        mixRatio, p.length == 0 ? "labelled" : "pseudo-labelled");
            }
            pseudo = null;
            labeled = null;
            nPseudo = 0;
        }
    }

    /** Training and validation songs as {@code TrackLoader.Split} draws them from the same ids: store indices. */
    public record Split(int[] train, int[] val) {
        public static Split of(SongStore store, double valFraction, long seed) {
            List<List<Integer>> p = io.chordflow.model.data.TrackLoader.Split.bySet(
                    IntStream.range(0, store.size()).boxed().toList(), store::id, valFraction, seed);
            return new Split(p.get(0).stream().mapToInt(Integer::intValue).toArray(),
                    p.get(1).stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** The normalisation over the training songs from the store's per-song sums (as {@link Normalization#of}, summed per song). */
    public Normalization normalization() throws IOException {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int s : train) {
            double[] v = store.featureSums(s);
            sum += v[0];
            sq += v[1];
            n += (long) v[2];
        }
        return Normalization.of(sum, sq, n);
    }

    /** Frames (or probability mass) per class over the training songs, read song by song (for {@code class_balance}). */
    public double[] classCounts() throws IOException {
        double[] n = new double[store.classes()];
        for (int s : train) {
            Track t = store.window(s, 0, store.frames(s));
            if (t != null) {
                n = add(n, io.chordflow.model.loss.ClassWeights.counts(List.of(t), n.length));
            }
        }
        return n;
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    public int trainSongs() {
        return train.length;
    }

    public int valSongs() {
        return val.length;
    }

    @Override
    public long windowsPerEpoch() {
        return all.total();
    }

    @Override
    public int classes() {
        return store.classes();
    }

    @Override
    public boolean hasValidation() {
        return val.length > 0;
    }

    @Override
    public String fingerprint() {
        return "stream|" + all.total() + "|" + train.length + "|" + val.length + "|" + store.groups();
    }

    /** The keys of one epoch in order, without data: the mixed or the plain order. */
    interface Keys {
        boolean hasNext();

        long next();

        long position();
    }

    Keys keys(int epoch) {
        if (pseudo == null) {
            StreamOrder.Cursor c = all.epoch(epoch);
            return new Keys() {
                public boolean hasNext() {
                    return c.hasNext();
                }

                public long next() {
                    return c.next();
                }

                public long position() {
                    return c.position();
                }
            };
        }
        long total = all.total();
        Side p = new Side(pseudo, (long) epoch * nPseudo);
        Side l = new Side(labeled, (long) epoch * (total - nPseudo));
        SplittableRandom r = Seeds.random(seed, "stream-mix/" + epoch);
        return new Keys() {
            long remP = nPseudo;
            long remL = total - nPseudo;

            public boolean hasNext() {
                return remP + remL > 0;
            }

            public long next() {
                if (r.nextLong(remP + remL) < remP) {
                    remP--;
                    return p.next();
                }
                remL--;
                return l.next();
            }

            public long position() {
                return total - remP - remL;
            }
        };
    }

    /** One side of a mix: its order running on across its own epochs, from window {@code offset} of the whole run. */
    private static final class Side {
        private final StreamOrder order;
        private int epoch;
        private StreamOrder.Cursor cursor;

        Side(StreamOrder order, long offset) {
            this.order = order;
            this.epoch = (int) (offset / order.total());
            this.cursor = order.epoch(epoch);
            cursor.skip(offset % order.total());
        }

        long next() {
            if (!cursor.hasNext()) {
                cursor = order.epoch(++epoch);
            }
            return cursor.next();
        }
    }

    @Override
    public Batches epoch(int epoch, long cursor, int batchSize) {
        Keys keys = keys(epoch);
        for (long i = 0; i < cursor && keys.hasNext(); i++) {
            keys.next();
        }
        return new Prefetcher(() -> batch(keys, batchSize), prefetch, "train-data");
    }

    /** The next {@code batchSize} readable windows as one-window tracks; null at the end of the epoch. */
    private Slice batch(Keys keys, int batchSize) throws IOException {
        List<Track> tracks = new ArrayList<>(batchSize);
        List<Window> windows = new ArrayList<>(batchSize);
        while (tracks.size() < batchSize && keys.hasNext()) {
            long key = keys.next();
            Track t = store.window(StreamOrder.song(key), StreamOrder.start(key), window);
            if (t != null) {
                windows.add(new Window(tracks.size(), 0));
                tracks.add(t);
            }
        }
        return tracks.isEmpty() ? null : new Slice(tracks, windows, keys.position());
    }

    @Override
    public Batches validation(int batchSize) {
        long[] keys = validationKeys();
        int[] next = {0};
        Keys k = new Keys() {
            public boolean hasNext() {
                return next[0] < keys.length;
            }

            public long next() {
                return keys[next[0]++];
            }

            public long position() {
                return next[0];
            }
        };
        return new Prefetcher(() -> batch(k, batchSize), prefetch, "val-data");
    }

    /** Non-overlapping windows of the validation songs, song after song (as the in-memory source). */
    private long[] validationKeys() {
        List<Long> out = new ArrayList<>();
        for (int s : val) {
            int f = store.frames(s);
            for (int j = 0, n = StreamOrder.windows(f, window, window); j < n; j++) {
                out.add(((long) s << 32) | StreamOrder.start(f, window, window, j));
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
