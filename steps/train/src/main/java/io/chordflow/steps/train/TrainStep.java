package io.chordflow.steps.train;

import io.chordflow.common.io.ContentHash;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.TrackLoader;
import io.chordflow.model.data.TrainingWindows;
import io.chordflow.model.data.stream.MemorySongs;
import io.chordflow.model.data.stream.ShardedSongs;
import io.chordflow.model.data.stream.SongStore;
import io.chordflow.model.data.stream.StreamedWindows;
import io.chordflow.model.train.MemoryWindows;
import io.chordflow.model.io.Locations;
import io.chordflow.contract.KdParams;
import io.chordflow.model.loss.ClassWeights;
import io.chordflow.model.train.Objective;
import io.chordflow.model.train.TrainConfig;
import io.chordflow.contract.TrainingSettings;
import io.chordflow.model.train.Trainer;
import io.chordflow.model.train.TrainingReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.chordflow.storage.CheckpointFolder;
import io.chordflow.tracking.StepCommand;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.registry.ModelRefs;
import io.chordflow.tracking.Tracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Step {@code train}: a model from features plus ground-truth {@code .lab} (teacher, supervised
 * baseline) or hard/soft pseudo-labels (stage-1 student). Writes the model artifact
 * ({@code model.json}, {@code weights.params}; best epoch by the early-stopping metric),
 * {@code metrics.json} (per-epoch history) and {@code provenance.json} into {@code --output};
 * resumes from {@code --checkpoints} (default {@code $CHORDFLOW_CHECKPOINTS}, else
 * {@code OUTPUT/checkpoints}; see {@link CheckpointFolder}) when a run was killed.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a chord model (BTC or 2E1D).")
public final class TrainStep extends StepCommand {
    static final String VERSION = "1";

    @Option(names = "--features", required = true, description = "folder of feature .npy files [frames,144]") String features;
    @Option(names = "--targets", required = true, description = "folder of .lab files or pseudo-label .npy files") String targets;
    @Option(names = "--target-kind", required = true, description = "lab, hard, soft, or key (.key files; key models)") String targetKind;
    @Option(names = "--config", required = true, description = "training config (JSON or YAML)") String config;
    @Option(names = "--stage", defaultValue = "stage1", description = "config block with the training settings (default stage1)") String stage;
    @Option(names = "--output", required = true, description = "output folder (model artifact)") String output;
    @Option(names = "--init", description = "start from this model artifact (its sizes and normalisation)") String init;
    @Option(names = "--checkpoints", description = "checkpoint folder or s3:// prefix, kept across re-runs (default $CHORDFLOW_CHECKPOINTS, else OUTPUT/checkpoints)") String checkpoints;
    @Option(names = "--mix-features", description = "a second set of songs to train on (e.g. the labelled set next to pseudo-labels)") String mixFeatures;
    @Option(names = "--mix-targets", description = "targets of --mix-features") String mixTargets;
    @Option(names = "--mix-target-kind", description = "lab, hard, soft or key: kind of --mix-targets") String mixTargetKind;
    @Option(names = "--in-memory-limit", defaultValue = StreamedData.DEFAULT_LIMIT, description = "songs whose features and"
            + " targets would take more memory than this (e.g. 4g) are streamed from their shards (features and teacher-inference"
            + " --shards) instead of loaded (default ${DEFAULT-VALUE})") String inMemoryLimit;

    public TrainStep() {
        this(System.getenv());
    }

    /** {@code env}: where the tracker (MLFLOW_TRACKING_URI, MLFLOW_RUN_ID, MLFLOW_PARENT_RUN_ID) is found. */
    TrainStep(Map<String, String> env) {
        super("train", VERSION, env);
    }

    public static void main(String[] args) {
        Cli.main(new TrainStep(), args);
    }

