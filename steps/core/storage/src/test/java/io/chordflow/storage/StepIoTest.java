package io.chordflow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps on a cluster: inputs fetched from and outputs committed to a real S3 server (s3proxy). */
class StepIoTest {
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
    void outputIsCommittedOnlyByPublishAndReadBackAsInput(@TempDir Path tmp) throws Exception {
        StepIo producer = new StepIo(store, tmp.resolve("a"));
        Path out = producer.output("s3://io-test/run1/features", "--output");
        Files.writeString(out.resolve("song.npy"), "data");
        assertThrows(InputException.class, () -> new StepIo(store, tmp.resolve("b")).input("s3://io-test/run1/features", "--features"),
                "nothing is visible before publish");
        producer.publish();
        Path in = new StepIo(store, tmp.resolve("c")).input("s3://io-test/run1/features", "--features");
        assertEquals("data", Files.readString(in.resolve("song.npy")));
        assertFalse(Files.exists(in.resolve(Manifest.FILE_NAME)), "the marker is not handed to the step as data");
    }

    @Test
    void shardsCommitSeparatelyAndAreReadAsTheirUnionOnceAllAreThere(@TempDir Path tmp) throws Exception {
        String uri = "s3://io-test/run2/pseudo";
        for (int i = 0; i < 3; i++) {
            if (i == 2) {
                InputException partial = assertThrows(InputException.class, () -> new StepIo(store, tmp.resolve("early")).input(uri, "--targets"));
                assertTrue(partial.getMessage().contains("only 2 of 3 shards"), partial.getMessage());
            }
            StepIo shard = new StepIo(store, tmp.resolve("s" + i)).shard(i, 3);
            Files.writeString(shard.output(uri, "--output").resolve("track" + i + ".npy"), "p" + i);
            shard.publish();
        }
        Path in = new StepIo(store, tmp.resolve("reader")).input(uri, "--targets");
        for (int i = 0; i < 3; i++) {
            assertEquals("p" + i, Files.readString(in.resolve("track" + i + ".npy")));
        }
    }

    @Test
    void aSubFolderOfACommittedOutputFetchesOnlyItsFiles(@TempDir Path tmp) throws Exception {
        StepIo synth = new StepIo(store, tmp.resolve("w"));
        Path data = synth.output("s3://io-test/data/synthetic/seed1", "--out");
        Files.createDirectories(data.resolve("labeled/audio"));
        Files.createDirectories(data.resolve("test/audio"));
        Files.writeString(data.resolve("labeled/audio/a.wav"), "A");
        Files.writeString(data.resolve("test/audio/b.wav"), "B");
        synth.publish();
        Path in = new StepIo(store, tmp.resolve("r")).input("s3://io-test/data/synthetic/seed1/labeled/audio", "--input");
        assertEquals("A", Files.readString(in.resolve("a.wav")));
        try (var files = Files.list(in)) {
            assertEquals(1, files.count(), "only the sub-folder's files");
        }
    }

    @Test
    void localPathsAreUsedInPlaceAndBadUrisNameTheOption(@TempDir Path tmp) throws Exception {
        StepIo io = new StepIo(store, tmp.resolve("x"));
        assertEquals(tmp.resolve("local"), io.input(tmp.resolve("local").toString(), "--features"));
        assertTrue(Files.isDirectory(io.output(tmp.resolve("made").toUri().toString(), "--output")));
        InputException e = assertThrows(InputException.class, () -> io.input("s3://io-test/../etc", "--labels"));
        assertTrue(e.getMessage().startsWith("--labels "), e.getMessage());
    }

    /**
     * An Argo retry of a killed training: the pod's checkpoints were mirrored to an s3:// prefix
     * (kept apart from the output), and the next pod's checkpoint folder starts with them.
     */
    @Test
    void checkpointsOnAnS3PrefixSurviveThePodAndAreRestoredForTheRetry(@TempDir Path tmp) throws Exception {
        String prefix = "s3://io-test/checkpoints/wf-1/train-stage1";
        java.util.Map<String, String> env = java.util.Map.of(io.chordflow.common.EnvNames.CHORDFLOW_CHECKPOINTS, prefix, "CHORDFLOW_CHECKPOINT_SYNC_S", "3600");
        try (CheckpointFolder first = new StepIo(store, tmp.resolve("pod1")).checkpoints(null, env, tmp.resolve("pod1/out"))) {
            assertFalse(first.dir().startsWith(tmp.resolve("pod1/out")), "not inside the published output");
            Files.writeString(first.dir().resolve("best.params"), "best-1");
            Files.writeString(first.dir().resolve("checkpoint.bin"), "epoch-1");
            Files.writeString(first.dir().resolve(".checkpoint.bin.123.part"), "half written");
            first.sync();
            assertEquals(java.util.List.of("best.params", "checkpoint.bin"), store.list(java.net.URI.create(prefix)),
                    "complete files only");
            Files.writeString(first.dir().resolve("checkpoint.bin"), "epoch-2");
            first.sync(); // what the background pass does
        }
        try (CheckpointFolder retry = new StepIo(store, tmp.resolve("pod2")).checkpoints(null, env, tmp.resolve("pod2/out"))) {
            assertEquals("epoch-2", Files.readString(retry.dir().resolve("checkpoint.bin")));
            assertEquals("best-1", Files.readString(retry.dir().resolve("best.params")));
        }
        // a local folder (the local runner's) is used in place; without either, OUTPUT/checkpoints
        try (CheckpointFolder local = new StepIo(store, tmp).checkpoints(null,
                java.util.Map.of(io.chordflow.common.EnvNames.CHORDFLOW_CHECKPOINTS, tmp.resolve("ck").toString()), tmp.resolve("out"))) {
            assertEquals(tmp.resolve("ck"), local.dir());
        }
        try (CheckpointFolder dflt = new StepIo(store, tmp).checkpoints(null, java.util.Map.of(), tmp.resolve("out"))) {
            assertEquals(tmp.resolve("out/checkpoints"), dflt.dir());
        }
        // in a workflow pod with an s3:// output, the default is a prefix per workflow and output
        StepIo pod = new StepIo(store, tmp.resolve("pod3"));
        Path out = pod.output("s3://io-test/exp/models/stage1", "--output");
        try (CheckpointFolder derived = pod.checkpoints(null, java.util.Map.of("CHORDFLOW_WORKFLOW", "btc-kd-x7"), out)) {
            Files.writeString(derived.dir().resolve("checkpoint.bin"), "e1");
        }
        assertEquals(java.util.List.of("checkpoint.bin"),
                store.list(java.net.URI.create("s3://io-test/checkpoints/btc-kd-x7/exp/models/stage1")));
    }
}
