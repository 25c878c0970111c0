package io.chordflow.steps.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.io.Npy;
import io.chordflow.common.io.shard.ShardDType;
import io.chordflow.common.io.shard.ShardLocation;
import io.chordflow.common.io.shard.ShardWriter;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.contract.TrainingSettings;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.TrackLoader;
import io.chordflow.model.data.TrainingWindows;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.stream.ShardedSongs;
import io.chordflow.model.data.stream.StreamedWindows;
import io.chordflow.model.train.MemoryWindows;
import io.chordflow.model.train.Objective;
import io.chordflow.model.train.Trainer;
import io.chordflow.model.train.TrainingListener;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.S3ProxyServer;
import io.chordflow.storage.StepIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 16's measure: does training memory stay flat as the data grows, and what does streaming
 * cost? The same tiny BTC (width 32, 1 layer, window 108, batch 16) trains for
 * {@code $CHORDFLOW_STREAM_BENCH_STEPS} (default 300) AdamW steps on 1 h and on 8 h of synthetic
 * CQT features (3-minute songs, hard labels, shards of about 1 h each; generated once and kept in
 * {@code target/stream-bench/}), read three ways: {@code memory} (today's loader: every song in
 * memory), {@code local} (streamed from the shards in a local folder), {@code s3} (streamed from
 * s3proxy on loopback, blobs on disk, a download cache of 4 shards). Each (hours, source) runs in
 * its own JVM ({@code -Xmx2g}); its peak resident memory (VmHWM, reset after set-up, so data
 * generation and upload do not count) and its windows per second (steps x 16 over the time from the
 * first step to the last, and over the whole run including loading) are printed as a
 * {@code STREAM-BENCH} line. The JMH score is the run's wall time, loading included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Timeout(time = 2, timeUnit = TimeUnit.HOURS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
        "-Dai.djl.pytorch.num_interop_threads=1"})
public class StreamingBenchmark {
    static final int SONG_FRAMES = 1938; // 3 minutes at 22050/2048 frames per second
    static final int SONGS_PER_HOUR = 20;
    static final int BATCH = 16;
    static final int WINDOW = 108;

    @Param({"1", "8"})
    public int hours;

    @Param({"memory", "local", "s3"})
    public String source;

    Path data;
    S3ProxyServer server;
    ArtifactStore store;
    Path scratch;
    int steps;
    long firstStep;
    long lastStep;
    long started;

    @Setup(Level.Trial)
    public void data() throws Exception {
        steps = Integer.parseInt(System.getenv().getOrDefault("CHORDFLOW_STREAM_BENCH_STEPS", "300"));
        Path root = Path.of("target/stream-bench").toAbsolutePath();
        data = generate(root.resolve(hours + "h"), hours);
        scratch = Files.createTempDirectory("stream-bench");
        if (source.equals("s3")) {
            server = new S3ProxyServer(root.resolve("s3-blobs"));
            store = server.store();
            Path marker = root.resolve("s3-uploaded-" + hours + "h");
            if (!Files.exists(marker)) {
                store.publish(data.resolve("f/stream"), ArtifactStores.uri(uri("features")));
                store.publish(data.resolve("pl/stream"), ArtifactStores.uri(uri("targets")));
                Files.writeString(marker, "ok");
            }
        }
        System.gc();
        Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // peak RSS from here on
    }

    String uri(String what) {
        return "s3://stream-bench/" + hours + "h/" + what;
    }

