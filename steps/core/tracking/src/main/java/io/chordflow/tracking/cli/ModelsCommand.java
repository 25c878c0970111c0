package io.chordflow.tracking.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.registry.Promotion;
import io.chordflow.tracking.registry.RegisteredModel;
import io.chordflow.tracking.suite.SuiteScores;
import io.chordflow.tracking.suite.VersionScores;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chordflow models}: registered models, their versions, aliases, the evaluation suites each
 * version was scored on and its key metrics on one of them (its registration suite, or
 * {@code --suite NAME}).
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List registered models with versions, aliases, the suites each was scored on and key metrics"
                + " (MLFLOW_TRACKING_URI or ./mlruns).")
public final class ModelsCommand implements CliCommand, Callable<Integer> {
    @Parameters(arity = "0..1", description = "only this model")
    String only;

    @Option(names = "--suite", paramLabel = "NAME",
            description = "show the metrics on this evaluation suite (default: each version's registration suite)")
    String suite;

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
                StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-7s %-22s %-24s %-10s", "version",
                        "aliases", "suite", Promotion.PAPER_MEAN));
                Promotion.PAPER_METRICS.forEach(k -> head.append(String.format(Locale.ROOT, " %-8s", k)));
                out.println(head.append(" scored on | source"));
                for (ModelVersion v : m.versions()) {
                    Map<String, SuiteScores> all = VersionScores.of(v);
                    Optional<SuiteScores> shown = all.values().stream()
                            .filter(s -> suite == null || s.suite().name().equals(suite)).findFirst();
                    Map<String, Double> totals = shown.map(SuiteScores::totals).orElse(suite == null ? legacy(v) : Map.of());
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-7s %-22s %-24s %-10s", v.version(),
                            v.aliases().isEmpty() ? "-" : String.join(",", v.aliases()),
                            shown.map(VersionScores::label).orElse("-"), score(totals)));
                    for (String k : Promotion.PAPER_METRICS) {
                        Double t = totals.get(k);
                        row.append(String.format(Locale.ROOT, " %-8s", t == null ? "-" : fmt(t)));
                    }
                    String scoredOn = all.isEmpty() ? "-" : String.join(",", all.values().stream().map(VersionScores::label).toList());
                    out.println(row.append(' ').append(scoredOn).append(" | ").append(v.source()));
                }
            }
        }
        return 0;
    }

    /** A version registered before suites were recorded: its {@code metric.*} tags, suite unknown. */
    private static Map<String, Double> legacy(ModelVersion v) {
        Map<String, Double> m = new java.util.TreeMap<>();
        v.tags().forEach((k, t) -> {
            if (k.startsWith(Tags.METRIC_PREFIX)) {
                try {
                    m.put(k.substring(Tags.METRIC_PREFIX.length()), Double.parseDouble(t));
                } catch (NumberFormatException e) {
                    // not a number: shown as missing
                }
            }
        });
        return m;
    }

    private static String score(Map<String, Double> totals) {
        try {
            return fmt(Promotion.score(totals, Promotion.PAPER_MEAN, "version"));
        } catch (RuntimeException e) {
            return "-";
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
