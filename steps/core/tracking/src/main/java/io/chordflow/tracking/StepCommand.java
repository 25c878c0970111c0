package io.chordflow.tracking;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.storage.StepIo;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * The scaffolding a pipeline step shares, written once: picocli calls {@link #call()}, which opens
 * the step's MLflow run from {@code env} ({@link StepRun#execute}: tag {@code chordflow.seed}, the
 * run FAILED when {@link #run} throws, s3:// outputs committed only when it returns 0) and hands
 * {@link #run} a provenance builder for the step's name and version. Exit codes and messages stay
 * {@code Cli}'s: a subclass's {@code main} is {@code Cli.main(new XStep(), args)}.
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

    protected StepCommand(String step, String version, Map<String, String> env) {
        this.step = step;
        this.version = version;
        this.env = env;
        this.stepIo = StepIo.fromEnvironment(env);
    }

    /** The step's work inside its run; {@code prov} is this step's provenance, to be completed and written with the output. */
    protected abstract int run(StepRun run, Provenance.Builder prov) throws Exception;

    @Override
    public final Integer call() throws Exception {
        return StepRun.execute(env, step, Map.of(Tags.SEED, Long.toString(seed)), stepIo,
                run -> run(run, Provenance.forStep(step, version, seed)));
    }
}
