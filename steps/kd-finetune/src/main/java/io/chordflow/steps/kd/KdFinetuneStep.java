package io.chordflow.steps.kd;

import io.chordflow.common.io.ContentHash;
import ai.djl.ndarray.NDManager;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.TrackLoader;
import io.chordflow.model.io.Locations;
import io.chordflow.model.loss.ClassWeights;
import io.chordflow.model.train.Objective;
import io.chordflow.model.train.TrainConfig;
import io.chordflow.contract.FeatureSpec;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Step {@code kd-finetune}: stage 2 of paper 1. Continues the stage-1 student on ground-truth
 * {@code .lab} with selective KD from the frozen teacher ({@code L = alpha L_KD + (1 - alpha)
 * L_focal}); settings from the config's {@code stage2:} block, KD from {@code kd:}. The student
 * keeps its architecture and feature normalisation; the teacher sees the features normalised
 * with its own. Outputs as the train step: model artifact, metrics.json, provenance.json.
 */
@Command(name = "kd-finetune", mixinStandardHelpOptions = true,
        description = "Stage 2: fine-tune a student on ground truth with selective KD from a teacher.")
public final class KdFinetuneStep extends StepCommand {
    @Option(names = "--features", required = true, description = "folder of feature .npy files") String features;
    @Option(names = "--labels", required = true, description = "folder of reference .lab files") String labels;
    @Option(names = "--teacher", required = true, description = "teacher model folder (frozen)") String teacher;
    @Option(names = "--student", required = true, description = "stage-1 student model folder (start weights)") String student;
    @Option(names = "--config", required = true, description = "training config (JSON or YAML)") String config;
    @Option(names = "--stage", defaultValue = "stage2", description = "config block with the settings (default stage2)") String stage;
    @Option(names = "--output", required = true, description = "output folder (model artifact)") String output;
    @Option(names = "--checkpoints", description = "checkpoint folder or s3:// prefix, kept across re-runs (default $CHORDFLOW_CHECKPOINTS, else OUTPUT/checkpoints)") String checkpoints;

    public KdFinetuneStep() {
        this(System.getenv());
    }

    /** {@code env}: where the tracker (MLFLOW_TRACKING_URI, MLFLOW_RUN_ID, MLFLOW_PARENT_RUN_ID) is found. */
    KdFinetuneStep(Map<String, String> env) {
        super("kd-finetune", "1", env);
    }

    public static void main(String[] args) {
        Cli.main(new KdFinetuneStep(), args);
    }

    @Override
    protected int run(StepRun run, Provenance.Builder prov) throws Exception {
        Path cfgFile = Locations.local(config, "--config");
        Path out = stepIo.output(output, "--output");
        Path featureDir = stepIo.input(features, "--features");
        Path labelDir = stepIo.input(labels, "--labels");
        TrainConfig cfg = TrainConfig.read(cfgFile, stage);
        TrainingSettings s = cfg.settings();
        TrainingSettings settings = s.withLoss("kd");
        Path teacherDir = ModelRefs.local(teacher, "--teacher", run.tracker());
        Path studentDir = ModelRefs.local(student, "--student", run.tracker());
        try (ModelArtifact t = ModelArtifact.load(teacherDir);
             ModelArtifact st = ModelArtifact.load(studentDir);
             NDManager manager = st.manager().newSubManager()) {
            if (t.config().classes().intValue() != st.config().classes().intValue()) {
                throw new InputException("--teacher has " + t.config().classes() + " classes, --student "
                        + st.config().classes() + ": KD needs the same vocabulary");
            }
            Vocabulary vocab = st.vocabulary();
            FeatureSpec.of(featureDir, "--features", t.featureSpec(), "the --teacher's");
            List<Track> tracks = TrackLoader.load(featureDir, labelDir, TargetKind.LAB, vocab,
                    FeatureSpec.of(featureDir, "--features", st.featureSpec(), "the --student's").frameSeconds(),
                    st.config().featureSize());
            TrackLoader.Split split = TrackLoader.Split.of(tracks, settings.valFraction(), seed);
            Map<String, Object> params = new LinkedHashMap<>();
            Json.MAPPER.convertValue(st.config(), Map.class).forEach((k, v) -> params.put("model." + k, String.valueOf(v)));
            Json.MAPPER.convertValue(settings, Map.class).forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            Json.MAPPER.convertValue(cfg.kd(), Map.class).forEach((k, v) -> params.put("kd." + k, String.valueOf(v)));
            run.logParams(params);
            float[] weights = ClassWeights.forTraining(split.train(), st.config().classes(), settings.classBalance());
            Trainer.Result result;
            try (CheckpointFolder ckpts = stepIo.checkpoints(checkpoints, env, out)) {
                result = new Trainer(st.block(), manager, settings, Objective.of(settings, cfg.kd(), weights), seed, ckpts.dir())
                        .teacher(t.block(), t.normalization())
                        .listener(m -> run.logMetrics(m.asMap(), m.epoch()))
                        .train(split.train(), split.val(), st.normalization(), st.config().timestep());
            }
            ModelArtifact.save(out, st.config(), vocab.name(), st.featureSpec(), st.normalization(), result.bestWeights());
            TrainingReport.of(io.chordflow.model.Task.of(vocab), split, result).write(out);
            prov.config("model", st.config()).config("settings", settings).config("kd", cfg.kd()).config("file", cfg.raw())
                    .input(features, ContentHash.of(featureDir)).input(labels, ContentHash.of(labelDir))
                    .input(teacher, ContentHash.of(teacherDir))
                    .input(student, ContentHash.of(studentDir))
                    .build().write(out);
        }
        return 0;
    }
}
