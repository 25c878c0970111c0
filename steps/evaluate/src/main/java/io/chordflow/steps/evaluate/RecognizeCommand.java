package io.chordflow.steps.evaluate;

import io.chordflow.audio.AudioLoader;
import io.chordflow.audio.cqt.CqtFeatures;
import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.LabFile;
import io.chordflow.common.EnvNames;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.CliCommand;
import io.chordflow.common.progress.Progress;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.infer.ChordRecognizer;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import io.chordflow.tracking.registry.ModelResolver;
import io.chordflow.tracking.registry.ModelUri;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chordflow recognize}: chords of the user's own songs. Decodes each audio file, computes
 * the model's features, runs the model and writes one {@code .lab} per input (same relative path
 * under {@code --out}). A file that cannot be decoded is reported and skipped (exit 3, list in
 * {@code OUT/skipped.txt}; {@code --max-skipped} makes it fatal); nothing recognised is exit 2.
 */
@Command(name = "recognize", mixinStandardHelpOptions = true,
        description = "Writes the chords of audio files (WAV, FLAC, MP3, or anything ffmpeg reads) as .lab files.")
public final class RecognizeCommand implements CliCommand, Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RecognizeCommand.class);

    @Parameters(index = "0", paramLabel = "AUDIO_OR_DIR", description = "an audio file, or a folder searched recursively")
    Path input;

    @picocli.CommandLine.Mixin
    io.chordflow.common.cli.SkipPolicy skips = new io.chordflow.common.cli.SkipPolicy();

    @Option(names = "--model", required = true, description = "model folder, file:// URI, or models:/NAME@ALIAS, models:/NAME/VERSION")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the .lab files go")
    Path out;

    @Option(names = "--smoothing", description = "Gaussian smoothing of logits over this many frames (default: the model's)")
    Integer smoothing;

    @Option(names = "--tracking-uri", description = "MLflow tracking URI for models:/ references (default: $MLFLOW_TRACKING_URI, else ./mlruns)")
    String trackingUri;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        skips.validate();
        List<Path> files = audioFiles(input);
        Path root = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
        PrintWriter stdout = spec.commandLine().getOut();
        int done = 0;
        List<String> failed = new ArrayList<>();
        try (ModelArtifact m = ModelArtifact.load(modelFolder());
             Progress progress = new Progress("recognize", files.size(), "files")) {
            checkFeatures(m.featureSpec());
            ChordRecognizer recognizer = new ChordRecognizer(m);
            if (smoothing != null) {
                recognizer.smoothing(smoothing);
            }
            for (Path f : files) {
                progress.advance(1);
                Path rel = root.relativize(f.toAbsolutePath());
                try {
                    float[][] features = CqtFeatures.compute(AudioLoader.load(f, CqtFeatures.SPEC.sampleRate()));
                    List<ChordSegment> segments = recognizer.segments(features);
                    Path lab = out.resolve(stem(rel) + ".lab");
                    LabFile.write(lab, segments);
                    stdout.println(lab);
                    done++;
                } catch (InputException e) {
                    log.warn("skipping {}: {}", f, e.getMessage());
                    failed.add(f + ": " + e.getMessage());
                }
            }
        }
        stdout.flush();
        return skips.outcome("recognize", "files", files.size(), failed, failed.isEmpty() ? null : out.resolve("skipped.txt"),
                spec.commandLine().getErr());
    }

    private Path modelFolder() throws IOException {
        if (model.startsWith("file:")) {
            try {
                return Path.of(java.net.URI.create(model)); // the registry records a version's source as file:///...
            } catch (IllegalArgumentException e) {
                throw new InputException("--model " + model + ": not a valid file:// URI (" + e.getMessage() + ")");
            }
        }
        if (!ModelUri.isModelUri(model)) {
            return Path.of(model);
        }
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (trackingUri != null) {
            env.put(EnvNames.MLFLOW_TRACKING_URI, trackingUri);
        }
        try (Tracker tracker = Trackers.from(env)) {
            return ModelResolver.fromEnvironment(tracker.registry()).localPath(model);
        }
    }

    /** The model must have been trained on the features this build computes. */
    static void checkFeatures(FeatureSpec m) {
        var ours = CqtFeatures.SPEC;
        if (m.sampleRate() != ours.sampleRate() || m.hop() != ours.hop() || m.bins() != ours.bins()
                || m.binsPerOctave() != ours.binsPerOctave() || Math.abs(m.fmin() - ours.fmin()) > 1e-6) {
            throw new InputException("model features (" + m + ") differ from the CQT this build computes (" + ours + ")");
        }
    }

    static List<Path> audioFiles(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new InputException(input + ": no such file or folder");
        }
        try (Stream<Path> walk = Files.walk(input)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".lab")).sorted().toList();
            if (files.isEmpty()) {
                throw new InputException(input + ": no files to recognise");
            }
            return files;
        }
    }

    private static String stem(Path rel) {
        String s = rel.toString().replace('\\', '/');
        int dot = s.lastIndexOf('.');
        return dot > s.lastIndexOf('/') ? s.substring(0, dot) : s;
    }
}
