package io.chordflow.steps.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Json;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.contract.EvaluationReport;
import io.chordflow.steps.evaluate.report.RoundCharts;
import io.chordflow.steps.evaluate.rounds.Gate;
import io.chordflow.steps.evaluate.rounds.RoundsReport;
import io.chordflow.tracking.StepCommand;
import io.chordflow.tracking.StepRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chordflow rounds-report}: paper 2's rounds at a glance. Reads each round's gate folder
 * ({@code --round K=DIR}, its {@code gate.json}) and the test metrics of the round-0 teacher and
 * the final model ({@code --test NAME=FILE}); writes {@code rounds.json}, {@code rounds.txt} (the
 * per-round table) and {@code rounds.png} (the metric per round), prints the table, and records
 * them in a run of its own (metrics per round as steps, the files as artifacts), the plot also
 * on the workflow's parent run when {@code MLFLOW_PARENT_RUN_ID} is set.
 */
@Command(name = "rounds-report", mixinStandardHelpOptions = true,
        description = "Per-round table and chart of a noisy-student experiment.")
public final class RoundsReportStep extends StepCommand {
    public static final String VERSION = "1";

    @Option(names = "--round", required = true, paramLabel = "K=DIR", description = "round K's gate folder (repeat, rounds 1..N)")
    List<String> rounds;

    @Option(names = "--test", paramLabel = "NAME=FILE", description = "test metrics.json of teacher and final (repeat)")
    List<String> tests = new ArrayList<>();

    @Option(names = "--metric", defaultValue = "total.majmin", description = "metric path (default ${DEFAULT-VALUE})") String metric;
    @Option(names = "--output", required = true, paramLabel = "DIR") Path output;

    public RoundsReportStep() {
        this(System.getenv());
    }

    /** {@code env}: where the tracker (MLFLOW_TRACKING_URI, MLFLOW_PARENT_RUN_ID...) is found; the run opens once the report is written. */
    RoundsReportStep(Map<String, String> env) {
        super("rounds-report", VERSION, env, StepRun.Start.ON_FIRST_USE);
    }

    public static void main(String[] args) {
        Cli.main(new RoundsReportStep(), args);
    }

    @Override
    protected int run(StepRun run, Provenance.Builder prov) throws IOException {
        prov.config("metric", metric);
        List<RoundsReport.Row> rows = new ArrayList<>();
        for (String spec : rounds) {
            String[] kv = pair(spec, "--round");
            int k;
            try {
                k = Integer.parseInt(kv[0]);
            } catch (NumberFormatException e) {
                throw new InputException("--round '" + spec + "': expected K=DIR with K a round number");
            }
            Path file = Path.of(kv[1]).resolve("gate.json");
            rows.add(RoundsReport.row(k, read(file, "--round " + k), file.toString()));
            prov.input(file.toUri().toString(), Hashes.sha256(file));
        }
        rows.sort(java.util.Comparator.comparingInt(RoundsReport.Row::round));
        Map<String, Double> test = new LinkedHashMap<>();
        for (String spec : tests) {
            String[] kv = pair(spec, "--test");
            Path file = Path.of(kv[1]);
            exists(file, "--test " + kv[0]);
            test.put(kv[0], EvaluationReport.read(file).value(Gate.path(metric), file.toString()));
            prov.input(file.toUri().toString(), Hashes.sha256(file));
        }
        RoundsReport report = new RoundsReport(metric, rows, test);
        Files.createDirectories(output);
        AtomicFiles.write(output.resolve("rounds.json"), Json.IN_ORDER.writeValueAsBytes(report.toMap()));
        String table = report.table();
        AtomicFiles.write(output.resolve("rounds.txt"), table.getBytes(StandardCharsets.UTF_8));
        RoundCharts.perRound(report, output.resolve("rounds.png"));
        track(run, report);
        prov.build().write(output);
        System.out.print(table);
        System.out.flush();
        return 0;
    }

    private void track(StepRun run, RoundsReport report) throws IOException {
        run.logParams(Map.of("metric", report.metric(), "rounds", report.rows().size()));
        for (RoundsReport.Row r : report.rows()) {
            if (r.ran()) {
                run.logMetrics(Map.of("valid_teacher", r.teacher(), "valid_student", r.student(),
                        "promoted", r.promoted() ? 1.0 : 0.0), r.round());
            }
        }
        Map<String, Double> t = new LinkedHashMap<>();
        report.test().forEach((k, v) -> t.put("test_" + k, v));
        t.put("promoted_rounds", (double) report.promotedRounds());
        run.logMetrics(t, 0);
        for (String f : List.of("rounds.png", "rounds.txt", "rounds.json")) {
            run.logArtifact(output.resolve(f), "");
        }
        String parent = run.parentRunId();
        if (parent != null) {
            run.tracker().logArtifact(parent, output.resolve("rounds.png"), "");
            run.tracker().logArtifact(parent, output.resolve("rounds.txt"), "");
        }
    }

    private static String[] pair(String spec, String option) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new InputException(option + " '" + spec + "': expected NAME=PATH");
        }
        return new String[] {spec.substring(0, eq), spec.substring(eq + 1)};
    }

    private static JsonNode read(Path file, String what) throws IOException {
        exists(file, what);
        return Json.MAPPER.readTree(file.toFile());
    }

    private static void exists(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(what + ": " + file + ": no such file");
        }
    }
}
