package io.chordflow.steps.teacher;

import io.chordflow.common.io.ContentHash;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Json;
import io.chordflow.common.io.Npy;
import io.chordflow.common.progress.Progress;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.data.TrackLoader;
import io.chordflow.model.infer.ChordRecognizer;
import io.chordflow.model.infer.Segments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.chordflow.tracking.StepCommand;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.registry.ModelRefs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Step {@code teacher-inference}: a teacher pseudo-labels one shard of a features folder. Per
 * song {@code ID}: {@code hard/ID.npy} (int32 [frames], per-frame argmax of the raw logits) and,
 * with {@code --soft}, {@code soft/ID.npy} (float16 [frames, classes]: probabilities, or logits
 * with {@code --logits}). Shard {@code I/N} takes the songs whose index in ID order is I mod N.
 * A song whose features cannot be read is reported and skipped ({@code summary.json} lists it).
 */
@Command(name = "teacher-inference", mixinStandardHelpOptions = true,
        description = "Pseudo-label a shard of features with a teacher model.")
public final class TeacherInferenceStep extends StepCommand {
    private static final Logger log = LoggerFactory.getLogger(TeacherInferenceStep.class);

    @Option(names = "--model", required = true, description = "teacher model folder") String model;
    @Option(names = "--features", required = true, description = "folder of feature .npy files") String features;
    @Option(names = "--output", required = true, description = "output folder") String output;
    @Option(names = "--shard", defaultValue = "0/1", description = "I/N: this shard of N (default 0/1)") String shard;
    @Option(names = "--soft", description = "also write soft targets (float16 probabilities)") boolean soft;
    @Option(names = "--logits", description = "with --soft: write logits instead of probabilities") boolean logits;
    @Option(names = "--clean-only", description = "skip A2 copies (ID.aug<k>.npy): the teacher sees clean input only;"
            + " the student pairs each copy with its clean song's pseudo-labels") boolean cleanOnly;
    @Option(names = "--shards", description = "read the features step's shards (features --shards) and also write the"
            + " pseudo-labels as streamable shards aligned with them, stream/hard-JJJJ-of-MMMM.cfshard (and soft-...) per"
            + " feature shard J; this run takes the feature shards J with J mod N = I") boolean shards;

    public TeacherInferenceStep() {
        this(System.getenv());
    }

    /** {@code env}: where the tracker (MLFLOW_TRACKING_URI, MLFLOW_RUN_ID, MLFLOW_PARENT_RUN_ID) is found. */
    TeacherInferenceStep(Map<String, String> env) {
        super("teacher-inference", "1", env);
    }

    public static void main(String[] args) {
        Cli.main(new TeacherInferenceStep(), args);
    }

