package io.chordflow.steps.evaluate;

import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Json;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.contract.EvaluationReport;
import io.chordflow.steps.evaluate.rounds.Gate;
import io.chordflow.tracking.StepCommand;
import io.chordflow.tracking.StepRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chordflow gate}: a noisy-student round's gate. Compares the student's metric with its
 * teacher's on the validation split ({@link Gate}) and writes into {@code --output}
 * {@code promoted} ({@code true}/{@code false}), {@code champion} (the model URI that teaches
 * from now on, when the models are given), {@code gate.json} (both numbers, the delta, the
 * reason) and provenance; with {@code --parameters DIR} also {@code promoted} and
 * {@code champion} there (Argo reads its output parameters from those files). Prints the reason.
 *
 * <p>The round is a child run ({@code round-K}) of {@code MLFLOW_PARENT_RUN_ID} with the teacher's
 * and the student's metrics ({@code teacher.majmin}, {@code student.majmin}, ...) and
 * {@code promoted} (1/0). With {@code --previous false} the round did not run: nothing is read,
 * {@code promoted} is false, the champion passes through, and no run is recorded.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Noisy-student gate: is the round's student better than its teacher on the validation split?")
public final class GateStep extends StepCommand {
    public static final String VERSION = "1";

    @Option(names = "--round", required = true, description = "the round (1..N)") int round;
    @Option(names = "--teacher-metrics", required = true, paramLabel = "FILE", description = "the teacher's metrics.json on the valid split") Path teacherMetrics;
    @Option(names = "--student-metrics", required = true, paramLabel = "FILE", description = "the student's metrics.json on the valid split") Path studentMetrics;
    @Option(names = "--metric", defaultValue = "total.majmin", description = "metric path in metrics.json (default ${DEFAULT-VALUE}; keys: total.weighted_score)") String metric;
    @Option(names = "--min-delta", defaultValue = "0", description = "the student must beat the teacher by more than this (default 0)") double minDelta;
    @Option(names = "--teacher-model", description = "the teacher's model URI (the champion if the student is not promoted)") String teacherModel;
    @Option(names = "--student-model", description = "the student's model URI (the champion if promoted)") String studentModel;
    @Option(names = "--previous", defaultValue = "true", description = "false: the previous round's student was not promoted, so this round did not run") String previous;
    @Option(names = "--output", required = true, paramLabel = "DIR") Path output;
    @Option(names = "--parameters", paramLabel = "DIR", description = "also write promoted and champion here (Argo output parameters)") Path parameters;

    public GateStep() {
        this(System.getenv());
    }

    /** {@code env}: where the tracker (MLFLOW_TRACKING_URI, MLFLOW_PARENT_RUN_ID...) is found; the round's run opens only when it ran. */
    GateStep(Map<String, String> env) {
        super("gate", VERSION, env, StepRun.Start.ON_FIRST_USE);
    }

    public static void main(String[] args) {
        Cli.main(new GateStep(), args);
    }

    @Override
    protected int run(StepRun run, Provenance.Builder prov) throws IOException {
        if (!previous.equals("true") && !previous.equals("false")) {
            throw new InputException("--previous: expected true or false, got '" + previous + "'");
        }
        prov.config("round", round).config("metric", metric).config("min_delta", minDelta);
        Gate.Decision d;
        EvaluationReport teacherDoc = null;
        EvaluationReport studentDoc = null;
        if (previous.equals("false")) {
            d = Gate.notRun(round, metric, minDelta, teacherModel, studentModel);
        } else {
            teacherDoc = read(teacherMetrics, "--teacher-metrics");
            studentDoc = read(studentMetrics, "--student-metrics");
            Gate.sameSuite(teacherDoc, teacherMetrics.toString(), studentDoc, studentMetrics.toString());
            prov.input(teacherMetrics.toUri().toString(), Hashes.sha256(teacherMetrics))
                    .input(studentMetrics.toUri().toString(), Hashes.sha256(studentMetrics));
            d = Gate.decide(round, metric, teacherDoc.value(Gate.path(metric), teacherMetrics.toString()),
                    studentDoc.value(Gate.path(metric), studentMetrics.toString()), minDelta, teacherModel, studentModel);
        }
        Files.createDirectories(output);
        write(output, d);
        if (parameters != null) {
            Files.createDirectories(parameters);
            write(parameters, d);
        }
        AtomicFiles.write(output.resolve("gate.json"), Json.IN_ORDER.writeValueAsBytes(d.toMap()));
        if (d.ran()) {
            track(run, d, teacherDoc, studentDoc);
        }
        prov.build().write(output);
        System.out.println("gate " + d.reason());
        System.out.flush();
        return 0;
    }

    private static void write(Path dir, Gate.Decision d) throws IOException {
        AtomicFiles.write(dir.resolve("promoted"), Boolean.toString(d.promoted()).getBytes(StandardCharsets.UTF_8));
        if (d.champion() != null) {
            AtomicFiles.write(dir.resolve("champion"), d.champion().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The round as a child run of the workflow's run, named round-K: both models' metrics and the decision. */
    private static void track(StepRun run, Gate.Decision d, EvaluationReport teacherDoc, EvaluationReport studentDoc) {
        run.named("round-" + d.round()).setTags(Map.of("chordflow.round", Integer.toString(d.round()),
                "chordflow.promoted", Boolean.toString(d.promoted())));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("round", d.round());
        params.put("metric", d.metric());
        params.put("min_delta", d.minDelta());
        if (d.teacherModel() != null) {
            params.put("teacher_model", d.teacherModel());
        }
        if (d.studentModel() != null) {
            params.put("student_model", d.studentModel());
        }
        run.logParams(params);
        Map<String, Double> metrics = new LinkedHashMap<>();
        totals(teacherDoc, "teacher.", metrics);
        totals(studentDoc, "student.", metrics);
        metrics.put("teacher_metric", d.teacher());
        metrics.put("student_metric", d.student());
        metrics.put("delta", d.student() - d.teacher());
        metrics.put("promoted", d.promoted() ? 1.0 : 0.0);
        run.logMetrics(metrics, d.round());
        run.setTags(Map.of("chordflow.reason", d.reason().length() > 5000 ? d.reason().substring(0, 5000) : d.reason()));
    }

    private static void totals(EvaluationReport doc, String prefix, Map<String, Double> out) {
        doc.total().forEach((k, v) -> out.put(prefix + k, v));
    }

    private static EvaluationReport read(Path file, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(option + " " + file + ": no such file");
        }
        return EvaluationReport.read(file);
    }
}
