package io.chordflow.steps.evaluate;

import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Json;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.contract.EvaluationReport;
import io.chordflow.steps.evaluate.report.BarCharts;
import io.chordflow.steps.evaluate.report.ComparisonReport;
import io.chordflow.steps.evaluate.report.PaperFigures;
import io.chordflow.tracking.StepCommand;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.Tracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chordflow compare}: paper 1's comparison of evaluated models, per evaluation split. Reads
 * each model's metrics document and writes {@code comparison.json} (the test split's models and
 * claims at the top, other splits under {@code splits.SPLIT}), {@code comparison.txt}, the bar
 * charts {@code metrics.png} and {@code per_quality.png} ({@code metrics-SPLIT.png} ... for the
 * others), and provenance; prints the tables and the paper's claims checked on these numbers. All of it is logged to the step's MLflow run, and the
 * table and charts also to the workflow's parent run, where users look first.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compares evaluated models (teacher, baseline, students) over the seven metrics and per quality.")
public final class CompareStep extends StepCommand {
    public static final String VERSION = "1";

    @Option(names = "--metrics", required = true, paramLabel = "[SPLIT/]NAME=FILE",
            description = "a model's metrics.json (repeat, in display order), e.g. teacher=eval-teacher/metrics.json on the"
                    + " test split, heldout/teacher=... on another evaluation split (one table per split)")
    List<String> metrics;

    @Option(names = "--output", required = true, paramLabel = "DIR")
    Path output;

    @Option(names = "--quality-metric", defaultValue = "tetrads", description = "metric for per-quality accuracy (default ${DEFAULT-VALUE})")
    String qualityMetric;

    @Option(names = "--teacher", defaultValue = "teacher") String teacher;
    @Option(names = "--baseline", defaultValue = "baseline") String baseline;
    @Option(names = "--stage1", defaultValue = "stage1") String stage1;
    @Option(names = "--stage2", defaultValue = "stage2") String stage2;
    @Option(names = "--template", defaultValue = "template", description = "the chroma-template baseline's name") String template;
    @Option(names = "--student", defaultValue = "btc", description = "the students' architecture, whose paper-1 figures and"
            + " margins the claims use: btc or 2e1d (default ${DEFAULT-VALUE})") String student;

    private static final String TEST = "test";

    public CompareStep() {
        this(System.getenv());
    }

    /** {@code env}: where the tracker (MLFLOW_TRACKING_URI, MLFLOW_PARENT_RUN_ID...) is found. */
    CompareStep(Map<String, String> env) {
        super("compare", VERSION, env);
    }

    public static void main(String[] args) {
        Cli.main(new CompareStep(), args);
    }

    @Override
    protected int run(StepRun run, Provenance.Builder prov) throws IOException {
        PaperFigures paper = PaperFigures.of(student);
        Tracker tracker = run.tracker();
        prov.config("quality_metric", qualityMetric).config("student", student);
        Map<String, Map<String, EvaluationReport>> bySplit = new LinkedHashMap<>();
        bySplit.put(TEST, new LinkedHashMap<>());
        for (String spec : metrics) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new InputException("--metrics '" + spec + "': expected [SPLIT/]NAME=FILE");
            }
            String key = spec.substring(0, eq);
            int slash = key.indexOf('/');
            String split = slash < 0 ? TEST : key.substring(0, slash);
            String model = key.substring(slash + 1);
            Path file = Path.of(spec.substring(eq + 1));
            if (!Files.isRegularFile(file)) {
                throw new InputException("--metrics " + key + ": " + file + ": no such file");
            }
            bySplit.computeIfAbsent(split, s -> new LinkedHashMap<>()).put(model, EvaluationReport.read(file));
            prov.input(file.toUri().toString(), Hashes.sha256(file));
        }
        Files.createDirectories(output);
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> others = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        Map<String, Double> means = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, EvaluationReport>> e : bySplit.entrySet()) {
            String split = e.getKey();
            ComparisonReport report = new ComparisonReport(e.getValue(), qualityMetric);
            List<ComparisonReport.Claim> claims = report.claims(paper, teacher, baseline, stage1, stage2, template);
            Map<String, Object> part = report.toMap();
            part.put("claims", claims);
            if (TEST.equals(split)) {
                doc.putAll(part);
            } else {
                others.put(split, part);
            }
            if (bySplit.size() > 1) {
                text.append("== ").append(split).append(TEST.equals(split) ? " (in-distribution)" : " (sources and styles no training split used)")
                        .append(" ==\n");
            }
            text.append(report.table()).append('\n');
            for (ComparisonReport.Claim c : claims) {
                text.append(c.holds() ? "[holds]     " : "[not met]   ").append(c.statement()).append(": ").append(c.numbers()).append('\n');
            }
            text.append('\n');
            String suffix = TEST.equals(split) ? "" : "-" + split;
            BarCharts.metrics(report, output.resolve("metrics" + suffix + ".png"));
            BarCharts.perQuality(report, output.resolve("per_quality" + suffix + ".png"));
            report.modelNames().forEach(m -> means.put("mean7_" + m + (TEST.equals(split) ? "" : "_" + split), report.mean(m)));
        }
        if (!others.isEmpty()) {
            doc.put("splits", others);
        }
        AtomicFiles.write(output.resolve("comparison.json"), Json.IN_ORDER.writeValueAsBytes(doc));
        AtomicFiles.write(output.resolve("comparison.txt"), text.toString().getBytes(StandardCharsets.UTF_8));
        prov.build().write(output);
        run.logMetrics(means, 0);
        run.logParams(Map.of("models", String.join(",", bySplit.get(TEST).keySet()), "splits", String.join(",", bySplit.keySet()),
                "quality_metric", qualityMetric));
        run.logArtifacts(output, "comparison");
        String parent = run.parentRunId();
        if (parent != null) {
            tracker.logArtifacts(parent, output, "comparison");
            tracker.logBatch(parent, means.entrySet().stream()
                    .map(e -> new io.chordflow.tracking.Metric(e.getKey(), e.getValue(), System.currentTimeMillis(), 0)).toList(),
                    Map.of(), Map.of());
        }
        System.out.print(text);
        return 0;
    }
}
