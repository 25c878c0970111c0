package io.chordflow.steps.teacher;

import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.cli.CliCommand;
import io.chordflow.model.checkpoint.CheckpointImport;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.StorageUri;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import io.chordflow.tracking.registry.ModelVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chordflow import-model FILE}: a public PyTorch checkpoint (BTC-ISMIR19's BTC or ChordMini's 2E1D,
 * or any torch.save of their state_dicts) to a chordflow model folder, optionally registered in the MLflow registry the way
 * the register step does it (folder logged as the run's {@code model/} artifacts, a new version whose
 * source is that URI, tags naming the source file, its sha256, arch, vocabulary and mapping version).
 * It sits in the teacher-inference module because that is where the model code and the tracking code
 * already meet, and an imported checkpoint is a teacher.
 */
@Command(name = "import-model", mixinStandardHelpOptions = true,
        description = "Convert a PyTorch checkpoint (.pt/.pth, e.g. BTC-ISMIR19's) into a model folder, and register it.")
public final class ImportModelCommand implements CliCommand, Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "checkpoint (path, file://, s3://)")
    String file;

    @Option(names = "--arch", defaultValue = "btc", description = "btc (BTC-ISMIR19's BTC) or 2e1d (ChordMini's ChordNet); default ${DEFAULT-VALUE}")
    String arch;

    @Option(names = "--vocabulary", description = "large (170) or majmin (25); default: from the output layer's size")
    String vocabulary;

    @Option(names = "--layers", description = "default: counted in the checkpoint")
    Integer layers;

    @Option(names = "--hidden", description = "default: from the embedding's shape")
    Integer hidden;

    @Option(names = "--heads", description = "not visible in any shape; default 4 (BTC-ISMIR19); 2e1d: time encoder and"
            + " decoder, default the checkpoint's config t_head, else 8")
    Integer heads;

    @Option(names = "--freq-heads", description = "2e1d frequency-encoder heads; default the checkpoint's config f_head, else 2")
    Integer freqHeads;

    @Option(names = "--filter", description = "feed-forward width; default: from the first conv's shape")
    Integer filter;

    @Option(names = "--timestep", description = "frames per window; default 108 (BTC-ISMIR19)")
    Integer timestep;

    @Option(names = "--mean", description = "feature mean; default: the checkpoint's 'mean'")
    Double mean;

    @Option(names = "--std", description = "feature std; default: the checkpoint's 'std'")
    Double std;

    @Option(names = "--out", required = true, description = "model folder to write")
    Path out;

    @Option(names = "--register", paramLabel = "NAME", description = "register the model under NAME")
    String register;

    @Option(names = "--alias", description = "alias for the new version (with --register)")
    String alias;

    @Spec
    CommandSpec spec;

    private final Supplier<Tracker> trackers;
    private final ArtifactStore store;
    private final Map<String, String> env;

    public ImportModelCommand() {
        this(Trackers::fromEnvironment, ArtifactStores.fromEnvironment(), System.getenv());
    }

    public ImportModelCommand(Supplier<Tracker> trackers, ArtifactStore store, Map<String, String> env) {
        this.trackers = trackers;
        this.store = store;
        this.env = env;
    }

    public static void main(String[] args) {
        Cli.main(new ImportModelCommand(), args);
    }

    @Override
    public Integer call() throws IOException {
        if (alias != null && register == null) {
            throw new InputException("--alias needs --register NAME");
        }
        URI uri = ArtifactStores.uri(file);
        StorageUri parsed = StorageUri.parse(uri);
        Path tmp = null;
        try {
            Path local;
            if (parsed.kind() == StorageUri.Kind.LOCAL) {
                local = parsed.path();
            } else {
                tmp = Files.createTempFile("chordflow-import", ".pt");
                store.get(uri, tmp);
                local = tmp;
            }
            var options = new CheckpointImport.Options(arch, vocabulary, layers, hidden, heads, filter, timestep, mean, std,
                    freqHeads);
            CheckpointImport.Result r;
            try {
                r = CheckpointImport.convert(local, uri.toString(), options, out);
            } catch (InputException e) {
                throw tmp == null ? e : new InputException(e.getMessage().replace(tmp.toString(), file), e);
            }
            var c = r.config();
            spec.commandLine().getOut().printf("imported %s (sha256 %s) -> %s: %s, %d layers, hidden %d, %d heads, filter %d,"
                    + " timestep %d, vocabulary %s, mean %s, std %s%n", file, r.sha256(), out, c.arch(), c.layers(), c.hidden(),
                    c.heads(), c.filter(), c.timestep(), r.vocabulary(), r.normalization().mean(), r.normalization().std());
            if (register != null) {
                register(uri.toString(), r);
            }
            return 0;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private void register(String source, CheckpointImport.Result r) throws IOException {
        try (Tracker tracker = trackers.get();
             StepRun run = StepRun.open(tracker, "import-model", env, Map.of(Tags.INPUTS, source))) {
            Map<String, String> tags = new TreeMap<>();
            tags.put("chordflow.source_file", source);
            tags.put("chordflow.source_sha256", r.sha256());
            tags.put("chordflow.arch", r.config().arch());
            tags.put("chordflow.vocabulary", r.vocabulary());
            tags.put("chordflow.mapping_version", r.mappingVersion());
            Map<String, Object> params = new LinkedHashMap<>();
            tags.forEach((k, v) -> params.put(k.substring("chordflow.".length()), v));
            params.put("layers", r.config().layers());
            params.put("hidden", r.config().hidden());
            params.put("heads", r.config().heads());
            params.put("timestep", r.config().timestep());
            run.logParams(params);
            String artifact = run.logArtifacts(out, "model");
            ModelVersion v = tracker.registry().register(register, artifact, run.runId(), tags);
            if (alias != null) {
                tracker.registry().setAlias(register, alias, v.version());
            }
            spec.commandLine().getOut().println("registered " + register + " version " + v.version()
                    + (alias == null ? "" : " (" + alias + ")") + " from " + artifact);
        }
    }
}
