package io.chordflow.model.data.stream;

import io.chordflow.common.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The window order of a streamed epoch, computed from song lengths alone (no data read), so a
 * resumed run can skip to any position at the cost of a few random draws per window:
 * <ol>
 *   <li>the groups (shards) in the seeded order {@code NAME/groups/EPOCH};</li>
 *   <li>inside a group, its songs in the given order, each song's windows every {@code stride}
 *       frames as {@link io.chordflow.model.data.Window#over} cuts them;</li>
 *   <li>these enter a buffer of {@code buffer} windows; once it is full, each next window is a
 *       uniform draw from it ({@code NAME/buffer/EPOCH}), replaced by the next incoming window;
 *       at the end the buffer empties in random order.</li>
 * </ol>
 * Every window comes exactly once per epoch. Across the corpus the order is random at the level
 * of shards and, inside the span of about {@code buffer} windows, of windows; a window leaves the
 * buffer after on average {@code buffer} draws, so reads stay within a few neighbouring shards
 * (what a bounded download cache needs). Keys are {@code song << 32 | start}.
 */
final class StreamOrder {
    private final int[][] groups;
    private final int[] frames;
    private final int length;
    private final int stride;
    private final int buffer;
    private final long seed;
    private final String name;
    private final long total;

    /** {@code songs}: store indices of the songs, in the order to visit them inside a group; {@code frames[song]}: lengths by store index. */
    StreamOrder(int[] songs, int[] groupOf, int[] frames, int length, int stride, int buffer, long seed, String name) {
        Map<Integer, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int s : songs) {
            byGroup.computeIfAbsent(groupOf[s], g -> new ArrayList<>()).add(s);
        }
        // groups numbered in order of their id, so the order does not depend on the songs' order
        this.groups = byGroup.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.frames = frames;
        this.length = length;
        this.stride = stride;
        this.buffer = Math.max(1, buffer);
        this.seed = seed;
        this.name = name;
        long t = 0;
        for (int s : songs) {
            t += windows(frames[s], length, stride);
        }
        this.total = t;
    }

    /** Windows per epoch. */
    long total() {
        return total;
    }

    /** The number of windows {@link io.chordflow.model.data.Window#over} cuts from a song of {@code frames}. */
    static int windows(int frames, int length, int stride) {
        if (frames <= length) {
            return 1;
        }
        int k = (frames - length) / stride + 1;
        return (k - 1) * stride + length < frames ? k + 1 : k;
    }

    /** The start of window {@code j} of a song, as {@link io.chordflow.model.data.Window#over} places it. */
    static int start(int frames, int length, int stride, int j) {
        if (frames <= length) {
            return 0;
        }
        int k = (frames - length) / stride + 1;
        return j < k ? j * stride : frames - length;
    }

    static int song(long key) {
        return (int) (key >>> 32);
    }

    static int start(long key) {
        return (int) key;
    }

    Cursor epoch(int epoch) {
        return new Cursor(epoch);
    }

    /** The windows of one epoch in order. */
    final class Cursor {
        private final int[] groupOrder;
        private final SplittableRandom pick;
        private final long[] buf = new long[buffer];
        private int size;
        private int g;
        private int s;
        private int w;
        private long emitted;

        private Cursor(int epoch) {
            groupOrder = new int[groups.length];
            for (int i = 0; i < groupOrder.length; i++) {
                groupOrder[i] = i;
            }
            SplittableRandom r = Seeds.random(seed, name + "/groups/" + epoch);
            for (int i = groupOrder.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = groupOrder[i];
                groupOrder[i] = groupOrder[j];
                groupOrder[j] = t;
            }
            pick = Seeds.random(seed, name + "/buffer/" + epoch);
        }

        boolean hasNext() {
            return emitted < total;
        }

        /** Windows of this epoch taken so far. */
        long position() {
            return emitted;
        }

        long next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            while (size < buf.length && g < groups.length) {
                buf[size++] = incoming();
            }
            int j = pick.nextInt(size);
            long out = buf[j];
            buf[j] = buf[--size];
            emitted++;
            return out;
        }

        /** Skips {@code n} windows (no data is read). */
        void skip(long n) {
            for (long i = 0; i < n && hasNext(); i++) {
                next();
            }
        }

        private long incoming() {
            int[] songs = groups[groupOrder[g]];
            int song = songs[s];
            int f = frames[song];
            long key = ((long) song << 32) | start(f, length, stride, w);
            if (++w == windows(f, length, stride)) {
                w = 0;
                if (++s == songs.length) {
                    s = 0;
                    g++;
                }
            }
            return key;
        }
    }
}