    @Override
    protected int run(StepRun run, Provenance.Builder prov) throws Exception {
        Path out = stepIo.output(output, "--output");
        Path cfgFile = Locations.local(config, "--config");
        TrainConfig cfg = TrainConfig.read(cfgFile, stage);
        TargetKind kind = TargetKind.parse(targetKind);
        TrainingSettings settings = cfg.settings();
        if (kind == TargetKind.SOFT && !settings.loss().equals("soft_ce")) {
            settings = settings.withLoss("soft_ce");
        }
        if (settings.loss().equals("kd")) {
            throw new InputException(cfgFile + ": field loss: kd needs a teacher; use the kd-finetune step");
        }
        Path initDir = init == null ? null : ModelRefs.local(init, "--init", run.tracker());
        ModelArtifact start = initDir == null ? null : ModelArtifact.load(initDir);
        try (NDManager manager = start == null ? NDManager.newBaseManager() : start.manager().newSubManager()) {
            ModelConfig model = start == null ? cfg.model() : start.config();
            if (settings.window() != null && settings.window().intValue() != model.timestep().intValue()) {
                if (start == null) {
                    model = model.withTimestep(settings.window());
                } else {
                    org.slf4j.LoggerFactory.getLogger(TrainStep.class).warn("window {} ignored: the --init model works on {} frames",
                            settings.window(), model.timestep());
                }
            }
            if (start != null && cfg.raw().containsKey("model") && !start.config().equals(cfg.model())) {
                org.slf4j.LoggerFactory.getLogger(TrainStep.class).warn("--init model {} differs from the config's model {};"
                        + " training the --init architecture", start.config(), cfg.model());
            }
            Vocabulary vocab = start == null ? cfg.vocabulary() : start.vocabulary();
            if (start != null && cfg.raw().containsKey("task") && cfg.task() != start.task()) {
                throw new InputException(cfgFile + ": field task: " + cfg.task().lowerName() + ", but the --init model is a "
                        + start.task().lowerName() + " model");
            }
            boolean mixing = mixFeatures != null || mixTargets != null || mixTargetKind != null;
            boolean softMix = mixing && mixTargetKind != null
                    && (kind == TargetKind.SOFT || TargetKind.parse(mixTargetKind) == TargetKind.SOFT);
            ShardedSongs streamed = StreamedData.choose(stepIo, features, targets, kind, model.featureSize(), vocab.size(), softMix,
                    StreamedData.bytes("--in-memory-limit", inMemoryLimit));
            Path featureDir = streamed == null ? stepIo.input(features, "--features") : null;
            Path targetDir = streamed == null ? stepIo.input(targets, "--targets") : null;
            FeatureSpec expected = start == null ? null : start.featureSpec();
            FeatureSpec spec = streamed == null ? FeatureSpec.of(featureDir, "--features", expected, "the --init model's")
                    : StreamedData.spec(streamed, "--features", features, expected, "the --init model's");
            TrainingWindows data;
            Normalization norm;
            float[] weights;
            List<String> trainIds;
            List<String> valIds;
            long pseudoSongs;
            if (streamed == null) {
                List<Track> tracks = TrackLoader.load(featureDir, targetDir, kind, vocab, spec.frameSeconds(), model.featureSize());
                if (mixing) {
                    tracks = mix(tracks, kind, vocab, model, spec, prov);
                }
                TrackLoader.Split split = TrackLoader.Split.of(tracks, settings.valFraction(), seed);
                data = new MemoryWindows(split.train(), split.val(), model.timestep(), settings.stride(), settings.mixRatio(), seed);
                norm = start == null ? Normalization.of(split.train()) : start.normalization();
                weights = ClassWeights.forTraining(split.train(), model.classes(), settings.classBalance());
                trainIds = split.train().stream().map(Track::id).toList();
                valIds = split.val().stream().map(Track::id).toList();
                pseudoSongs = split.train().stream().filter(Track::pseudo).count();
            } else {
                SongStore songs = streamed;
                if (mixing) {
                    songs = SongStore.concat(streamed, new MemorySongs(mix(List.of(), kind, vocab, model, spec, prov)));
                }
                StreamedWindows.Split split = StreamedWindows.Split.of(songs, settings.valFraction(), seed);
                StreamedWindows sw = new StreamedWindows(songs, split.train(), split.val(), model.timestep(), settings.stride(),
                        settings.mixRatio(), seed, StreamedWindows.DEFAULT_BUFFER, StreamedWindows.DEFAULT_PREFETCH);
                data = sw;
                norm = start == null ? sw.normalization() : start.normalization();
                weights = settings.classBalance() == 0 ? null : ClassWeights.of(sw.classCounts(), settings.classBalance());
                SongStore all = songs;
                trainIds = java.util.Arrays.stream(split.train()).mapToObj(all::id).toList();
                valIds = java.util.Arrays.stream(split.val()).mapToObj(all::id).toList();
                pseudoSongs = java.util.Arrays.stream(split.train()).filter(all::pseudo).count();
            }
            if (kind == TargetKind.SOFT || softMix) {
                settings = settings.withLoss("soft_ce");
            }
            Block block = start == null ? Models.initialized(model, manager, seed) : start.block();
            run.logParams(params(model, settings, kind));
            Trainer.Result result;
            try (CheckpointFolder ckpts = stepIo.checkpoints(checkpoints, env, out); ShardedSongs closing = streamed) {
                result = new Trainer(block, manager, settings, Objective.of(settings, KdParams.defaults(), weights), seed, ckpts.dir())
                        .vocabulary(vocab)
                        .listener(m -> run.logMetrics(m.asMap(), m.epoch()))
                        .train(data, norm, model.timestep());
            }
            ModelArtifact.save(out, model, vocab.name(), spec, norm, result.bestWeights());
            TrainingReport.of(io.chordflow.model.Task.of(vocab).lowerName(), trainIds.size(), pseudoSongs, valIds.size(), valIds,
                    result.state().globalStep, result.state().history).write(out);
            prov.config("model", model).config("task", io.chordflow.model.Task.of(vocab).lowerName()).config("settings", settings).config("target_kind", kind.name().toLowerCase())
                    .config("file", cfg.raw())
                    .input(features, streamed == null ? ContentHash.of(featureDir) : streamed.featureHash())
                    .input(targets, streamed == null ? ContentHash.of(targetDir) : streamed.targetHash())
                    .fact("djl_engine", ai.djl.engine.Engine.getInstance().getEngineName() + " "
                            + ai.djl.engine.Engine.getInstance().getVersion());
            if (init != null) {
                prov.input(init, ContentHash.of(initDir));
            }
            prov.build().write(out);
            return 0;
        } finally {
            if (start != null) {
                start.close();
            }
        }
    }

