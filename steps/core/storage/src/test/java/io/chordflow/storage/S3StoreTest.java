package io.chordflow.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.common.io.Hashes;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real S3 protocol server (s3proxy) on loopback. */
class S3StoreTest {
    private static S3ProxyServer server;
    private static S3Store store;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = new S3ProxyServer();
        store = new S3Store(server.settings(), new Retry(3, Duration.ofMillis(10), Duration.ofMillis(40),
                Thread::sleep), S3Store.PART_SIZE);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void randomFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Random r = new Random(seed);
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buf.length) {
                r.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
    }

    @Test
    void largeFileGoesUpInPartsAndComesBackIdentical() throws Exception {
        Path big = tmp.resolve("big.bin");
        randomFile(big, 12L * 1024 * 1024 + 123, 1); // 3 parts of 5 MiB
        URI dest = URI.create("s3://multipart/models/big.bin");
        store.put(big, dest);

        // A multipart object's ETag is "md5-of-part-md5s-N": N parts prove the multipart path ran.
        MinioClient raw = MinioClient.builder().endpoint(server.endpoint())
                .credentials(S3ProxyServer.ACCESS, S3ProxyServer.SECRET).build();
        String etag = raw.statObject(StatObjectArgs.builder().bucket("multipart").object("models/big.bin").build()).etag();
        assertTrue(etag.replace("\"", "").endsWith("-3"), "expected a 3-part upload, ETag " + etag);

        Path back = tmp.resolve("back/big.bin");
        store.get(dest, back);
        assertEquals(Hashes.sha256(big), Hashes.sha256(back));
    }

    private Path output(String name, Map<String, String> files) throws IOException {
        Path dir = tmp.resolve(name);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return dir;
    }

    @Test
    void publishCommitsLastAndFetchVerifies() throws Exception {
        Path dir = output("out", Map.of("model.json", "{}", "weights/w.npy", "abc", "provenance.json", "{\"a\":1}"));
        URI dest = URI.create("s3://steps/train/abc123");
        assertFalse(store.isCommitted(dest));

        Manifest m = store.publish(dir, dest);
        assertTrue(store.isCommitted(dest));
        assertEquals(List.of("model.json", "provenance.json", "weights/w.npy"),
                m.files().stream().map(Manifest.Entry::path).toList());
        assertEquals(Hashes.sha256("abc"), m.files().get(2).sha256());
        assertEquals(List.of("_SUCCESS.json", "model.json", "provenance.json", "weights/w.npy"), store.list(dest));

        Path fetched = tmp.resolve("fetched");
        assertEquals(m, store.fetch(dest, fetched));
        assertEquals("abc", Files.readString(fetched.resolve("weights/w.npy")));
        assertEquals(m, Manifest.parse(Files.readAllBytes(fetched.resolve(Manifest.FILE_NAME)), "local"));

        // A retry of the same step: nothing is uploaded again and one copy remains.
        FailingStore counting = new FailingStore(store, Integer.MAX_VALUE);
        counting.publish(dir, dest);
        assertEquals(0, counting.puts.get());
        assertEquals(4, store.list(dest).size());
    }

    @Test
    void killedPublishIsInvisibleAndRepublishCompletesCleanly() throws Exception {
        URI dest = URI.create("s3://steps/features/shard-0");
        // An earlier, different attempt left a file the final output does not have.
        store.write("stale".getBytes(StandardCharsets.UTF_8), URI.create("s3://steps/features/shard-0/old.npy"));
        Path dir = output("feat", Map.of("a.npy", "1", "b.npy", "2", "c.npy", "3", "d.npy", "4"));

        FailingStore dying = new FailingStore(store, 2);
        assertThrows(IllegalStateException.class, () -> dying.publish(dir, dest));
        assertEquals(2, dying.puts.get());
        assertFalse(store.isCommitted(dest), "no marker after a kill");
        assertTrue(store.list(dest).containsAll(List.of("a.npy", "b.npy")));
        InputException notThere = assertThrows(InputException.class, () -> store.fetch(dest, tmp.resolve("reader")));
        assertTrue(notThere.getMessage().contains("not a committed output"), notThere.getMessage());

        Manifest m = store.publish(dir, dest);
        assertTrue(store.isCommitted(dest));
        assertEquals(List.of("_SUCCESS.json", "a.npy", "b.npy", "c.npy", "d.npy"), store.list(dest));
        assertEquals(4, m.files().size());
        store.fetch(dest, tmp.resolve("reader"));
        assertEquals("4", Files.readString(tmp.resolve("reader/d.npy")));
    }

    @Test
    void republishWithNewContentReplacesTheOldOutput() throws Exception {
        URI dest = URI.create("s3://steps/eval/x");
        store.publish(output("v1", Map.of("metrics.json", "1", "extra.txt", "e")), dest);
        Manifest m2 = store.publish(output("v2", Map.of("metrics.json", "2")), dest);
        assertEquals(List.of("_SUCCESS.json", "metrics.json"), store.list(dest));
        assertEquals(m2, store.manifest(dest).orElseThrow());
    }

    @Test
    void tamperedOrCorruptOutputsAreRejected() throws Exception {
        URI dest = URI.create("s3://steps/tampered");
        store.publish(output("t", Map.of("f.txt", "hello")), dest);
        store.write("HELLO".getBytes(StandardCharsets.UTF_8), URI.create("s3://steps/tampered/f.txt"));
        StorageException e = assertThrows(StorageException.class, () -> store.fetch(dest, tmp.resolve("t1")));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());

        String evil = "{\"schema_version\":1,\"files\":[{\"path\":\"../../etc/x\",\"sha256\":\""
                + Hashes.sha256("x") + "\",\"size\":1}]}";
        store.write(evil.getBytes(StandardCharsets.UTF_8), URI.create("s3://steps/tampered/_SUCCESS.json"));
        InputException ie = assertThrows(InputException.class, () -> store.fetch(dest, tmp.resolve("t2")));
        assertTrue(ie.getMessage().contains("'..'"), ie.getMessage());
    }

    @Test
    void credentialsNeverAppearInErrorsOrToString() throws Exception {
        S3Settings wrong = new S3Settings(server.endpoint(), S3ProxyServer.ACCESS, "wrong-secret-XYZ", null);
        S3Store bad = new S3Store(wrong, new Retry(2, Duration.ofMillis(1), Duration.ofMillis(1), Thread::sleep),
                S3Store.PART_SIZE);
        Path f = tmp.resolve("f.txt");
        Files.writeString(f, "x");
        StorageException e = assertThrows(StorageException.class, () -> bad.put(f, URI.create("s3://creds/f.txt")));
        assertFalse(e.isTransient(), "a signature error is not retried");
        assertFalse(e.getMessage().contains("wrong-secret-XYZ"), e.getMessage());
        assertFalse(e.getMessage().contains(S3ProxyServer.ACCESS), e.getMessage());
        assertTrue(e.getMessage().contains("s3://creds/f.txt"), e.getMessage());
        assertFalse(bad.toString().contains("wrong-secret-XYZ"));
        assertFalse(wrong.toString().contains(S3ProxyServer.ACCESS));
    }

    @Test
    void unreachableServerIsTransientAndRetried() throws Exception {
        List<Long> sleeps = new java.util.ArrayList<>();
        S3Store down = new S3Store(new S3Settings("http://127.0.0.1:1", "k", "s", null),
                new Retry(3, Duration.ofMillis(5), Duration.ofMillis(50), sleeps::add), S3Store.PART_SIZE);
        StorageException e = assertThrows(StorageException.class, () -> down.read(URI.create("s3://bucket/k")));
        assertTrue(e.isTransient());
        assertEquals(List.of(5L, 10L), sleeps);
    }

    @Test
    void roundTripsThroughRouterAndReadsEnvironmentNames() throws Exception {
        ArtifactStore router = ArtifactStores.from(Map.of(
                io.chordflow.common.EnvNames.MLFLOW_S3_ENDPOINT_URL, server.endpoint(),
                io.chordflow.common.EnvNames.AWS_ACCESS_KEY_ID, S3ProxyServer.ACCESS,
                io.chordflow.common.EnvNames.AWS_SECRET_ACCESS_KEY, S3ProxyServer.SECRET));
        Path dir = output("r", Map.of("x.txt", "x"));
        router.publish(dir, URI.create("s3://routed/out"));
        Path local = tmp.resolve("local-out");
        router.fetch(URI.create("s3://routed/out"), local);
        router.publish(local, local.toUri()); // already committed in place: a no-op
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(local.resolve("x.txt")));
    }
}
