package io.chordflow.steps.features;

import io.chordflow.audio.AudioLoader;
import io.chordflow.audio.augment.AudioAugment;
import io.chordflow.common.Seeds;
import io.chordflow.audio.cqt.CqtFeatures;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Json;
import io.chordflow.common.io.Npy;
import io.chordflow.common.progress.Progress;
import io.chordflow.common.provenance.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.chordflow.tracking.StepCommand;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Step: audio files to CQT feature files ({@link CqtFeatures}), one {@code .npy} [frames, 144] float32 per
 * input at the same relative path (extension replaced by {@code .npy}), plus a manifest and provenance.
 * Idempotent: a file whose source hash matches the previous manifest's entry (and whose feature file is
 * still there) is not recomputed; the same shard run twice writes the same bytes. A file that cannot be
 * decoded is listed under {@code failed} and the shard goes on; exit codes as {@link io.chordflow.common.cli.SkipPolicy}:
 * 3 when some files failed (list in {@code OUTPUT/skipped.txt}), 2 and no manifest when every file failed.
 * Parameters and counts (files, computed, skipped, failed, audio hours, wall seconds) go to the tracker chosen
 * by {@code MLFLOW_TRACKING_URI} (chordflow-tracking's {@link StepRun}).
 *
 * <p>A2 (paper 2's audio augmentation, {@code --augment-audio P --copies K}): besides (or, with
 * {@code --augmented-only}, instead of) {@code REL.npy}, K copies {@code REL.aug<k>.npy}, each the CQT of
 * {@link io.chordflow.audio.augment.AudioAugment#defaults}(P) applied to the decoded audio with a random stream
 * derived from (augment seed, REL, k): deterministic, and the same whatever the shard or thread count. The
 * manifest lists each copy with its {@code augmentation} and the transforms {@code applied}. A2 does not move
 * anything in time, so a copy trains on {@code REL}'s labels (the model module's {@code TrackLoader} pairs them).
 * A2 lives here and not in the training loop because it needs the audio and a CQT per example: a fresh CQT
 * per window per epoch would cost far more than K precomputed copies; A1/A3/A4 work on the CQT and run on the fly.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute CQT features (.npy) for every audio file under --input.")
public final class FeaturesStep extends StepCommand {
    static final String STEP_VERSION = "1";
    private static final Logger log = LoggerFactory.getLogger(FeaturesStep.class);

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    io.chordflow.common.cli.SkipPolicy skips = new io.chordflow.common.cli.SkipPolicy();

    @Option(names = "--input", required = true, description = "folder (or file:// URI) of audio files")
    String input;

    @Option(names = "--output", required = true, description = "folder for .npy files, manifest and provenance")
    String output;

    @Option(names = "--shard", description = "I/N: only this shard of the files (0-based), default all")
    String shard;

    @Option(names = "--threads", description = "files decoded in parallel (default: available cores)")
    Integer threads;

    @Option(names = "--augment-audio", paramLabel = "P", description = "A2: also write --copies augmented variants of"
            + " each file, REL.aug<k>.npy, each transform (noise, gain, high/low-pass, polarity) applied with probability P")
    Double augmentAudio;

    @Option(names = "--copies", paramLabel = "K", defaultValue = "1", description = "A2 copies per file (default 1)")
    int copies;

    @Option(names = "--augment-seed", paramLabel = "S", description = "seed of the A2 draws (default: --seed); copy k of"
            + " REL draws from (S, REL, k), so the copies do not depend on the shard or thread count")
    Long augmentSeed;

    @Option(names = "--shards", description = "also write this shard's features as one streamable shard with an index,"
            + " OUTPUT/stream/features-IIII-of-NNNN.cfshard(.json), for training on more data than fits in memory")
    boolean shards;

    @Option(names = "--augmented-only", description = "with --augment-audio: write only the augmented copies, not the clean .npy")
    boolean augmentedOnly;

    public FeaturesStep() {
        this(System.getenv());
    }

    /** {@code env}: where the tracker (MLFLOW_TRACKING_URI, MLFLOW_RUN_ID, ...) is found; the run opens once the input is found. */
    FeaturesStep(Map<String, String> env) {
        super("features", STEP_VERSION, env, StepRun.Start.ON_FIRST_USE);
    }

    public static void main(String[] args) {
        Cli.main(new FeaturesStep(), args);
    }

    @Override
    protected Map<String, String> runTags() {
        return Map.of(Tags.INPUTS, input);
    }

    @Override
    protected int run(StepRun run, Provenance.Builder prov) throws Exception {
        Shard sh = Shard.parse(shard);
        skips.validate();
        // s3:// input is fetched, s3:// output staged and committed (this shard's part) at the end
        stepIo.shard(sh.index(), sh.count());
        FeaturesIo io = new LocalFeaturesIo(stepIo.input(input, "--input").toString(), stepIo.output(output, "--output").toString());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("input", input);
        params.put("output", output);
        params.put("shard", sh.index() + "/" + sh.count());
        params.put("seed", seed);
        params.put("feature_spec", CqtFeatures.SPEC.toString());
        if (augmentAudio != null) {
            params.put("augment_audio", augmentAudio);
            params.put("copies", copies);
            params.put("augment_seed", augmentSeed == null ? seed : augmentSeed);
            params.put("augmented_only", augmentedOnly);
        }
        run.logParams(params);
        long t0 = System.nanoTime();
        Result r = compute(io, sh, threads == null ? Runtime.getRuntime().availableProcessors() : threads, prov);
        double secs = (System.nanoTime() - t0) / 1e9;
        double audio = r.manifest.tracks().stream().mapToDouble(FeaturesManifest.Track::seconds).sum();
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("files", r.manifest.tracks().size());
        metrics.put("files_computed", r.computed);
        metrics.put("files_skipped", r.skipped);
        metrics.put("files_failed", r.manifest.failed().size());
        metrics.put("audio_hours", audio / 3600);
        metrics.put("wall_seconds", secs);
        run.logMetrics(metrics, 0);
        // no usable input (every file failed): compute() wrote no manifest, the outcome throws (exit 2, the run FAILED)
        List<String> failed = r.manifest.failed().stream().map(f -> f.source() + ": " + f.reason()).toList();
        return skips.outcome("features", "files", r.manifest.tracks().isEmpty() ? failed.size()
                        : r.computed + r.skipped + failed.size(), failed,
                failed.isEmpty() ? null : io.outputDir().resolve("skipped" + sh.suffix() + ".txt"), spec.commandLine().getErr());
    }

    record Result(FeaturesManifest manifest, int computed, int skipped) {
    }

    /** One file's outcome, in input order. */
    private record Outcome(List<FeaturesManifest.Track> tracks, FeaturesManifest.Failure failure, boolean reused,
                           double seconds) {
    }

    /** The A2 settings, or null when off. */
    record A2(double probability, int copies, long seed, boolean only) {
        String describe(int k) {
            return String.format(java.util.Locale.ROOT, "A2 p=%s seed=%d copy=%d", probability, seed, k);
        }
    }

    A2 a2() {
        if (augmentAudio == null) {
            if (augmentedOnly) {
                throw new InputException("--augmented-only needs --augment-audio P");
            }
            return null;
        }
        if (!(augmentAudio >= 0 && augmentAudio <= 1)) {
            throw new InputException("--augment-audio " + augmentAudio + ": expected a probability in [0, 1]");
        }
        if (copies < 1) {
            throw new InputException("--copies " + copies + ": expected at least 1");
        }
        return new A2(augmentAudio, copies, augmentSeed == null ? seed : augmentSeed, augmentedOnly);
    }

    /** {@code a/b.npy -> a/b.aug<k>.npy}. */
    static String augmentedName(String featuresRel, int k) {
        return featuresRel.substring(0, featuresRel.length() - ".npy".length()) + ".aug" + k + ".npy";
    }

    /** The shard's features into {@code io}, its manifest and provenance ({@code prov}, this step's); nothing when every file failed. */
    Result compute(FeaturesIo io, Shard sh, int nThreads, Provenance.Builder prov) throws IOException, InterruptedException {
        A2 a2 = a2();
        prov.config("input", input).config("output", output).config("shard", sh.index() + "/" + sh.count())
                .config("feature_spec", CqtFeatures.SPEC)
                .config("augment_audio", a2 == null ? "off" : a2);
        Path out = io.outputDir();
        Files.createDirectories(out);
        List<String> all = io.listAudio();
        List<String> mine = all.stream().filter(sh::contains).toList();
        Map<String, String> outputs = outputNames(all);
        Path manifestFile = out.resolve("manifest" + sh.suffix() + ".json");
        Map<String, FeaturesManifest.Track> previous = previous(manifestFile);
        log.info("features: {} of {} audio files in shard {}/{}", mine.size(), all.size(), sh.index(), sh.count());

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, nThreads), r -> {
            Thread t = new Thread(r, "features");
            t.setDaemon(true);
            return t;
        });
        List<FeaturesManifest.Track> tracks = new ArrayList<>();
        List<FeaturesManifest.Failure> failed = new ArrayList<>();
        int computed = 0;
        int skipped = 0;
        try (Progress progress = new Progress("features", mine.size(), "files").withExtra("h audio")) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String rel : mine) {
                futures.add(pool.submit(() -> one(io, rel, outputs.get(rel), previous, a2)));
            }
            for (int i = 0; i < futures.size(); i++) {
                Outcome o;
                try {
                    o = futures.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("features: " + mine.get(i) + ": " + e.getCause(), e.getCause());
                }
                if (o.tracks != null) {
                    tracks.addAll(o.tracks);
                    prov.input(mine.get(i), o.tracks.get(0).sourceSha256());
                    if (o.reused) {
                        skipped++;
                    } else {
                        computed++;
                    }
                } else {
                    failed.add(o.failure);
                    log.warn("features: {} failed: {}", o.failure.source(), o.failure.reason());
                }
                progress.advance(1, o.seconds / 3600);
            }
        } finally {
            pool.shutdownNow();
        }
        FeaturesManifest m = new FeaturesManifest(FeaturesManifest.FORMAT_VERSION, CqtFeatures.SPEC,
                sh.index() + "/" + sh.count(), tracks, failed);
        if (tracks.isEmpty() && !failed.isEmpty()) {
            log.warn("features: every file failed ({}): no manifest written", failed.size());
            return new Result(m, computed, skipped); // no usable input: no manifest, no provenance
        }
        AtomicFiles.write(manifestFile, Json.MAPPER.writeValueAsBytes(m));
        if (shards) {
            FeatureShards.write(out, sh, tracks);
        }
        writeProvenance(prov.config("computed", computed).config("skipped", skipped)
                .config("failed", failed.size()).build(), out, sh);
        io.finish();
        log.info("features: {} computed, {} already done, {} failed", computed, skipped, failed.size());
        return new Result(m, computed, skipped);
    }

    /**
     * One audio file: its clean features (unless {@code --augmented-only}) and its A2 copies. Reused as a whole
     * when the previous manifest lists every output with the same source hash, augmentation and file hash.
     */
    private Outcome one(FeaturesIo io, String rel, String featuresRel, Map<String, FeaturesManifest.Track> previous,
                        A2 a2) throws IOException {
        Path src = io.input(rel);
        String sha;
        try {
            sha = Hashes.sha256(src);
        } catch (java.io.UncheckedIOException e) {
            return new Outcome(null, new FeaturesManifest.Failure(rel, "unreadable: " + e.getCause().getMessage()),
                    false, 0);
        }
        List<String> names = new ArrayList<>();
        List<String> augmentations = new ArrayList<>();
        if (a2 == null || !a2.only()) {
            names.add(featuresRel);
            augmentations.add(null);
        }
        for (int k = 0; a2 != null && k < a2.copies(); k++) {
            names.add(augmentedName(featuresRel, k));
            augmentations.add(a2.describe(k));
        }
        List<FeaturesManifest.Track> reused = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            FeaturesManifest.Track prev = previous.get(names.get(i));
            Path dst = io.outputDir().resolve(names.get(i));
            if (prev != null && prev.sourceSha256().equals(sha) && prev.source().equals(rel)
                    && java.util.Objects.equals(prev.augmentation(), augmentations.get(i))
                    && Files.isRegularFile(dst) && Hashes.sha256(dst).equals(prev.featuresSha256())) {
                reused.add(prev);
            }
        }
        if (reused.size() == names.size()) {
            return new Outcome(reused, null, true, reused.get(0).seconds());
        }
        FeatureSpec spec = CqtFeatures.SPEC;
        float[] y;
        try {
            y = AudioLoader.load(src, spec.sampleRate());
        } catch (InputException e) {
            String msg = e.getMessage();
            String prefix = src + ": ";
            return new Outcome(null, new FeaturesManifest.Failure(rel, msg.startsWith(prefix)
                    ? msg.substring(prefix.length()) : msg), false, 0);
        }
        double seconds = y.length / (double) spec.sampleRate();
        List<FeaturesManifest.Track> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            float[] audio = y;
            List<String> applied = null;
            if (augmentations.get(i) != null) {
                int k = i - (names.size() - a2.copies());
                java.util.SplittableRandom rng = Seeds.random(a2.seed(), "a2/" + rel + "/" + k);
                AudioAugment.Result r = AudioAugment
                        .defaults(a2.probability()).apply(y, spec.sampleRate(), rng);
                audio = r.samples();
                applied = r.applied();
            }
            Path dst = io.outputDir().resolve(names.get(i));
            float[][] c = CqtFeatures.compute(audio);
            float[] flat = new float[c.length * spec.bins()];
            for (int t = 0; t < c.length; t++) {
                System.arraycopy(c[t], 0, flat, t * spec.bins(), spec.bins());
            }
            Npy.writeFloat32(dst, flat, c.length, spec.bins());
            String id = names.get(i).substring(0, names.get(i).length() - ".npy".length());
            out.add(new FeaturesManifest.Track(id, rel, sha, y.length, seconds, c.length, names.get(i), Hashes.sha256(dst),
                    augmentations.get(i), applied));
        }
        return new Outcome(out, null, false, seconds);
    }

    /**
     * {@code a/b.wav -> a/b.npy}; when two inputs would share a name ({@code b.wav}, {@code b.mp3}) both keep
     * their extension instead ({@code b.wav.npy}). Decided over the whole input, so shards agree.
     */
    static Map<String, String> outputNames(List<String> all) {
        Map<String, Integer> count = new HashMap<>();
        for (String rel : all) {
            count.merge(stripExtension(rel), 1, Integer::sum);
        }
        Map<String, String> out = new HashMap<>();
        for (String rel : all) {
            String base = stripExtension(rel);
            out.put(rel, (count.get(base) > 1 ? rel : base) + ".npy");
        }
        return out;
    }

    static String stripExtension(String rel) {
        int slash = rel.lastIndexOf('/');
        int dot = rel.lastIndexOf('.');
        return dot > slash + 1 ? rel.substring(0, dot) : rel;
    }

    private static Map<String, FeaturesManifest.Track> previous(Path manifestFile) {
        Map<String, FeaturesManifest.Track> m = new HashMap<>();
        if (!Files.isRegularFile(manifestFile)) {
            return m;
        }
        try {
            FeaturesManifest old = Json.MAPPER.readValue(manifestFile.toFile(), FeaturesManifest.class);
            if (old.formatVersion() == FeaturesManifest.FORMAT_VERSION && CqtFeatures.SPEC.equals(old.spec())
                    && old.tracks() != null) {
                for (FeaturesManifest.Track t : old.tracks()) {
                    m.put(t.features(), t);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("features: ignoring unreadable previous manifest {}: {}", manifestFile, e.toString());
        }
        return m;
    }

    /** provenance.json, or provenance-I-of-N.json per shard so that parallel shards do not overwrite each other. */
    private static void writeProvenance(Provenance p, Path out, Shard sh) throws IOException {
        if (sh.count() == 1) {
            p.write(out);
            return;
        }
        Path tmp = Files.createTempDirectory(out, ".provenance");
        try {
            p.write(tmp);
            Files.move(tmp.resolve(Provenance.FILE_NAME), out.resolve("provenance" + sh.suffix() + ".json"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp.resolve(Provenance.FILE_NAME));
            Files.deleteIfExists(tmp);
        }
    }
}