    /**
     * Paper 2's mix: the main songs plus a second set (ids prefixed {@code mix/}); when either side
     * is soft, hard targets become one-hot distributions and the loss is soft cross-entropy.
     */
    private List<Track> mix(List<Track> main, TargetKind kind, Vocabulary vocab, ModelConfig model, FeatureSpec spec,
                            Provenance.Builder prov) throws java.io.IOException {
        if (mixFeatures == null || mixTargets == null || mixTargetKind == null) {
            throw new InputException("--mix-features, --mix-targets and --mix-target-kind go together");
        }
        TargetKind mixKind = TargetKind.parse(mixTargetKind);
        Path f = stepIo.input(mixFeatures, "--mix-features");
        Path t = stepIo.input(mixTargets, "--mix-targets");
        List<Track> extra = TrackLoader.load(f, t, mixKind, vocab, FeatureSpec.of(f, "--mix-features", spec, "those of --features").frameSeconds(),
                model.featureSize());
        boolean soft = kind == TargetKind.SOFT || mixKind == TargetKind.SOFT;
        List<Track> all = new java.util.ArrayList<>();
        for (Track tr : main) {
            all.add(soft ? tr.asSoft() : tr);
        }
        for (Track tr : extra) {
            all.add((soft ? tr.asSoft() : tr).withId(TrackLoader.Split.MIX + tr.id()));
        }
        prov.config("mix_target_kind", mixKind.name().toLowerCase())
                .input(mixFeatures, ContentHash.of(f)).input(mixTargets, ContentHash.of(t));
        return all;
    }

    /** Tracker params: the model sizes and the settings, flattened ({@code model.hidden}, {@code lr}, ...). */
    static Map<String, Object> params(ModelConfig model, TrainingSettings settings, TargetKind kind) {
        Map<String, Object> p = new LinkedHashMap<>();
        Json.MAPPER.convertValue(model, Map.class).forEach((k, v) -> p.put("model." + k, String.valueOf(v)));
        Json.MAPPER.convertValue(settings, Map.class).forEach((k, v) -> p.put(String.valueOf(k), String.valueOf(v)));
        p.put("target_kind", kind.name().toLowerCase());
        return p;
    }

    static Vocabulary vocabulary(int classes, Path cfg) {
        if (classes == Vocabulary.LARGE.size()) {
            return Vocabulary.LARGE;
        }
        if (classes == Vocabulary.MAJMIN.size()) {
            return Vocabulary.MAJMIN;
        }
        throw new InputException(cfg + ": field model.classes: expected 170 (large) or 25 (majmin), got " + classes);
    }
}
