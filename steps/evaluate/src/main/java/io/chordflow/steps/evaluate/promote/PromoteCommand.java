package io.chordflow.steps.evaluate.promote;

import io.chordflow.common.InputException;
import io.chordflow.common.cli.CliCommand;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.Promoter;
import io.chordflow.tracking.registry.Promotion;
import io.chordflow.tracking.registry.RemoteEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chordflow promote NAME VERSION}: moves an alias (default champion) to the version if it
 * beats the holder on the same evaluation suite ({@link Promoter}, {@link Promotion}'s rule).
 * When the holder has no score on the candidate's suite it is evaluated there first, here with
 * the evaluate step ({@link LocalEvaluation}) or, with {@code --remote}, as a one-step Argo
 * workflow ({@link RemoteEvaluation}: the decision waits for its result; run promote again once
 * it has finished), and that evaluation is recorded on the holder's version. The decision, both
 * score tables and the suite are printed and recorded on the candidate's version: the tag
 * {@code chordflow.promotion} and a report ({@link PromotionReport}) logged to its run under
 * {@code promotion/}.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Point an alias (default champion) at a model version if it beats the current holder on the same"
                + " evaluation suite (the holder is evaluated there first if it has no score on it); refuses otherwise"
                + " (exit 1) unless --force --reason is given.")
public final class PromoteCommand implements CliCommand, Callable<Integer> {
    @Parameters(index = "0", description = "registered model name")
    String name;

    @Parameters(index = "1", description = "version number")
    String version;

    @Option(names = "--alias", defaultValue = ModelRegistry.CHAMPION, description = "alias to move (default ${DEFAULT-VALUE})")
    String alias;

    @Option(names = "--suite", paramLabel = "NAME", description = "judge on the candidate's scores on this suite"
            + " (default: the suite it was registered with)")
    String suite;

    @Option(names = "--metric", defaultValue = Promotion.PAPER_MEAN,
            description = "score: paper_mean (mean of root, thirds, triads, sevenths, tetrads, majmin, mirex) or one"
                    + " metric name; default ${DEFAULT-VALUE}")
    String metric;

    @Option(names = "--min-gain", defaultValue = "0", paramLabel = "X",
            description = "the score must rise by more than X (default ${DEFAULT-VALUE})")
    double minGain;

    @Option(names = "--max-drop", paramLabel = "X", description = "refuse if any one metric falls by more than X (default: not checked)")
    Double maxDrop;

    @Option(names = "--max-rare-drop", paramLabel = "X",
            description = "refuse if the accuracy (tetrads) on any rare reference quality (all but maj, min, N) falls by"
                    + " more than X (default: not checked)")
    Double maxRareDrop;

    @Option(names = "--remote", description = "evaluate the holder as a one-step Argo workflow on the current kube context")
    boolean remote;

    @Option(names = "--namespace", description = "with --remote: namespace (default: the context's, else chordflow)")
    String namespace;

    @Option(names = "--dry-run", description = "with --remote: print the workflow instead of submitting it")
    boolean dryRun;

    @Option(names = "--experiment", defaultValue = "btc-kd", paramLabel = "EXP",
            description = "with --remote: the experiment whose cluster settings (images, bucket, MLflow) the workflow uses"
                    + " (default ${DEFAULT-VALUE})")
    String experiment;

    @Option(names = "--profile", defaultValue = "default", description = "with --remote: its profile (default ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--work", defaultValue = ".chordflow/promote", paramLabel = "DIR",
            description = "where local evaluations and reports are written (default ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--force", description = "promote even if it does not beat the current holder")
    boolean force;

    @Option(names = "--reason", description = "why --force is used (recorded as a tag on the version)")
    String reason;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public PromoteCommand() {
        this(System.getenv());
    }

    /** {@code env}: the tracker (MLFLOW_TRACKING_URI) and, for --remote, the S3 settings. */
    public PromoteCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (force && (reason == null || reason.isBlank())) {
            throw new InputException("--force needs --reason R (it is recorded on the model version)");
        }
        Promotion.Rule rule = new Promotion.Rule(metric, minGain, maxDrop == null ? Double.POSITIVE_INFINITY : maxDrop,
                maxRareDrop == null ? Double.POSITIVE_INFINITY : maxRareDrop);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Tracker tracker = Trackers.from(env)) {
            ModelRegistry registry = tracker.registry();
            Promoter.ChampionEvaluator evaluator = remote ? remote(out) : new LocalEvaluation(env, work);
            Promoter.Outcome o = Promoter.decide(registry, name, version, alias, suite, rule, evaluator);
            out.print(PromotionReport.table(o, alias));
            if (o.status() == Promoter.Status.ALREADY) {
                out.println(name + ": " + o.message());
                out.flush();
                return 0;
            }
            boolean forced = !o.promote() && force;
            String decision = (forced ? "forced: " : "") + o.message() + (forced ? "; reason: " + reason : "");
            Path reportDir = work.resolve(name).resolve("v" + version).resolve("promotion-" + alias);
            PromotionReport.write(reportDir, o, alias, rule, decision);
            String reportUri = reportDir.toAbsolutePath().toUri().toString();
            if (o.candidate().runId() != null && !o.candidate().runId().isBlank()) {
                reportUri = tracker.logArtifacts(o.candidate().runId(), reportDir, "promotion/" + alias);
            }
            Promoter.record(registry, o, alias, forced ? reason : null, reportUri);
            if (!o.promote() && !forced) {
                out.flush();
                err.println(name + ": " + o.message() + "; use --force --reason R to override");
                err.println("report: " + reportUri);
                return 1;
            }
            out.println(name + ": " + decision);
            out.println(name + "@" + alias + " -> version " + version + " (" + o.candidate().source() + ")");
            out.println("report: " + reportUri);
            return 0;
        }
    }

    private Promoter.ChampionEvaluator remote(PrintWriter out) {
        RemoteEvaluation r = ServiceLoader.load(RemoteEvaluation.class).findFirst().orElseThrow(() -> new InputException(
                "--remote: no workflow submitter on the class path (run it through bin/chordflow)"));
        return (champion, s) -> r.evaluate(champion, s, new RemoteEvaluation.Settings(experiment, profile, namespace, dryRun,
                env), out);
    }
}
