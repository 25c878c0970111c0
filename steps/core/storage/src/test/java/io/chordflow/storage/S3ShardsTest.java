package io.chordflow.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.common.io.shard.ShardDType;
import io.chordflow.common.io.shard.ShardIndex;
import io.chordflow.common.io.shard.ShardLocation;
import io.chordflow.common.io.shard.ShardReader;
import io.chordflow.common.io.shard.ShardWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards read from a real S3 server (s3proxy): downloaded on first use into a bounded cache. */
class S3ShardsTest {
    private static S3ProxyServer server;
    private static ArtifactStore store;

    @BeforeAll
    static void start() throws Exception {
        server = new S3ProxyServer();
        store = server.store();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void shardsOfAShardedOutputAreFetchedOnFirstUseAndTheCacheStaysBounded(@TempDir Path tmp) throws Exception {
        String uri = "s3://shard-test/run1/features";
        for (int i = 0; i < 3; i++) { // three step shards, committed separately
            StepIo producer = new StepIo(store, tmp.resolve("w" + i)).shard(i, 3);
            Path out = producer.output(uri, "--output");
            try (ShardWriter w = new ShardWriter(out.resolve("stream"), "features-000" + i + "-of-0003", "features",
                    ShardDType.FLOAT32, 2, null)) {
                w.add("song" + i, new float[] {i, i + 0.5f, -i, 7});
                w.finish();
            }
            producer.publish();
        }
        ShardLocation loc = new StepIo(store, tmp.resolve("r")).shards(uri, "--features", 2);
        List<String> indexes = loc.indexes();
        assertEquals(3, indexes.size());
        assertTrue(indexes.get(0).startsWith("shards/0-of-3/stream/"), indexes.toString());
        Path cache = tmp.resolve("r");
        for (int i = 0; i < 3; i++) {
            ShardIndex ix = ShardIndex.read(loc.index(indexes.get(i)));
            String rel = indexes.get(i).replace(".json", "");
            try (ShardReader r = ShardReader.open(ix, loc.data(rel), true)) {
                float[] row = new float[2];
                r.read(ix.songs().get(0), 1, 1, row, 0);
                assertArrayEquals(new float[] {-i, 7}, row);
            }
            loc.release(rel);
            try (var files = Files.walk(cache)) {
                long data = files.filter(p -> p.getFileName().toString().endsWith(".cfshard")).count();
                assertTrue(data <= 2, data + " data files cached, the cache holds 2");
            }
        }
        assertEquals(3, ((S3Shards) loc).downloads());
        InputException missing = assertThrows(InputException.class, () -> loc.data("shards/0-of-3/stream/nope.cfshard"));
        assertTrue(missing.getMessage().contains("nope.cfshard: shard data file missing"), missing.getMessage());
        InputException uncommitted = assertThrows(InputException.class,
                () -> new StepIo(store, tmp.resolve("x")).shards("s3://shard-test/run2/none", "--features", 2));
        assertTrue(uncommitted.getMessage().startsWith("--features s3://shard-test/run2/none: not a committed output"),
                uncommitted.getMessage());
    }
}
