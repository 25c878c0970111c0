package io.chordflow.tracking.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.registry.Promotion;
import io.chordflow.tracking.registry.RegisteredModel;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordflow models}: registered models, their versions, aliases and key metrics. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List registered models with versions, aliases and key metrics (MLFLOW_TRACKING_URI or ./mlruns).")
public final class ModelsCommand implements CliCommand, Callable<Integer> {
    @Parameters(arity = "0..1", description = "only this model")
    String only;

    @Spec
    CommandSpec spec;

    private final Supplier<Tracker> trackers;

    public ModelsCommand() {
        this(Trackers::fromEnvironment);
    }

    public ModelsCommand(Supplier<Tracker> trackers) {
        this.trackers = trackers;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Tracker tracker = trackers.get()) {
            List<RegisteredModel> models = tracker.registry().list();
            if (models.isEmpty()) {
                out.println("no registered models");
            }
            for (RegisteredModel m : models) {
                if (only != null && !only.equals(m.name())) {
                    continue;
                }
                out.println(m.name() + "  aliases: " + (m.aliases().isEmpty() ? "-" : m.aliases()));
                StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-7s %-22s %-10s", "version",
                        "aliases", Promotion.PAPER_MEAN));
                Promotion.PAPER_METRICS.forEach(k -> head.append(String.format(Locale.ROOT, " %-8s", k)));
                out.println(head.append(" source"));
                for (ModelVersion v : m.versions()) {
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-7s %-22s %-10s", v.version(),
                            v.aliases().isEmpty() ? "-" : String.join(",", v.aliases()), score(v)));
                    for (String k : Promotion.PAPER_METRICS) {
                        String t = v.tags().get(Tags.METRIC_PREFIX + k);
                        row.append(String.format(Locale.ROOT, " %-8s", t == null ? "-" : fmt(Double.parseDouble(t))));
                    }
                    out.println(row.append(' ').append(v.source()));
                }
            }
        }
        return 0;
    }

    private static String score(ModelVersion v) {
        try {
            return fmt(Promotion.score(v, Promotion.PAPER_MEAN));
        } catch (RuntimeException e) {
            return "-";
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