    /** 20 songs per hour, shards of 1 h; .npy files for the in-memory loader, shards for streaming. Once. */
    static Path generate(Path dir, int hours) throws IOException {
        if (Files.exists(dir.resolve("complete"))) {
            return dir;
        }
        float[][] tpl = SyntheticChords.templates(25, 144, 1234);
        SplittableRandom r = new SplittableRandom(hours);
        for (int h = 0; h < hours; h++) {
            String suffix = String.format(Locale.ROOT, "-%04d-of-%04d", h, hours);
            try (ShardWriter f = new ShardWriter(dir.resolve("f/stream"), "features" + suffix, "features", ShardDType.FLOAT32, 144, null);
                 ShardWriter t = new ShardWriter(dir.resolve("pl/stream"), "hard" + suffix, "hard", ShardDType.INT32, 1, null)) {
                for (int s = 0; s < SONGS_PER_HOUR; s++) {
                    String id = String.format(Locale.ROOT, "song%04d", h * SONGS_PER_HOUR + s);
                    int[] y = SyntheticChords.labels(SONG_FRAMES, 25, r);
                    float[] x = SyntheticChords.features(y, tpl, 0.7, r);
                    Npy.writeFloat32(dir.resolve("f/" + id + ".npy"), x, SONG_FRAMES, 144);
                    Npy.writeInt32(dir.resolve("pl/hard/" + id + ".npy"), y, SONG_FRAMES);
                    f.add(id, x);
                    t.add(id, y);
                }
                f.finish();
                t.finish();
            }
        }
        Files.writeString(dir.resolve("complete"), "ok");
        return dir;
    }

    @Benchmark
    public void train() throws Exception {
        started = System.nanoTime();
        ModelConfig model = new ModelConfig("btc", 25, null, 32, 1, 2, 32, 0.1, WINDOW, null, null, null, null);
        TrainingSettings s = new TrainingSettings(1000, BATCH, WINDOW, 0.0, "focal", null, 1e-3, null, 1e-4, 1e-5,
                List.of(0.9, 0.98), 1e-8, "constant", null, null, null, 1.0, "val_loss", 1000, 0, (long) steps, null, null);
        TrainingWindows windows;
        Normalization norm;
        ShardedSongs songs = null;
        if (source.equals("memory")) {
            List<Track> tracks = TrackLoader.load(data.resolve("f"), data.resolve("pl"), TargetKind.HARD, Vocabulary.MAJMIN,
                    FeatureSpec.BTC.frameSeconds(), 144);
            norm = Normalization.of(tracks);
            windows = new MemoryWindows(tracks, List.of(), WINDOW, WINDOW, null, 1);
        } else {
            ShardLocation f;
            ShardLocation t;
            if (source.equals("local")) {
                f = ShardLocation.local(data.resolve("f/stream"));
                t = ShardLocation.local(data.resolve("pl/stream"));
            } else {
                StepIo io = new StepIo(store, scratch);
                f = io.shards(uri("features"), "--features", StreamedData.CACHED_SHARDS);
                t = io.shards(uri("targets"), "--targets", StreamedData.CACHED_SHARDS);
            }
            songs = ShardedSongs.open(f, t, TargetKind.HARD, 144, 25, false, null);
            StreamedWindows sw = new StreamedWindows(songs, java.util.stream.IntStream.range(0, songs.size()).toArray(), new int[0],
                    WINDOW, WINDOW, null, 1, StreamedWindows.DEFAULT_BUFFER, StreamedWindows.DEFAULT_PREFETCH);
            norm = sw.normalization();
            windows = sw;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(model, m, 1);
            new Trainer(block, m, s, Objective.of(s, null), 1, scratch.resolve("ckpt")).listener(new TrainingListener() {
                @Override
                public void onEpoch(io.chordflow.model.train.EpochMetrics metrics) {
                }

                @Override
                public void onStep(long step, double loss, double lr) {
                    long now = System.nanoTime();
                    if (step == 1) {
                        firstStep = now;
                    }
                    lastStep = now;
                }
            }).train(windows, norm, WINDOW);
        } finally {
            if (songs != null) {
                songs.close();
            }
        }
    }

    @TearDown(Level.Trial)
    public void report() throws Exception {
        double total = (System.nanoTime() - started) / 1e9;
        double loop = (lastStep - firstStep) / 1e9;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        System.out.printf(Locale.ROOT, "%nSTREAM-BENCH hours=%d source=%s steps=%d peak_rss_mib=%d windows_per_s_steps=%.1f"
                        + " windows_per_s_total=%.1f seconds_total=%.1f load=%s%n", hours, source, steps, hwm,
                (steps - 1) * BATCH / loop, steps * BATCH / total, total, uptime());
        if (server != null) {
            server.close();
        }
        try (var files = Files.walk(scratch)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String uptime() throws IOException {
        String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return l[0] + "/" + l[1] + "/" + l[2];
    }
}
