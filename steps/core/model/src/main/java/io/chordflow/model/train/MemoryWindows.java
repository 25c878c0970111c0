package io.chordflow.model.train;

import io.chordflow.common.Seeds;
import io.chordflow.model.data.TrainingWindows;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Every song in memory: the windows of each song every {@code stride} frames ({@link Window#over}),
 * an epoch in the order of a seeded permutation {@code order/EPOCH} over all of them (or paper 2's
 * {@link Trainer.EpochMix} when {@code mix_ratio} is set), validation windows every {@code window}
 * frames. This is the order chordflow has always trained in; small data sets use it.
 */
public final class MemoryWindows implements TrainingWindows {
    private final List<Track> train;
    private final List<Track> val;
    private final int window;
    private final long seed;
    private final List<Window> windows;
    private final Trainer.EpochMix mix;

    public MemoryWindows(List<Track> train, List<Track> val, int window, int stride, Double mixRatio, long seed) {
        this.train = train;
        this.val = val == null ? List.of() : val;
        this.window = window;
        this.seed = seed;
        this.windows = Window.over(train, window, stride);
        this.mix = Trainer.EpochMix.of(train, windows, mixRatio);
    }

    @Override
    public long windowsPerEpoch() {
        return windows.size();
    }

    @Override
    public int classes() {
        return train.get(0).classes();
    }

    @Override
    public boolean hasValidation() {
        return !val.isEmpty();
    }

    @Override
    public String fingerprint() {
        return windows.size() + "|" + train.size() + "|" + val.size();
    }

    public List<Track> train() {
        return train;
    }

    @Override
    public Batches epoch(int epoch, long cursor, int batchSize) {
        List<Window> epochWindows = mix == null ? windows : mix.windows(seed, epoch);
        int[] order = order(epochWindows.size(), epoch);
        return Batches.of(new java.util.Iterator<>() {
            int from = (int) cursor;

            @Override
            public boolean hasNext() {
                return from < order.length;
            }

            @Override
            public Slice next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(order.length, from + batchSize);
                List<Window> out = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    out.add(epochWindows.get(order[i]));
                }
                from = to;
                return new Slice(train, out, to);
            }
        });
    }

    @Override
    public Batches validation(int batchSize) {
        List<Window> vw = Window.over(val, window, window);
        return Batches.of(new java.util.Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < vw.size();
            }

            @Override
            public Slice next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(vw.size(), i + batchSize);
                Slice s = new Slice(val, vw.subList(i, to), to);
                i = to;
                return s;
            }
        });
    }

    /** The seeded permutation {@code order/EPOCH} of {@code n} windows (Fisher-Yates from the end). */
    private int[] order(int n, int epoch) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom r = Seeds.random(seed, "order/" + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }
}
