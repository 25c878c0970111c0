package io.chordflow.steps.evaluate;

import io.chordflow.common.io.ContentHash;
import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.LabFile;
import io.chordflow.chords.cli.EvalChordsCommand;
import io.chordflow.chords.eval.ChordEvaluator;
import io.chordflow.chords.eval.DatasetScores;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Npy;
import io.chordflow.common.progress.Progress;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.contract.Contract;
import io.chordflow.contract.EvaluationReport;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.data.TrackLoader;
import io.chordflow.model.infer.ChordRecognizer;
import io.chordflow.model.infer.ChromaTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.tracking.suite.Suite;
import io.chordflow.tracking.StepCommand;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.registry.ModelRefs;
import io.chordflow.tracking.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Step {@code evaluate}: a model over the test features, scored against the reference
 * {@code .lab} files with the mir_eval chord metrics. Writes {@code metrics.json} (name, per song,
 * duration-weighted total, mean over songs, paper-1 mean, per reference quality; the chords
 * module's report format) with the evaluation suite it was measured on ({@code suite}: name,
 * content hash of the features and labels, their URIs; also the run tags {@code chordflow.suite},
 * {@code chordflow.suite_hash}), the estimated {@code estimates/ID.lab} and {@code provenance.json}.
 * Songs without a reference, or with unreadable files, are reported and skipped. A key model
 * (task key) is scored with mir_eval's weighted key score instead (see {@link #runKey}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Score a model on test features against .lab references.")
public final class EvaluateStep extends StepCommand {
    private static final Logger log = LoggerFactory.getLogger(EvaluateStep.class);

    @Option(names = "--model", description = "model folder, or s3:// or models:/ URI") String model;
    @Option(names = "--chroma-template", description = "score the no-learning chroma-template baseline instead of a model"
            + " (24 major/minor templates on the features' chroma; see ChromaTemplate)") boolean chromaTemplate;
    @Option(names = "--features", required = true, description = "folder of feature .npy files") String features;
    @Option(names = "--labels", required = true, description = "folder of reference .lab files (same IDs)") String labels;
    @Option(names = "--output", required = true, description = "output folder") String output;
    @Option(names = "--name", description = "name of the evaluated model in the report (default: folder name)") String name;
    @Option(names = "--smoothing", description = "Gaussian smoothing kernel in frames (default: 9 for 2E1D, off for BTC)") Integer smoothing;
    @Option(names = "--suite", paramLabel = "NAME", description = "evaluation suite name recorded with the scores (default: the split folder's name)") String suiteName;

    /** The data scored on, identified by content: recorded in metrics.json and as run tags. */
    private Suite suite;

    public EvaluateStep() {
        this(System.getenv());
    }

    /** {@code env}: where the tracker (MLFLOW_TRACKING_URI, MLFLOW_RUN_ID, MLFLOW_PARENT_RUN_ID) is found. */
    public EvaluateStep(Map<String, String> env) {
        super("evaluate", "1", env);
    }

    public static void main(String[] args) {
        Cli.main(new EvaluateStep(), args);
    }

    @Override
    protected int run(StepRun run, Provenance.Builder prov) throws Exception {
        Path featureDir = stepIo.input(features, "--features");
        Path labelDir = stepIo.input(labels, "--labels");
        String split = Suite.defaultName(labels);
        suite = Suite.of(suiteName == null ? split : suiteName, List.of(new Suite.SplitData(new Suite.Split(split,
                ArtifactStores.uri(features).toString(), ArtifactStores.uri(labels).toString()), featureDir, labelDir)));
        run.setTags(Map.of(Tags.SUITE, suite.name(), Tags.SUITE_HASH, suite.hash()));
        Path out = stepIo.output(output, "--output");
        if (chromaTemplate == (model != null)) {
            throw new InputException("give either --model or --chroma-template");
        }
        Path modelDir = chromaTemplate ? null : ModelRefs.local(model, "--model", run.tracker());
        Map<String, Path> files = TrackLoader.featureFiles(featureDir);
        if (chromaTemplate) {
            // the template reads the project's features as they are (BTC's spec, as every model trained here)
            ChromaTemplate template = new ChromaTemplate(FeatureSpec.BTC);
            return runChords(run, prov, files, labelDir, out, FeatureSpec.BTC.bins(), template::segments,
                    "chroma-template", featureDir, null);
        }
        try (ModelArtifact m = ModelArtifact.load(modelDir)) {
            if (m.task() == io.chordflow.model.Task.KEY) {
                return runKey(run, prov, m, files, featureDir, labelDir, out, modelDir);
            }
            ChordRecognizer recognizer = new ChordRecognizer(m);
            if (smoothing != null) {
                recognizer.smoothing(smoothing);
            }
            return runChords(run, prov, files, labelDir, out, m.config().featureSize(), recognizer::segments,
                    modelDir.toAbsolutePath().normalize().getFileName().toString(), featureDir, modelDir);
        }
    }

