package io.chordflow.steps.features;

import io.chordflow.audio.AudioLoader;
import io.chordflow.audio.cqt.CqtFeatures;
import io.chordflow.audio.cqt.FeatureSpec;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.cli.CliCommand;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
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
 * decoded is listed under {@code failed} and the shard goes on; the exit code is 1 only when every file failed.
 * Parameters and counts (files, computed, skipped, failed, audio hours, wall seconds) go to the tracker chosen
 * by {@code MLFLOW_TRACKING_URI} (chordflow-tracking's {@link StepRun}).
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute CQT features (.npy) for every audio file under --input.")
public final class FeaturesStep implements CliCommand, Callable<Integer> {
    static final String STEP_VERSION = "1";
    private static final Logger log = LoggerFactory.getLogger(FeaturesStep.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "folder (or file:// URI) of audio files")
    String input;

    @Option(names = "--output", required = true, description = "folder for .npy files, manifest and provenance")
    String output;

    @Option(names = "--shard", description = "I/N: only this shard of the files (0-based), default all")
    String shard;

    @Option(names = "--seed", defaultValue = "0", description = "recorded in provenance (features are deterministic)")
    long seed;

    @Option(names = "--threads", description = "files decoded in parallel (default: available cores)")
    Integer threads;

    private final Map<String, String> env;
    private final Supplier<Tracker> trackers;

    public FeaturesStep() {
        this(System.getenv());
    }

    /** {@code env}: where the tracker (MLFLOW_TRACKING_URI, MLFLOW_RUN_ID, ...) is found. */
    FeaturesStep(Map<String, String> env) {
        this.env = env;
        this.trackers = () -> Trackers.from(env);
    }

    public static void main(String[] args) {
        Cli.main(new FeaturesStep(), args);
    }

    @Override
    public Integer call() throws Exception {
        Shard sh = Shard.parse(shard);
        FeaturesIo io = new LocalFeaturesIo(input, output);
        try (Tracker tracker = trackers.get();
             StepRun run = StepRun.open(tracker, "features", env, Map.of(Tags.INPUTS, input,
                     Tags.SEED, Long.toString(seed)))) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("input", input);
            params.put("output", output);
            params.put("shard", sh.index() + "/" + sh.count());
            params.put("seed", seed);
            params.put("feature_spec", CqtFeatures.SPEC.toString());
            run.logParams(params);
            long t0 = System.nanoTime();
            Result r = run(io, sh, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
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
            if (r.manifest.tracks().isEmpty() && !r.manifest.failed().isEmpty()) {
                run.failed();
                spec.commandLine().getErr().println("features: every file failed (" + r.manifest.failed().size()
                        + "), e.g. " + r.manifest.failed().get(0).source() + ": " + r.manifest.failed().get(0).reason());
                return Cli.FAILED;
            }
            return Cli.OK;
        }
    }

    record Result(FeaturesManifest manifest, int computed, int skipped) {
    }

    /** One file's outcome, in input order. */
    private record Outcome(FeaturesManifest.Track track, FeaturesManifest.Failure failure, boolean reused,
                           double seconds) {
    }

    Result run(FeaturesIo io, Shard sh, int nThreads) throws IOException, InterruptedException {
        Provenance.Builder prov = Provenance.forStep("features", STEP_VERSION, seed)
                .config("input", input).config("output", output).config("shard", sh.index() + "/" + sh.count())
                .config("feature_spec", CqtFeatures.SPEC);
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
                futures.add(pool.submit(() -> one(io, rel, outputs.get(rel), previous.get(rel))));
            }
            for (int i = 0; i < futures.size(); i++) {
                Outcome o;
                try {
                    o = futures.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("features: " + mine.get(i) + ": " + e.getCause(), e.getCause());
                }
                if (o.track != null) {
                    tracks.add(o.track);
                    prov.input(mine.get(i), o.track.sourceSha256());
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
        AtomicFiles.write(manifestFile, Json.MAPPER.writeValueAsBytes(m));
        writeProvenance(prov.config("computed", computed).config("skipped", skipped)
                .config("failed", failed.size()).build(), out, sh);
        io.finish();
        log.info("features: {} computed, {} already done, {} failed", computed, skipped, failed.size());
        return new Result(m, computed, skipped);
    }

    private Outcome one(FeaturesIo io, String rel, String featuresRel, FeaturesManifest.Track prev) throws IOException {
        Path src = io.input(rel);
        Path dst = io.outputDir().resolve(featuresRel);
        String sha;
        try {
            sha = Hashes.sha256(src);
        } catch (java.io.UncheckedIOException e) {
            return new Outcome(null, new FeaturesManifest.Failure(rel, "unreadable: " + e.getCause().getMessage()),
                    false, 0);
        }
        if (prev != null && prev.sourceSha256().equals(sha) && prev.features().equals(featuresRel)
                && Files.isRegularFile(dst) && Hashes.sha256(dst).equals(prev.featuresSha256())) {
            return new Outcome(prev, null, true, prev.seconds());
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
        float[][] c = CqtFeatures.compute(y);
        float[] flat = new float[c.length * spec.bins()];
        for (int t = 0; t < c.length; t++) {
            System.arraycopy(c[t], 0, flat, t * spec.bins(), spec.bins());
        }
        Npy.writeFloat32(dst, flat, c.length, spec.bins());
        double seconds = y.length / (double) spec.sampleRate();
        String id = featuresRel.substring(0, featuresRel.length() - ".npy".length());
        return new Outcome(new FeaturesManifest.Track(id, rel, sha, y.length, seconds, c.length, featuresRel,
                Hashes.sha256(dst)), null, false, seconds);
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
                    m.put(t.source(), t);
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
