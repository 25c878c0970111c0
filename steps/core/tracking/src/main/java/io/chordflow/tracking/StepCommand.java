package io.chordflow.tracking;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.storage.StepIo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * The scaffolding a pipeline step shares, written once: picocli calls {@link #call()}, which runs
 * {@link #run} in the step's MLflow run from {@code env} ({@link StepRun#execute}: tagged
 * {@code chordflow.seed} and {@link #runTags()}, FAILED when {@link #run} throws, s3:// outputs
 * committed only when it returns 0 or 3) and hands {@link #run} a provenance builder for the
 * step's name and version. Exit codes and messages stay {@code Cli}'s: a subclass's {@code main}
 * is {@code Cli.main(new XStep(), args)}.
 *
 * <p>The run is opened before {@link #run} starts, or, for a step that records what it did once
 * it is done ({@link StepRun.Start#ON_FIRST_USE}), when it first logs to it: bad input found
 * before then leaves no run behind.
 */
public abstract class StepCommand implements CliCommand, Callable<Integer> {
    @Option(names = "--seed", defaultValue = "0", description = "seed (default ${DEFAULT-VALUE}; recorded in provenance and as a run tag)")
    protected long seed;

    /** Where the tracker (MLFLOW_TRACKING_URI, MLFLOW_RUN_ID, MLFLOW_PARENT_RUN_ID) and the store are found. */
    protected final Map<String, String> env;
    /** The step's inputs and outputs by URI: s3:// ones fetched and staged here. */
    protected final StepIo stepIo;
    private final String step;
    private final String version;
    private final StepRun.Start start;

    /** A step whose run is opened before its work. */
    protected StepCommand(String step, String version, Map<String, String> env) {
        this(step, version, env, StepRun.Start.BEFORE_WORK);
    }

    protected StepCommand(String step, String version, Map<String, String> env, StepRun.Start start) {
        this.step = step;
        this.version = version;
        this.env = env;
        this.start = start;
        this.stepIo = StepIo.fromEnvironment(env);
    }

    /** The step's work inside its run; {@code prov} is this step's provenance, to be completed and written with the output. */
    protected abstract int run(StepRun run, Provenance.Builder prov) throws Exception;

    /** Tags of the step's run besides its step and seed (e.g. {@code chordflow.inputs}); none by default. */
    protected Map<String, String> runTags() {
        return Map.of();
    }

    /** The step's tracker, made when its run is opened: by default the one {@code env} names. */
    protected Tracker tracker() {
        return Trackers.from(env);
    }

    @Override
    public final Integer call() throws Exception {
        Map<String, String> tags = new LinkedHashMap<>(runTags());
        tags.put(Tags.SEED, Long.toString(seed));
        return StepRun.execute(this::tracker, start, env, step, tags, stepIo,
                run -> run(run, Provenance.forStep(step, version, seed)));
    }
}