    /**
     * Chord estimates for every song with a reference, scored with the mir_eval chord metrics.
     * {@code modelDir} is null for the chroma-template baseline.
     */
    private Integer runChords(StepRun run, Provenance.Builder prov, Map<String, Path> files, Path labelDir, Path out,
                              int featureSize, java.util.function.Function<float[][], List<ChordSegment>> estimator,
                              String defaultName, Path featureDir, Path modelDir) throws Exception {
        DatasetScores scores = new DatasetScores();
        List<String> skipped = new ArrayList<>();
        try (Progress progress = new Progress("evaluate", files.size(), "songs")) {
            for (Map.Entry<String, Path> e : files.entrySet()) {
                progress.advance(1);
                Path lab = labelDir.resolve(e.getKey() + ".lab");
                try {
                    if (!Files.isRegularFile(lab)) {
                        throw new InputException(lab + ": no reference for " + e.getValue());
                    }
                    List<ChordSegment> ref = LabFile.read(lab);
                    Npy.Array a = Npy.read(e.getValue());
                    if (a.shape().length != 2 || a.cols() != featureSize) {
                        throw new InputException(e.getValue() + ": expected [frames, " + featureSize + "] features");
                    }
                    List<ChordSegment> est = estimator.apply(rows(a));
                    LabFile.write(out.resolve("estimates").resolve(e.getKey() + ".lab"), est);
                    scores.add(e.getKey(), ChordEvaluator.score(ref, est));
                } catch (InputException | java.io.IOException ex) {
                    log.warn("skipping {}: {}", e.getKey(), ex.getMessage());
                    skipped.add(e.getKey());
                }
            }
        }
        if (scores.songs().isEmpty()) {
            throw new InputException(featureDir + ": no song could be evaluated against " + labelDir + " (" + skipped.size() + " skipped)");
        }
        // the chord scores in the chords module's format (eval-chords --json), typed
        EvaluationReport chords = EvaluationReport.fromTree(Contract.MAPPER.valueToTree(EvalChordsCommand.asJson(scores)), "evaluation");
        EvaluationReport report = EvaluationReport.of(name == null ? defaultName : name, EvaluationReport.CHORDS, suite.ref(),
                skipped, chords.total(), chords.mean(), chords.paperMean(), chords.perQuality(), chords.songs());
        report.write(out);
        run.logParams(Map.of("model", modelDir == null ? "chroma-template" : model, "features", features, "labels", labels,
                "name", report.name()));
        Map<String, Double> logged = new LinkedHashMap<>(scores.total());
        logged.put("paper_mean", scores.paperMean());
        logged.put("songs", (double) scores.songs().size());
        run.logMetrics(logged, 0);
        log.info("{}: majmin {} (duration-weighted over {} songs), paper mean {}, suite {} ({})", report.name(),
                scores.total().get("majmin"), scores.songs().size(), scores.paperMean(), suite.name(), suite.shortHash());
        prov.config("name", report.name()).config("smoothing", smoothing == null ? "default" : smoothing);
        if (modelDir == null) {
            prov.config("method", "chroma-template");
        } else {
            prov.input(model, ContentHash.of(modelDir));
        }
        prov.input(features, ContentHash.of(featureDir)).input(labels, ContentHash.of(labelDir)).build().write(out);
        return 0;
    }

    private static float[][] rows(Npy.Array a) {
        float[][] x = new float[a.rows()][];
        for (int t = 0; t < x.length; t++) {
            x[t] = a.row(t);
        }
        return x;
    }