    @Override
    protected int run(StepRun run, Provenance.Builder prov) throws Exception {
        int[] sh = parseShard(shard);
        stepIo.shard(sh[0], sh[1]);
        // --shards: only this run's feature shards are fetched (s3://), each when its first song is reached
        io.chordflow.common.io.shard.ShardLocation featureShards = shards ? stepIo.shards(features, "--features", 2) : null;
        Path featureDir = shards ? null : stepIo.input(features, "--features");
        Path out = stepIo.output(output, "--output");
        Path modelDir = ModelRefs.local(model, "--model", run.tracker());
        List<TargetShards.Song> mine = shards ? TargetShards.songs(featureShards, sh[0], sh[1], cleanOnly)
                : npySongs(featureDir, sh[0], sh[1]);
        List<String> skipped = new ArrayList<>();
        long frames = 0;
        try (ModelArtifact teacher = ModelArtifact.load(modelDir);
             Progress progress = new Progress("teacher-inference", mine.size(), "songs").withExtra("k frames");
             TargetShards.Writers writers = shards ? new TargetShards.Writers(out, soft, logits, teacher.config().classes()) : null) {
            ChordRecognizer recognizer = new ChordRecognizer(teacher);
            int classes = teacher.config().classes();
            for (TargetShards.Song e : mine) {
                float[][] x;
                try {
                    x = e.features(teacher.config().featureSize());
                } catch (InputException | IOException ex) {
                    log.warn("skipping {}: {}", e.id(), ex.getMessage());
                    skipped.add(e.id());
                    progress.advance(1);
                    continue;
                }
                float[][] z = recognizer.logits(x);
                int[] hard = Segments.argmax(z);
                Npy.writeInt32(out.resolve("hard").resolve(e.id() + ".npy"), hard, z.length);
                float[] flat = null;
                if (soft) {
                    float[][] q = logits ? z : ChordRecognizer.probabilities(z);
                    flat = new float[z.length * classes];
                    for (int t = 0; t < z.length; t++) {
                        System.arraycopy(q[t], 0, flat, t * classes, classes);
                    }
                    Npy.writeFloat16(out.resolve("soft").resolve(e.id() + ".npy"), flat, z.length, classes);
                }
                if (writers != null) {
                    writers.add(e, hard, flat);
                }
                frames += z.length;
                progress.advance(1, z.length / 1000.0);
            }
            if (writers != null) {
                writers.finish();
            }
            if (featureShards != null) {
                for (String rel : TargetShards.dataFiles(featureShards, sh[0], sh[1])) {
                    featureShards.release(rel);
                }
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("shard", shard);
        summary.put("songs", mine.size() - skipped.size());
        summary.put("frames", frames);
        summary.put("skipped", skipped);
        summary.put("soft", soft ? (logits ? "logits" : "probabilities") : "none");
        String suffix = sh[1] > 1 ? "-" + sh[0] + "-of-" + sh[1] : ""; // parallel shards share the folder
        AtomicFiles.write(out.resolve("summary" + suffix + ".json"), Json.MAPPER.writeValueAsBytes(summary));
        run.logParams(Map.of("model", model, "features", features, "shard", shard, "soft", summary.get("soft")));
        run.logMetrics(Map.of("songs", mine.size() - skipped.size(), "frames", frames, "songs_skipped", skipped.size()), 0);
        Provenance p = prov.config("shard", shard).config("soft", soft).config("logits", logits)
                .input(model, ContentHash.of(modelDir))
                .input(features, shards ? TargetShards.hash(featureShards, sh[0], sh[1]) : ContentHash.of(featureDir))
                .build();
        if (suffix.isEmpty()) {
            p.write(out);
        } else { // written aside and moved, so that shards finishing together never touch each other's file
            Path tmp = java.nio.file.Files.createTempDirectory(out, ".provenance");
            p.write(tmp);
            java.nio.file.Files.move(tmp.resolve(Provenance.FILE_NAME), out.resolve("provenance" + suffix + ".json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.nio.file.Files.delete(tmp);
        }
        return 0;
    }

    /** Shard I of N of the {@code .npy} songs: those whose index in ID order is I mod N (A2 copies left out with --clean-only). */
    private List<TargetShards.Song> npySongs(Path featureDir, int index, int count) {
        List<TargetShards.Song> mine = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Path> e : TrackLoader.featureFiles(featureDir).entrySet()) {
            if (cleanOnly && !TrackLoader.cleanId(e.getKey()).equals(e.getKey())) {
                continue; // an A2 copy: the student trains on it with the clean song's pseudo-labels
            }
            if (i++ % count == index) {
                Path file = e.getValue();
                mine.add(new TargetShards.Song(e.getKey(), -1, -1, bins -> rows(Npy.read(file), bins, file)));
            }
        }
        return mine;
    }

    static float[][] rows(Npy.Array a, int bins, Path file) {
        if (a.shape().length != 2 || a.cols() != bins) {
            throw new InputException(file + ": expected [frames, " + bins + "] features, got " + java.util.Arrays.toString(a.shape()));
        }
        float[][] x = new float[a.rows()][];
        for (int t = 0; t < x.length; t++) {
            x[t] = a.row(t);
        }
        return x;
    }

    static int[] parseShard(String s) {
        String[] p = s.split("/");
        try {
            int i = Integer.parseInt(p[0].trim());
            int n = Integer.parseInt(p[1].trim());
            if (p.length == 2 && n > 0 && i >= 0 && i < n) {
                return new int[] {i, n};
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new InputException("--shard: expected I/N with 0 <= I < N, got '" + s + "'");
    }
}
