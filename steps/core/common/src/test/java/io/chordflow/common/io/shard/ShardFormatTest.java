package io.chordflow.common.io.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardFormatTest {
    @TempDir
    Path dir;

    private static float[] rows(int frames, int cols, float base) {
        float[] v = new float[frames * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = base + i * 0.25f - 3;
        }
        return v;
    }

    @Test
    void indexRoundTripGivesBackEverySongsRows() throws Exception {
        float[] a = rows(5, 3, 1);
        float[] b = rows(2, 3, 100);
        ShardIndex written;
        try (ShardWriter w = new ShardWriter(dir, "features-0000-of-0002", "features", ShardDType.FLOAT32, 3,
                Map.of("sample_rate", 22050))) {
            w.add("x/a", a);
            w.add("b", b);
            written = w.finish();
        }
        List<Path> found = ShardIndex.find(dir);
        assertEquals(List.of(dir.resolve("features-0000-of-0002.cfshard.json")), found);
        ShardIndex ix = ShardIndex.read(found.get(0));
        assertEquals(written, ix);
        assertEquals(List.of("x/a", "b"), ix.songs().stream().map(ShardIndex.Song::id).toList());
        assertEquals(5, ix.songs().get(1).offset());
        assertEquals(22050, ix.featureSpec().get("sample_rate"));
        double sum = 0;
        for (float v : b) {
            sum += v;
        }
        assertEquals(sum, ix.songs().get(1).sum());
        try (ShardReader r = ShardReader.open(ix, dir.resolve(ix.data()), true)) {
            float[] got = new float[5 * 3];
            r.read(ix.songs().get(0), 0, 5, got, 0);
            assertArrayEquals(a, got);
            float[] mid = new float[3];
            r.read(ix.songs().get(1), 1, 1, mid, 0);
            assertArrayEquals(java.util.Arrays.copyOfRange(b, 3, 6), mid);
        }
    }

    @Test
    void int32AndFloat16ShardsRoundTrip() throws Exception {
        try (ShardWriter w = new ShardWriter(dir, "hard", "hard", ShardDType.INT32, 1, null)) {
            w.add("s", new int[] {3, 169, 0});
            w.finish();
        }
        try (ShardWriter w = new ShardWriter(dir, "soft", "soft", ShardDType.FLOAT16, 2, null)) {
            w.add("s", new float[] {0.25f, 0.75f, 1f, 0f});
            w.finish();
        }
        ShardIndex hard = ShardIndex.read(dir.resolve("hard.cfshard.json"));
        try (ShardReader r = ShardReader.open(hard, dir.resolve(hard.data()), true)) {
            int[] y = new int[3];
            r.read(hard.songs().get(0), 0, 3, y, 0);
            assertArrayEquals(new int[] {3, 169, 0}, y);
        }
        ShardIndex soft = ShardIndex.read(dir.resolve("soft.cfshard.json"));
        try (ShardReader r = ShardReader.open(soft, dir.resolve(soft.data()), true)) {
            float[] q = new float[2];
            r.read(soft.songs().get(0), 1, 1, q, 0);
            assertArrayEquals(new float[] {1f, 0f}, q);
        }
    }

    @Test
    void sameSongsGiveTheSameBytes() throws Exception {
        for (String name : List.of("one", "two")) {
            try (ShardWriter w = new ShardWriter(dir, name, "features", ShardDType.FLOAT32, 4, null)) {
                w.add("a", rows(3, 4, 0));
                w.finish();
            }
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("one.cfshard")), Files.readAllBytes(dir.resolve("two.cfshard")));
    }

    @Test
    void aFlippedByteIsCorruptAMissingFileIsAnInputError() throws Exception {
        ShardIndex ix;
        try (ShardWriter w = new ShardWriter(dir, "s", "features", ShardDType.FLOAT32, 2, null)) {
            w.add("a", rows(4, 2, 0));
            ix = w.finish();
        }
        Path data = dir.resolve(ix.data());
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(data, bytes);
        CorruptShardException e = assertThrows(CorruptShardException.class, () -> ShardReader.open(ix, data, true));
        assertTrue(e.getMessage().startsWith(data + ": SHA-256"), e.getMessage());
        Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThrows(CorruptShardException.class, () -> ShardReader.open(ix, data, false));
        Files.delete(data);
        InputException missing = assertThrows(InputException.class, () -> ShardReader.open(ix, data, true));
        assertTrue(missing.getMessage().startsWith(data + ": shard data file missing"), missing.getMessage());
    }

    @Test
    void anIndexWhoseSongsDoNotTileTheDataIsAnInputError() throws Exception {
        Path f = dir.resolve("bad" + ShardIndex.SUFFIX);
        Files.writeString(f, "{\"format_version\":1,\"kind\":\"features\",\"dtype\":\"<f4\",\"columns\":2,\"data\":\"bad.cfshard\","
                + "\"bytes\":48,\"sha256\":\"00\",\"songs\":[{\"id\":\"a\",\"offset\":0,\"frames\":2},{\"id\":\"b\",\"offset\":3,\"frames\":2}]}");
        InputException e = assertThrows(InputException.class, () -> ShardIndex.read(f));
        assertTrue(e.getMessage().startsWith(f + ": song b at row 3"), e.getMessage());
        Files.writeString(f, "{\"format_version\":2}");
        assertTrue(assertThrows(InputException.class, () -> ShardIndex.read(f)).getMessage().contains("format_version 2"));
    }
}
