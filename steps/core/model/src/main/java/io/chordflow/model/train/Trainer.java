package io.chordflow.model.train;

import io.chordflow.contract.TrainingSettings;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.chordflow.common.Seeds;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.progress.Progress;
import io.chordflow.model.MajMin;
import io.chordflow.model.Models;
import io.chordflow.model.data.Batch;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.TrainingWindows;
import io.chordflow.model.data.Window;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: seeded window order per epoch, AdamW with the {@link LearningRate}
 * schedule, gradient-norm clipping, reduce-on-plateau, early stopping, checkpoints every
 * {@code checkpoint_every} steps and at each epoch end, and the best weights (by the early-stopping
 * metric) kept in {@value #BEST}.
 *
 * <p>Exact resume: everything random is a function of the seed and the position, never of
 * history: the window order of epoch e comes from {@code Seeds.random(seed, "order/e")} and
 * libtorch's generator is re-seeded from {@code (seed, global step)} before each step's forward
 * pass, so dropout masks do not depend on what ran before. A checkpoint holds the weights, the
 * AdamW moments and {@link TrainingState}; a run restarted from it repeats the remaining steps
 * bit for bit (same thread count).
 *
 * <p>Native memory: each step and each validation batch runs in its own sub-manager that is
 * closed at the end, so only weights, gradients and moments live across steps.
 */
public final class Trainer {
    public static final String BEST = "best.params";
    private static final Logger log = LoggerFactory.getLogger(Trainer.class);

    private final Block block;
    private final NDManager manager;
    private final TrainingSettings settings;
    private final Objective objective;
    private final long seed;
    private final Path workDir;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Block teacher;
    private Normalization teacherNorm;
    private long haltAfter;
    private float maskFill;
    private io.chordflow.chords.Vocabulary augment;
    private io.chordflow.chords.Vocabulary vocabulary;

    /** {@code block} is initialised (fresh or from a start model) in {@code manager}. */
    public Trainer(Block block, NDManager manager, TrainingSettings settings, Objective objective, long seed, Path workDir) {
        this.block = block;
        this.manager = manager;
        this.settings = settings;
        this.objective = objective;
        this.seed = seed;
        this.workDir = workDir;
    }

    public Trainer listener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** The frozen teacher for KD and its own feature normalisation. */
    public Trainer teacher(Block teacherBlock, Normalization norm) {
        this.teacher = teacherBlock;
        this.teacherNorm = norm;
        for (Pair<String, Parameter> p : teacherBlock.getParameters()) {
            p.getValue().freeze(true);
        }
        return this;
    }

    /**
     * The targets' vocabulary (for transposing under pitch shift and for the majmin validation
     * score; no majmin score for the key task). Default: large for 170 classes, majmin for 25.
     */
    public Trainer vocabulary(io.chordflow.chords.Vocabulary v) {
        this.vocabulary = v;
        return this;
    }

    /** Stops the run abruptly after this many global steps, as a kill would (no final save). For tests. */
    public Trainer haltAfterSteps(long steps) {
        this.haltAfter = steps;
        return this;
    }

    /** What a finished (or halted) run leaves behind. */
    public record Result(TrainingState state, Path bestWeights, boolean halted) {
    }

    /**
     * Trains on {@code train}, validating on {@code val} (may be empty: the training loss then
     * drives early stopping). Resumes from {@code workDir/checkpoint.bin} when present.
     */
    public Result train(List<Track> train, List<Track> val, Normalization norm, int window) throws IOException {
        return train(new MemoryWindows(train, val, window, settings.stride(), settings.mixRatio(), seed), norm, window);
    }

    /**
     * Trains on {@code data}'s epochs, validating on its validation windows (none: the training
     * loss then drives early stopping). Resumes from {@code workDir/checkpoint.bin} when present,
     * at the checkpoint's epoch and position in that epoch's window order.
     */
    public Result train(TrainingWindows data, Normalization norm, int window) throws IOException {
        if (objective.needsTeacher() && teacher == null) {
            throw new IllegalStateException("the kd loss needs a teacher");
        }
        Files.createDirectories(workDir);
        removeStaleParts();
        List<Parameter> params = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            params.add(p.getValue());
            p.getValue().getArray().setRequiresGradient(true); // weights loaded from a file come without
        }
        try (NDManager sub = manager.newSubManager()) {
            zeroGradients(params, sub); // start from exact zeros, whatever the buffers held
        }
        long stepsPerEpoch = (data.windowsPerEpoch() + settings.batchSize() - 1) / settings.batchSize();
        LearningRate schedule = new LearningRate(settings, stepsPerEpoch);
        ParameterStore ps = new ParameterStore(manager, false);
        Path ckpt = workDir.resolve(Checkpoint.FILE);
        int classes = data.classes();
        if (vocabulary == null) {
            vocabulary = switch (classes) {
                case 170 -> io.chordflow.chords.Vocabulary.LARGE;
                case 25 -> io.chordflow.chords.Vocabulary.MAJMIN;
                default -> null;
            };
        }
        if (settings.augments() && (vocabulary == null || vocabulary.size() != classes)) {
            throw new io.chordflow.common.InputException("pitch_shift needs the large, majmin or key25 vocabulary, the"
                    + " targets have " + classes + " classes");
        }
        augment = settings.augments() ? vocabulary : null;
        maskFill = (float) norm.mean();
        try (AdamW adam = new AdamW(params, manager, settings.betas().get(0), settings.betas().get(1), settings.eps(),
                settings.weightDecay())) {
            String run = io.chordflow.common.io.Hashes.sha256(settings + "|" + seed + "|" + data.fingerprint()
                    + "|" + Models.parameterCount(block) + "|" + window);
            TrainingState st = new TrainingState();
            st.run = run;
            if (Files.exists(ckpt)) {
                st = Checkpoint.load(ckpt, manager, block, adam, params);
                if (!run.equals(st.run)) {
                    throw new io.chordflow.common.InputException(ckpt + ": checkpoint of a different run (settings, seed, data"
                            + " or model differ); remove it or use another checkpoint folder");
                }
            }
            if (st.globalStep > 0) {
                log.info("resuming at epoch {} step {} (global step {})", st.epoch + 1, st.stepInEpoch, st.globalStep);
            }
            long totalSteps = stepsPerEpoch * settings.epochs();
            // counts the steps of this run only, so the rate and ETA stay right after a resume
            try (Progress progress = new Progress("train", Math.max(0, totalSteps - st.globalStep), "steps")) {
                while (!st.finished && st.epoch < settings.epochs()) {
                    long epochStart = System.nanoTime();
                    long cursor = data instanceof MemoryWindows ? st.stepInEpoch * settings.batchSize() : st.dataCursor;
                    try (TrainingWindows.Batches batches = data.epoch(st.epoch, cursor, settings.batchSize())) {
                        for (; st.stepInEpoch < stepsPerEpoch; ) {
                            if (haltAfter > 0 && st.globalStep >= haltAfter) {
                                return new Result(st, workDir.resolve(BEST), true);
                            }
                            if (settings.maxSteps() > 0 && st.globalStep >= settings.maxSteps()) {
                                st.finished = true; // step budget spent: close this (partial) epoch and stop
                                break;
                            }
                            if (!batches.hasNext()) {
                                break; // windows of a corrupt shard were skipped: this epoch is shorter
                            }
                            TrainingWindows.Slice batch = batches.next();
                            double lr = schedule.at(st.globalStep, st.plateauScale);
                            double loss = step(ps, params, adam, batch.tracks(), batch.windows(), norm, window, lr, st);
                            st.stepInEpoch++;
                            st.globalStep++;
                            st.dataCursor = batch.cursor();
                            progress.advance(1);
                            for (TrainingListener l : listeners) {
                                l.onStep(st.globalStep, loss, lr);
                            }
                            if (settings.checkpointEvery() > 0 && st.globalStep % settings.checkpointEvery() == 0) {
                                Checkpoint.save(ckpt, st, block, adam);
                            }
                        }
                    }
                    endEpoch(st, ps, data.hasValidation() ? data : null, norm, window, classes,
                            schedule.at(st.globalStep, st.plateauScale), (System.nanoTime() - epochStart) / 1e9);
                    Checkpoint.save(ckpt, st, block, adam);
                }
            }
            st.finished = true;
            Checkpoint.save(ckpt, st, block, adam);
            return new Result(st, workDir.resolve(BEST), false);
        }
    }

    private double step(ParameterStore ps, List<Parameter> params, AdamW adam, List<Track> tracks, List<Window> windows,
                        Normalization norm, int window, double lr, TrainingState st) {
        try (NDManager sub = manager.newSubManager()) {
            Batch b = augment == null ? Batch.of(sub, tracks, windows, window)
                    : Batch.of(sub, tracks, windows, window, augmentation(tracks, windows, st.globalStep), augment, maskFill);
            NDArray teacherLogits = null;
            if (teacher != null) {
                teacherLogits = teacher.forward(ps, new ai.djl.ndarray.NDList(b.normalized(teacherNorm)), false).singletonOrThrow();
            }
            Models.seedEngine(seed, "dropout/" + st.globalStep);
            NDArray logits;
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                logits = block.forward(ps, new ai.djl.ndarray.NDList(b.normalized(norm)), true).singletonOrThrow();
                loss = objective.loss(logits, b, teacherLogits);
                gc.backward(loss);
            }
            float value = loss.getFloat();
            double gradNorm = clip(params, settings.gradClip(), sub);
            if (Double.isFinite(value) && Double.isFinite(gradNorm)) {
                adam.step(lr, sub);
            } else {
                if (log.isDebugEnabled()) {
                    for (Parameter p : params) {
                        NDArray g = p.getArray().getGradient();
                        g.attach(sub);
                        if (!Double.isFinite(g.square().sum().getFloat())) {
                            log.debug("non-finite gradient first in {}", p.getName());
                            break;
                        }
                    }
                }
                // a non-finite loss or gradient would poison the weights and the moments for good: skip the update
                st.skippedSteps++;
                log.warn("step {}: non-finite loss {} or gradient norm {}; update skipped ({} so far)", st.globalStep,
                        value, gradNorm, st.skippedSteps);
            }
            zeroGradients(params, sub);
            if (!Double.isFinite(value)) {
                return value;
            }
            st.lossSum += (double) value * b.frames();
            st.frames += b.frames();
            st.correct += correct(logits, b);
            return value;
        }
    }

    private static long correct(NDArray logits, Batch b) {
        NDArray hit = logits.argMax(-1).eq(b.hard().toType(ai.djl.ndarray.types.DataType.INT64, false))
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mul(b.mask());
        return Math.round(hit.sum().getFloat());
    }

    /**
     * The global L2 norm of all gradients; when {@code max > 0} scales them so that it is at most
     * {@code max} (as torch's clip_grad_norm_).
     */
    static double clip(List<Parameter> params, double max, NDManager sub) {
        double sq = 0;
        List<NDArray> grads = new ArrayList<>();
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            g.attach(sub);
            grads.add(g);
            sq += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(sq);
        double coef = max / (norm + 1e-6);
        if (max > 0 && coef < 1 && Double.isFinite(norm)) {
            for (NDArray g : grads) {
                g.muli((float) coef);
            }
        }
        return norm;
    }

    private static void zeroGradients(List<Parameter> params, NDManager sub) {
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            g.attach(sub);
            zero(g);
        }
    }

    /**
     * Sets a gradient to 0 in place. Not {@code g - g} (as DJL's own zeroGradients does): that keeps a NaN, and
     * one NaN (or an uninitialised gradient buffer) would then make every later update be skipped.
     */
    static void zero(NDArray g) {
        g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
    }

    private void endEpoch(TrainingState st, ParameterStore ps, TrainingWindows val, Normalization norm, int window,
                          int classes, double lr, double seconds) throws IOException {
        double trainLoss = st.lossSum / Math.max(1, st.frames);
        double trainAcc = (double) st.correct / Math.max(1, st.frames);
        double[] v = val == null ? new double[] {trainLoss, trainAcc, Double.NaN}
                : validate(ps, val, norm, window, classes);
        EpochMetrics m = new EpochMetrics(st.epoch + 1, st.globalStep, lr, trainLoss, trainAcc, v[0], v[1], v[2], seconds,
                st.skippedSteps);
        st.history.add(m);
        log.info("epoch {}: loss {} acc {} val_loss {} val_acc {} val_majmin {} lr {}", m.epoch(), fmt(trainLoss),
                fmt(trainAcc), fmt(v[0]), fmt(v[1]), fmt(v[2]), String.format("%.3g", lr));
        for (TrainingListener l : listeners) {
            l.onEpoch(m);
        }
        double score = switch (settings.earlyStoppingMetric()) {
            case "val_accuracy" -> -v[1];
            case "val_majmin" -> Double.isNaN(v[2]) ? -v[1] : -v[2];
            default -> v[0];
        };
        if (Stopping.afterEpoch(st, score, settings)) {
            saveWeights(workDir.resolve(BEST));
        }
        if (st.badEpochs >= settings.patience()) {
            log.info("early stop after epoch {}: no improvement in {} epochs", st.epoch + 1, st.badEpochs);
        }
        st.epoch++;
        st.stepInEpoch = 0;
        st.dataCursor = 0;
        st.lossSum = 0;
        st.frames = 0;
        st.correct = 0;
    }

    /** {val loss (CE), frame accuracy, majmin frame accuracy} over non-overlapping windows. */
    private double[] validate(ParameterStore ps, TrainingWindows val, Normalization norm, int window, int classes) {
        double loss = 0;
        long frames = 0;
        long correct = 0;
        long mmFrames = 0;
        long mmCorrect = 0;
        try (TrainingWindows.Batches batches = val.validation(settings.batchSize())) {
            while (batches.hasNext()) {
                TrainingWindows.Slice slice = batches.next();
                try (NDManager sub = manager.newSubManager()) {
                    Batch b = Batch.of(sub, slice.tracks(), slice.windows(), window);
                    NDArray logits = block.forward(ps, new ai.djl.ndarray.NDList(b.normalized(norm)), false).singletonOrThrow();
                    loss += io.chordflow.model.loss.Losses.crossEntropy(logits, b.hard(), b.mask()).getFloat() * b.frames();
                    frames += b.frames();
                    int[] est = logits.argMax(-1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                    int[] ref = b.hard().toIntArray();
                    float[] mask = b.mask().toFloatArray();
                    for (int f = 0; f < est.length; f++) {
                        if (mask[f] == 0) {
                            continue;
                        }
                        if (est[f] == ref[f]) {
                            correct++;
                        }
                        int r = MajMin.reduce(ref[f], classes);
                        if (r != MajMin.NONE) {
                            mmFrames++;
                            if (MajMin.reduce(est[f], classes) == r) {
                                mmCorrect++;
                            }
                        }
                    }
                }
            }
        }
        boolean chords = vocabulary == null || !(vocabulary instanceof io.chordflow.model.KeyClasses);
        double majmin = chords && MajMin.supported(classes) && mmFrames > 0 ? (double) mmCorrect / mmFrames : Double.NaN;
        return new double[] {loss / Math.max(1, frames), (double) correct / Math.max(1, frames), majmin};
    }

    /**
     * A process killed inside a write of {@value Checkpoint#FILE} or {@value #BEST} leaves its temporary
     * {@code .NAME*.part} file (the target itself is untouched: the writes are atomic); a run in this folder removes them.
     */
    private void removeStaleParts() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(workDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".part") && (name.startsWith("." + Checkpoint.FILE) || name.startsWith("." + BEST))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private void saveWeights(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            block.saveParameters(out);
            out.flush();
        });
    }

    /**
     * The augmentation of one step's windows, a function of (seed, step) only, so a resumed run
     * repeats it: the pitch shifts from stream {@code shift/STEP} (one draw per window, in batch
     * order), the frequency masks from {@code freq-mask/STEP/i}, the time masks from
     * {@code time-mask/STEP/i}. With {@code augment_pseudo_only} a window of a ground-truth song
     * is left clean (its draws are still made, so the streams do not depend on the mix).
     */
    private java.util.function.IntFunction<Batch.Augment> augmentation(List<Track> tracks, List<Window> windows, long step) {
        int n = windows.size();
        int[] shifts = new int[n];
        if (!settings.pitchShift().isEmpty()) {
            int lo = settings.pitchShift().get(0);
            int hi = settings.pitchShift().get(1);
            SplittableRandom r = Seeds.random(seed, "shift/" + step);
            for (int i = 0; i < n; i++) {
                shifts[i] = lo + r.nextInt(hi - lo + 1);
            }
        }
        Batch.Augment[] out = new Batch.Augment[n];
        for (int i = 0; i < n; i++) {
            boolean clean = settings.augmentPseudoOnly() && !tracks.get(windows.get(i).track()).pseudo();
            Batch.Masks fm = settings.freqMasks() == 0 ? null : new Batch.Masks(settings.freqMasks(),
                    settings.freqMaskFraction(), Seeds.random(seed, "freq-mask/" + step + "/" + i));
            Batch.Masks tm = settings.timeMasks() == 0 ? null : new Batch.Masks(settings.timeMasks(),
                    settings.timeMaskFraction(), Seeds.random(seed, "time-mask/" + step + "/" + i));
            out[i] = clean ? Batch.Augment.NONE : new Batch.Augment(shifts[i], fm, tm);
        }
        return i -> out[i];
    }

    /**
     * Paper 2's mixed training set with a set share of pseudo-labelled windows: every epoch has
     * as many windows as the two sets together, {@code round(ratio * total)} of them (at least one,
     * and at least one labelled) drawn from the pseudo-labelled songs' windows and the rest from the
     * labelled songs' windows, each side as consecutive seeded permutations of its windows (so every
     * window is used before any repeats). A function of (seed, epoch): resume repeats it.
     */
    record EpochMix(List<Window> pseudo, List<Window> labeled, double ratio) {
        static EpochMix of(List<Track> train, List<Window> windows, Double ratio) {
            if (ratio == null) {
                return null;
            }
            List<Window> p = new ArrayList<>();
            List<Window> l = new ArrayList<>();
            for (Window w : windows) {
                (train.get(w.track()).pseudo() ? p : l).add(w);
            }
            if (p.isEmpty() || l.isEmpty()) {
                log.warn("mix_ratio {} ignored: the training songs are all {}", ratio, p.isEmpty() ? "labelled" : "pseudo-labelled");
                return null;
            }
            return new EpochMix(p, l, ratio);
        }

        List<Window> windows(long seed, int epoch) {
            int total = pseudo.size() + labeled.size();
            int nPseudo = (int) Math.max(1, Math.min(total - 1, Math.round(ratio * total)));
            List<Window> out = new ArrayList<>(total);
            draw(pseudo, nPseudo, Seeds.random(seed, "mix-pseudo/" + epoch), out);
            draw(labeled, total - nPseudo, Seeds.random(seed, "mix-labeled/" + epoch), out);
            return out;
        }

        private static void draw(List<Window> from, int n, SplittableRandom r, List<Window> out) {
            int[] idx = new int[from.size()];
            for (int taken = 0; taken < n; ) {
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = i;
                }
                for (int i = idx.length - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                }
                for (int i = 0; i < idx.length && taken < n; i++, taken++) {
                    out.add(from.get(idx[i]));
                }
            }
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
