package io.chordflow.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Batch;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.Window;
import io.chordflow.model.loss.Losses;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 15's first-step NaN, on demand (not a test): what a garbage collection between a training step's forward pass
 * and its backward pass does to the gradients. DJL (PyTorch engine, CPU) makes the scalar of {@code x.mul(2f)},
 * {@code div}, {@code pow} with {@code torch::from_blob} over a Java direct buffer and closes it as soon as the op
 * returns; autograd keeps that tensor for the backward pass, and once a GC has freed the buffer the backward pass
 * reads whatever the memory holds by then. {@link #pressure()} forces that: a GC, then fresh direct buffers filled
 * with NaN that take the freed memory.
 *
 * <p>First {@code steps} steps of the smoke BTC (focal loss), each run three times: without a GC, with one before the
 * backward pass, and without again (which parameters' gradients changed or are non-finite); then the real {@link Trainer}
 * for {@code trainer-steps} steps without and with a GC before each backward pass (how many updates it skipped). With
 * {@code natural}, only the trainer without forced GCs: run it with a small heap ({@code -Xmn4m}) so that the JVM's own
 * collections fall between forward and backward passes often.
 *
 * <pre>java -cp ... io.chordflow.model.train.GcBetweenForwardAndBackward [steps] [trainer-steps] [natural]</pre>
 */
public final class GcBetweenForwardAndBackward {
    private static final List<ByteBuffer> HELD = new ArrayList<>();

    private GcBetweenForwardAndBackward() {
    }

    /** A GC (which frees the direct buffers of closed arrays), then new direct buffers full of NaN in freed memory. */
    static void pressure() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(30); // the reference handler frees the buffers after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        HELD.clear();
        for (int i = 0; i < 4000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 << (i % 4)).order(ByteOrder.nativeOrder());
            while (b.remaining() >= 4) {
                b.putFloat(Float.NaN);
            }
            HELD.add(b);
        }
    }

    static ModelConfig smoke() {
        return new ModelConfig("btc", 25, null, 32, 1, 2, 32, null, 48, null, null, null, null);
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int trainerSteps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println("intra-op threads: " + System.getProperty("ai.djl.pytorch.num_threads", "(default)")
                + ", engine " + Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        List<Track> train = SyntheticChords.tracks(8, 160, 25, 3);
        Normalization norm = Normalization.of(train);
        List<Window> windows = Window.over(train, 48, 24);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(smoke(), m, 1);
            List<Pair<String, Parameter>> params = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                params.add(p);
                p.getValue().getArray().setRequiresGradient(true);
            }
            ParameterStore ps = new ParameterStore(m, false);
            int nanSteps = 0;
            int differing = 0;
            for (int s = 0; s < steps; s++) {
                List<Window> batch = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    batch.add(windows.get((s * 8 + i) % windows.size()));
                }
                Map<String, float[]> clean = gradients(block, m, ps, params, train, batch, norm, s, false);
                Map<String, float[]> pressed = gradients(block, m, ps, params, train, batch, norm, s, true);
                Map<String, float[]> again = gradients(block, m, ps, params, train, batch, norm, s, false);
                List<String> nonFinite = new ArrayList<>();
                List<String> changed = new ArrayList<>();
                for (String name : clean.keySet()) {
                    float[] a = clean.get(name);
                    float[] b = pressed.get(name);
                    boolean finite = true;
                    for (float v : b) {
                        finite &= Float.isFinite(v);
                    }
                    if (!finite) {
                        nonFinite.add(name);
                    }
                    if (!java.util.Arrays.equals(a, b)) {
                        changed.add(name);
                    }
                }
                boolean repeat = java.util.Arrays.deepEquals(clean.values().toArray(), again.values().toArray());
                if (!nonFinite.isEmpty()) {
                    nanSteps++;
                }
                if (!changed.isEmpty()) {
                    differing++;
                }
                System.out.printf("step %d: with a GC before backward %d of %d parameters' gradients differ, %d non-finite %s;"
                        + " the same step without it again: %s%n", s, changed.size(), clean.size(), nonFinite.size(),
                        nonFinite, repeat ? "identical, finite" : "DIFFERENT");
            }
            System.out.printf("SUMMARY model steps: %d of %d steps with non-finite gradients, %d with changed gradients%n",
                    nanSteps, steps, differing);
        }
        boolean natural = args.length > 2 && args[2].equals("natural");
        if (trainerSteps > 0) {
            trainer(train, norm, trainerSteps, false);
            if (!natural) {
                trainer(train, norm, trainerSteps, true);
            }
        }
    }

    /** The real trainer, smoke settings, with (or without) a GC between each step's loss and its backward pass. */
    private static void trainer(List<Track> all, Normalization norm, int steps, boolean press) throws Exception {
        var settings = new io.chordflow.contract.TrainingSettings(1000, 8, 24, 0.0, "focal", null, 3e-3, null, 1e-4, 1e-5,
                List.of(0.9, 0.98), 1e-8, "constant", null, null, null, 1.0, "val_loss", 50, 0, (long) steps, null, null);
        Objective focal = Objective.of(settings, null);
        Objective objective = press ? (z, b, t) -> {
            NDArray loss = focal.loss(z, b, t);
            pressure();
            return loss;
        } : focal;
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(smoke(), m, 1);
            var dir = Files.createTempDirectory("gc-repro");
            Trainer.Result r = new Trainer(block, m, settings, objective, 1, dir).train(all, List.of(), norm, 48);
            System.out.printf("SUMMARY trainer, GC before backward %s: %d steps, %d updates skipped (non-finite loss or gradient)%n",
                    press, r.state().globalStep, r.state().skippedSteps);
        }
    }

    private static Map<String, float[]> gradients(Block block, NDManager m, ParameterStore ps, List<Pair<String, Parameter>> params,
                                                  List<Track> train, List<Window> batch, Normalization norm, int step,
                                                  boolean press) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager sub = m.newSubManager()) {
            Batch b = Batch.of(sub, train, batch, 48);
            Models.seedEngine(1, "dropout/" + step);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.forward(ps, new NDList(b.normalized(norm)), true).singletonOrThrow();
                NDArray loss = Losses.focal(logits, b.hard(), b.mask(), 2.0);
                if (press) {
                    pressure();
                }
                gc.backward(loss);
            }
            for (Pair<String, Parameter> p : params) {
                NDArray g = p.getValue().getArray().getGradient();
                g.attach(sub);
                out.put(p.getKey(), g.toFloatArray());
                Trainer.zero(g);
            }
        }
        return out;
    }
}
