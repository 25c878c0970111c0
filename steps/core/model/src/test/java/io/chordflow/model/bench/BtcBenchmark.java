package io.chordflow.model.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.chordflow.chords.Vocabulary;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.infer.ChordRecognizer;
import io.chordflow.model.loss.Losses;
import io.chordflow.model.train.AdamW;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full-size BTC (170 classes, 3.0 M parameters) against the reference figures of the original
 * PyTorch code (eager, 2 threads): one AdamW step on a batch of 16 windows of 108 frames
 * ({@code trainStep}, seconds per step; reference ~1.8 s) and inference through
 * {@link ChordRecognizer} on a 1728-frame song ({@code inferFrames}, frames per second;
 * reference 4,400-6,600). Run with {@code make bench}; libtorch uses 2 threads.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
    "-Dai.djl.pytorch.num_interop_threads=1"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class BtcBenchmark {
    static final int BATCH = 16;
    static final int FRAMES = 108;
    static final int SONG_FRAMES = BATCH * FRAMES;

    private NDManager manager;
    private Block block;
    private AdamW adam;
    private List<Parameter> params;
    private ParameterStore ps;
    private float[] batchFeatures;
    private int[] batchLabels;
    private ModelArtifact artifact;
    private ChordRecognizer recognizer;
    private float[][] song;
    private Path dir;
    // per-call wall times: the median is robust to other tenants' bursts on a shared machine
    private final List<Long> stepNanos = new ArrayList<>();
    private final List<Long> inferNanos = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ModelConfig c = ModelConfig.of("btc", 170);
        manager = NDManager.newBaseManager();
        block = Models.initialized(c, manager, 0);
        params = new ArrayList<>();
        block.getParameters().forEach(p -> params.add(p.getValue()));
        adam = new AdamW(params, manager, 0.9, 0.98, 1e-9, 1e-5);
        ps = new ParameterStore(manager, false);
        Random r = new Random(0);
        batchFeatures = new float[BATCH * FRAMES * 144];
        for (int i = 0; i < batchFeatures.length; i++) {
            batchFeatures[i] = (float) r.nextGaussian();
        }
        batchLabels = new int[BATCH * FRAMES];
        for (int i = 0; i < batchLabels.length; i++) {
            batchLabels[i] = r.nextInt(170);
        }
        dir = Files.createTempDirectory("btc-bench");
        ModelArtifact.save(dir, c, Vocabulary.LARGE.name(), FeatureSpec.BTC, new Normalization(0, 1), block);
        artifact = ModelArtifact.load(dir);
        recognizer = new ChordRecognizer(artifact);
        song = new float[SONG_FRAMES][144];
        for (float[] row : song) {
            for (int b = 0; b < 144; b++) {
                row[b] = (float) r.nextGaussian();
            }
        }
        System.out.println("BTC parameters: " + Models.parameterCount(block) + ", threads: "
                + System.getProperty("ai.djl.pytorch.num_threads"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (!stepNanos.isEmpty()) {
            System.out.printf("%nBTC train step (batch 16x108): median %.3f s, p10 %.3f s, p90 %.3f s over %d steps"
                    + " (reference PyTorch 1.13: ~1.8 s)%n", pct(stepNanos, 50) / 1e9, pct(stepNanos, 10) / 1e9,
                    pct(stepNanos, 90) / 1e9, stepNanos.size());
        }
        if (!inferNanos.isEmpty()) {
            System.out.printf("%nBTC inference: median %.0f frames/s, p10 %.0f, p90 %.0f over %d songs of %d frames"
                    + " (reference: 4,400-6,600 frames/s)%n", SONG_FRAMES / (pct(inferNanos, 50) / 1e9),
                    SONG_FRAMES / (pct(inferNanos, 90) / 1e9), SONG_FRAMES / (pct(inferNanos, 10) / 1e9),
                    inferNanos.size(), SONG_FRAMES);
        }
        adam.close();
        artifact.close();
        manager.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One training step: forward (dropout on), focal loss, backward, AdamW update, zero gradients. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float trainStep() {
        long t0 = System.nanoTime();
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(batchFeatures, new Shape(BATCH, FRAMES, 144));
            NDArray y = sub.create(batchLabels, new Shape(BATCH, FRAMES));
            NDArray mask = sub.ones(new Shape(BATCH, FRAMES));
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.forward(ps, new NDList(x), true).singletonOrThrow();
                loss = Losses.focal(logits, y, mask, 2);
                gc.backward(loss);
            }
            adam.step(1e-4, sub);
            for (Parameter p : params) {
                NDArray g = p.getArray().getGradient();
                g.attach(sub);
                g.subi(g);
            }
            float value = loss.getFloat();
            stepNanos.add(System.nanoTime() - t0);
            return value;
        }
    }

    /** Inference over a 1728-frame song (16 windows of 108 in one batch); score = frames/s. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(SONG_FRAMES)
    public float[][] inferFrames() {
        long t0 = System.nanoTime();
        float[][] out = recognizer.logits(song);
        inferNanos.add(System.nanoTime() - t0);
        return out;
    }

    private static double pct(List<Long> xs, int p) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(Math.min(s.size() - 1, s.size() * p / 100));
    }
}
