package io.chordflow.model.data.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.common.io.shard.ShardDType;
import io.chordflow.common.io.shard.ShardLocation;
import io.chordflow.common.io.shard.ShardWriter;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.TrainingWindows;
import io.chordflow.model.data.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed training data: shards written as the steps write them, read back window by window. */
class StreamedWindowsTest {
    static final int F = 4;
    static final int C = 25;
    static final int LEN = 8;
    static final int STRIDE = 4;

    @TempDir
    Path dir;

    /** Song s: frame t's first bin is {@code s * 1000 + t}, so a window names its song and start; label t % C. */
    static Track song(int s, int frames, boolean pseudo) {
        float[] x = new float[frames * F];
        int[] y = new int[frames];
        for (int t = 0; t < frames; t++) {
            x[t * F] = s * 1000 + t;
            for (int b = 1; b < F; b++) {
                x[t * F + b] = (float) Math.sin(s + t * 0.1 + b);
            }
            y[t] = (s + t) % C;
        }
        return new Track(String.format("song%02d", s), x, frames, F, y, null, C, pseudo);
    }

    static List<Track> songs(int n) {
        List<Track> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            out.add(song(s, 5 + 7 * s % 31, true)); // 5..35 frames: short songs padded, tails
        }
        return out;
    }

    /** Features in {@code shards} shards (song i in shard i mod shards), hard targets in 2 shards grouped otherwise. */
    static void write(Path features, Path targets, List<Track> tracks, int shards) throws Exception {
        for (int k = 0; k < shards; k++) {
            try (ShardWriter w = new ShardWriter(features, String.format("features-%04d-of-%04d", k, shards), "features",
                    ShardDType.FLOAT32, F, Map.of("bins", F))) {
                for (int i = k; i < tracks.size(); i += shards) {
                    w.add(tracks.get(i).id(), tracks.get(i).features());
                }
                w.finish();
            }
        }
        for (int k = 0; k < 2; k++) {
            try (ShardWriter w = new ShardWriter(targets, "hard-" + k, "hard", ShardDType.INT32, 1, null)) {
                for (int i = 0; i < tracks.size(); i++) {
                    if ((i / 3) % 2 == k) {
                        w.add(tracks.get(i).id(), tracks.get(i).hard());
                    }
                }
                w.finish();
            }
        }
    }

    ShardedSongs store(List<Track> tracks, int shards) throws Exception {
        write(dir.resolve("f"), dir.resolve("t"), tracks, shards);
        return ShardedSongs.open(ShardLocation.local(dir.resolve("f")), ShardLocation.local(dir.resolve("t")), TargetKind.HARD,
                F, C, false, null);
    }

    static StreamedWindows windows(SongStore store, long seed, int buffer) {
        StreamedWindows.Split split = StreamedWindows.Split.of(store, 0.2, seed);
        return new StreamedWindows(store, split.train(), split.val(), LEN, STRIDE, null, seed, buffer, 2);
    }

    /** Each batch as its windows' "song:start" names. */
    static List<List<String>> batches(TrainingWindows.Batches it) {
        List<List<String>> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                out.add(names(it.next()));
            }
        }
        return out;
    }

    static List<String> names(TrainingWindows.Slice s) {
        List<String> out = new ArrayList<>();
        for (Window w : s.windows()) {
            Track t = s.tracks().get(w.track());
            int code = (int) t.features()[w.start() * F];
            out.add(t.id() + ":" + code % 1000);
        }
        return out;
    }

    @Test
    void aShardedSongReadsAsTheSameWindowAsInMemory() throws Exception {
        List<Track> tracks = songs(12);
        try (ShardedSongs s = store(tracks, 3)) {
            MemorySongs m = new MemorySongs(tracks);
            assertEquals(12, s.size());
            for (int i = 0; i < s.size(); i++) {
                String id = s.id(i);
                int j = IntStream.range(0, tracks.size()).filter(k -> tracks.get(k).id().equals(id)).findFirst().orElseThrow();
                for (int start : new int[] {0, 2, tracks.get(j).frames() - 1}) {
                    Track a = s.window(i, start, LEN);
                    Track mem = m.window(j, start, LEN);
                    assertEquals(Math.min(LEN, tracks.get(j).frames() - start), a.frames());
                    assertEquals(mem.frames(), a.frames());
                    assertTrue(java.util.Arrays.equals(mem.features(), a.features()), id);
                    assertTrue(java.util.Arrays.equals(mem.hard(), a.hard()), id);
                }
            }
            double[] sums = s.featureSums(0);
            double[] direct = new MemorySongs(List.of(tracks.stream().filter(t -> t.id().equals(s.id(0))).findFirst().orElseThrow()))
                    .featureSums(0);
            assertEquals(direct[0], sums[0], 1e-9 * Math.abs(direct[0]));
            assertEquals(direct[2], sums[2]);
        }
    }

    @Test
    void eachWindowComesOncePerEpochAndTheSameSeedGivesTheSameBatches() throws Exception {
        List<Track> tracks = songs(20);
        try (ShardedSongs s = store(tracks, 4)) {
            StreamedWindows w = windows(s, 11, 16);
            StreamedWindows.Split split = StreamedWindows.Split.of(s, 0.2, 11);
            List<String> expected = new ArrayList<>();
            for (int i : split.train()) {
                int song = Integer.parseInt(s.id(i).substring(4));
                for (Window win : Window.over(List.of(tracks.get(song)), LEN, STRIDE)) {
                    expected.add(s.id(i) + ":" + win.start());
                }
            }
            expected.sort(null);
            assertEquals(expected.size(), w.windowsPerEpoch());
            List<List<String>> e0 = batches(w.epoch(0, 0, 5));
            List<List<String>> e1 = batches(w.epoch(1, 0, 5));
            for (List<List<String>> epoch : List.of(e0, e1)) {
                List<String> seen = new ArrayList<>(epoch.stream().flatMap(List::stream).toList());
                seen.sort(null);
                assertEquals(expected, seen, "every training window once");
                assertTrue(epoch.subList(0, epoch.size() - 1).stream().allMatch(b -> b.size() == 5));
            }
            assertNotEquals(e0, e1, "epochs are shuffled differently");
            assertEquals(e0, batches(windows(s, 11, 16).epoch(0, 0, 5)), "same seed, same batches");
            assertNotEquals(e0, batches(windows(s, 12, 16).epoch(0, 0, 5)), "another seed, another order");
            // validation: every window of the validation songs, none of the training songs
            List<String> val = batches(w.validation(4)).stream().flatMap(List::stream).toList();
            for (int i : split.val()) {
                assertTrue(val.stream().anyMatch(x -> x.startsWith(s.id(i) + ":")));
            }
            assertTrue(val.stream().noneMatch(expected::contains));
        }
    }

    @Test
    void theOrderIsRandomAcrossTheCorpusNotShardByShard() throws Exception {
        List<Track> tracks = songs(40);
        try (ShardedSongs s = store(tracks, 8)) {
            List<String> order = batches(windows(s, 3, 64).epoch(0, 0, 8)).stream().flatMap(List::stream).toList();
            // windows of one shard do not come as one run: count changes of shard between neighbours
            int changes = 0;
            for (int i = 1; i < order.size(); i++) {
                int a = Integer.parseInt(order.get(i - 1).substring(4, 6)) % 8;
                int b = Integer.parseInt(order.get(i).substring(4, 6)) % 8;
                changes += a != b ? 1 : 0;
            }
            assertTrue(changes > order.size() / 2, changes + " shard changes in " + order.size() + " windows");
        }
    }

    @Test
    void resumingMidEpochFromTheCursorSeesEachRemainingWindowOnce() throws Exception {
        List<Track> tracks = songs(20);
        try (ShardedSongs s = store(tracks, 4)) {
            List<List<String>> whole = batches(windows(s, 5, 16).epoch(2, 0, 6));
            long cursor;
            List<List<String>> first = new ArrayList<>();
            try (TrainingWindows.Batches it = windows(s, 5, 16).epoch(2, 0, 6)) {
                TrainingWindows.Slice last = null;
                for (int i = 0; i < 3; i++) {
                    last = it.next();
                    first.add(names(last));
                }
                cursor = last.cursor();
            }
            assertEquals(18, cursor);
            List<List<String>> rest = batches(windows(s, 5, 16).epoch(2, cursor, 6)); // a new process: only the cursor survives
            List<List<String>> joined = new ArrayList<>(first);
            joined.addAll(rest);
            assertEquals(whole, joined, "the resumed epoch goes on with exactly the windows not yet seen");
        }
    }

    @Test
    void aCorruptShardIsReportedAndSkippedAMissingOneIsAnInputError() throws Exception {
        List<Track> tracks = songs(12);
        write(dir.resolve("f"), dir.resolve("t"), tracks, 3);
        Path bad = dir.resolve("f/features-0001-of-0003.cfshard");
        byte[] bytes = Files.readAllBytes(bad);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(bad, bytes);
        try (ShardedSongs s = ShardedSongs.open(ShardLocation.local(dir.resolve("f")), ShardLocation.local(dir.resolve("t")),
                TargetKind.HARD, F, C, false, null)) {
            StreamedWindows w = new StreamedWindows(s, IntStream.range(0, s.size()).toArray(), new int[0], LEN, STRIDE, null, 1, 8, 2);
            List<String> seen = batches(w.epoch(0, 0, 4)).stream().flatMap(List::stream).toList();
            assertEquals(1, s.corrupt().size(), "reported once");
            assertTrue(s.corrupt().values().iterator().next().startsWith(bad + ": SHA-256"), s.corrupt().toString());
            long expected = 0;
            for (int i = 0; i < tracks.size(); i++) {
                boolean inBad = i % 3 == 1;
                String id = tracks.get(i).id();
                assertEquals(!inBad, seen.stream().anyMatch(x -> x.startsWith(id + ":")), id);
                expected += inBad ? 0 : Window.over(List.of(tracks.get(i)), LEN, STRIDE).size();
            }
            assertEquals(expected, seen.size(), "the other shards' windows, each once");
            assertNull(s.window(IntStream.range(0, s.size()).filter(i -> s.group(i) == 1).findFirst().orElseThrow(), 0, LEN));
        }
        Files.delete(bad);
        try (ShardedSongs s = ShardedSongs.open(ShardLocation.local(dir.resolve("f")), ShardLocation.local(dir.resolve("t")),
                TargetKind.HARD, F, C, false, null)) {
            StreamedWindows w = new StreamedWindows(s, IntStream.range(0, s.size()).toArray(), new int[0], LEN, STRIDE, null, 1, 8, 2);
            InputException e = assertThrows(InputException.class, () -> batches(w.epoch(0, 0, 4)));
            assertTrue(e.getMessage().startsWith(bad + ": shard data file missing"), e.getMessage());
        }
    }

    @Test
    void songsWithoutTargetsAreSkippedNoFeatureIndexIsAnInputError() throws Exception {
        List<Track> tracks = songs(6);
        write(dir.resolve("f"), dir.resolve("t"), tracks, 2);
        Files.delete(dir.resolve("t/hard-1.cfshard.json")); // songs 3..5 lose their pseudo-labels
        try (ShardedSongs s = ShardedSongs.open(ShardLocation.local(dir.resolve("f")), ShardLocation.local(dir.resolve("t")),
                TargetKind.HARD, F, C, false, null)) {
            assertEquals(List.of("song00", "song01", "song02"),
                    IntStream.range(0, s.size()).mapToObj(s::id).sorted().toList());
        }
        InputException e = assertThrows(InputException.class, () -> ShardedSongs.open(ShardLocation.local(dir.resolve("t")),
                ShardLocation.local(dir.resolve("t")), TargetKind.HARD, F, C, false, null));
        assertTrue(e.getMessage().startsWith(dir.resolve("t") + ": no features shard index"), e.getMessage());
    }

    @Test
    void mixRatioSetsTheShareOfPseudoLabelledWindowsAndEachSideRunsThroughItsWindows() throws Exception {
        List<Track> pseudo = songs(12);
        List<Track> labelled = new ArrayList<>();
        for (int s = 50; s < 54; s++) {
            labelled.add(song(s, 30, false).withId("mix/" + song(s, 30, false).id()));
        }
        try (ShardedSongs p = store(pseudo, 3)) {
            SongStore all = SongStore.concat(p, new MemorySongs(labelled));
            int[] train = IntStream.range(0, all.size()).toArray();
            StreamedWindows w = new StreamedWindows(all, train, new int[0], LEN, STRIDE, 0.25, 9, 16, 2);
            long total = w.windowsPerEpoch();
            long nPseudo = Math.round(0.25 * total);
            Map<String, Integer> labelledSeen = new HashMap<>();
            int labelledWindows = labelled.size() * Window.over(labelled.subList(0, 1), LEN, STRIDE).size();
            for (int epoch = 0; epoch < 2; epoch++) {
                List<String> seen = batches(w.epoch(epoch, 0, 7)).stream().flatMap(List::stream).toList();
                assertEquals(total, seen.size());
                assertEquals(nPseudo, seen.stream().filter(x -> !x.startsWith("mix/")).count());
                for (String x : seen) {
                    if (x.startsWith("mix/")) {
                        labelledSeen.merge(x, 1, Integer::sum);
                    }
                }
                assertEquals(seen, batches(w.epoch(epoch, 0, 7)).stream().flatMap(List::stream).toList());
            }
            // 2 epochs draw 2 * (total - nPseudo) labelled windows: every one at least floor(draws / windows) times
            long draws = 2 * (total - nPseudo);
            assertEquals(labelledWindows, labelledSeen.size());
            for (int n : labelledSeen.values()) {
                assertTrue(n == draws / labelledWindows || n == (draws + labelledWindows - 1) / labelledWindows,
                        n + " draws of one window; " + draws + " over " + labelledWindows);
            }
        }
    }
}