    /**
     * A key model: each song's key is the class with the largest mean frame probability
     * ({@link io.chordflow.model.infer.SongKey}), scored against {@code --labels/ID.key} (the
     * synthetic corpus's {@code SPLIT/keys}; a {@code keys/} folder below {@code --labels} is
     * found too) with {@code mir_eval.key.weighted_score} (default, no descending fifths) and
     * the MIREX variant (descending fifths also 0.5). Writes {@code estimates/ID.key} and
     * {@code metrics.json}: {@code {name, task: key, songs_skipped, total: {weighted_score,
     * mirex_weighted_score, accuracy}, songs: {ID: {reference, estimate, weighted_score,
     * mirex_weighted_score}}}}, totals being means over songs.
     */
    private Integer runKey(StepRun run, Provenance.Builder prov, ModelArtifact m, Map<String, Path> files,
                           Path featureDir, Path labelDir, Path out, Path modelDir) throws Exception {
        Path keyDir = !hasKeyFiles(labelDir) && Files.isDirectory(labelDir.resolve("keys")) ? labelDir.resolve("keys") : labelDir;
        Map<String, EvaluationReport.Song> songs = new java.util.TreeMap<>();
        List<String> skipped = new ArrayList<>();
        double weighted = 0;
        double mirex = 0;
        int exact = 0;
        try (Progress progress = new Progress("evaluate", files.size(), "songs")) {
            ChordRecognizer recognizer = new ChordRecognizer(m);
            for (Map.Entry<String, Path> e : files.entrySet()) {
                progress.advance(1);
                Path keyFile = keyDir.resolve(e.getKey() + ".key");
                try {
                    if (!Files.isRegularFile(keyFile)) {
                        throw new InputException(keyFile + ": no reference key for " + e.getValue());
                    }
                    io.chordflow.chords.key.Key ref = TrackLoader.readKey(keyFile);
                    Npy.Array a = Npy.read(e.getValue());
                    if (a.shape().length != 2 || a.cols() != m.config().featureSize()) {
                        throw new InputException(e.getValue() + ": expected [frames, " + m.config().featureSize() + "] features");
                    }
                    int cls = io.chordflow.model.infer.SongKey.of(recognizer.logits(rows(a)), m.vocabulary().noChord());
                    io.chordflow.chords.key.Key est = io.chordflow.chords.key.Key.parse(m.vocabulary().label(cls));
                    AtomicFiles.write(out.resolve("estimates").resolve(e.getKey() + ".key"),
                            (est + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    double w = io.chordflow.chords.key.KeyScore.weighted(ref, est, false);
                    double mx = io.chordflow.chords.key.KeyScore.weighted(ref, est, true);
                    Map<String, Double> song = new LinkedHashMap<>();
                    song.put("weighted_score", w);
                    song.put("mirex_weighted_score", mx);
                    songs.put(e.getKey(), new EvaluationReport.Song(ref.toString(), est.toString(), song));
                    weighted += w;
                    mirex += mx;
                    exact += w == 1.0 ? 1 : 0;
                } catch (InputException | java.io.IOException ex) {
                    log.warn("skipping {}: {}", e.getKey(), ex.getMessage());
                    skipped.add(e.getKey());
                }
            }
        }
        if (songs.isEmpty()) {
            throw new InputException(featureDir + ": no song could be evaluated against " + keyDir + " (" + skipped.size() + " skipped)");
        }
        int n = songs.size();
        Map<String, Double> total = new LinkedHashMap<>();
        total.put("weighted_score", weighted / n);
        total.put("mirex_weighted_score", mirex / n);
        total.put("accuracy", exact / (double) n);
        EvaluationReport report = EvaluationReport.of(name == null ? modelDir.toAbsolutePath().normalize().getFileName().toString() : name,
                EvaluationReport.KEY, suite.ref(), skipped, total, null, null, null, songs);
        report.write(out);
        run.logParams(Map.of("model", model, "features", features, "labels", labels, "name", report.name(), "task", "key"));
        Map<String, Double> logged = new LinkedHashMap<>(total);
        logged.put("songs", (double) n);
        run.logMetrics(logged, 0);
        log.info("{}: key weighted score {} (mean over {} songs), MIREX {}", report.name(), total.get("weighted_score"), n,
                total.get("mirex_weighted_score"));
        prov.config("name", report.name()).config("task", "key")
                .input(model, ContentHash.of(modelDir)).input(features, ContentHash.of(featureDir))
                .input(labels, ContentHash.of(labelDir)).build().write(out);
        return 0;
    }

    private static boolean hasKeyFiles(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".key"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
