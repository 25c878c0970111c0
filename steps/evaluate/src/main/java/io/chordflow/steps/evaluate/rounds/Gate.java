package io.chordflow.steps.evaluate.rounds;

import io.chordflow.common.InputException;
import io.chordflow.contract.EvaluationReport;
import io.chordflow.tracking.registry.Promotion;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A noisy-student round's decision (paper 2, section 2.1): the student becomes the next teacher
 * only if it beats its teacher on the validation split, {@code student > teacher + minDelta} on
 * one metric, decided by the same rule as every promotion ({@link Promotion}). Pure: evaluation
 * reports in, a {@link Decision} out. Both documents must come from the same evaluation suite
 * ({@link #sameSuite}).
 *
 * <p>A metric is a path into the evaluation's {@code metrics.json}: {@code total.majmin} (chords:
 * mir_eval's majmin, duration-weighted) or {@code total.weighted_score} (keys: mir_eval's weighted
 * key score); a bare name means {@code total.NAME}.
 */
public final class Gate {
    private Gate() {
    }

    /**
     * @param ran      false when the round did not run (an earlier student was not promoted)
     * @param champion the model that teaches from now on: the student if promoted, else the teacher
     */
    public record Decision(int round, String metric, double teacher, double student, double minDelta, boolean promoted,
                           boolean ran, String reason, String teacherModel, String studentModel, String champion) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schema_version", 1);
            m.put("round", round);
            m.put("ran", ran);
            m.put("metric", metric);
            m.put("teacher", ran ? teacher : null);
            m.put("student", ran ? student : null);
            m.put("delta", ran ? student - teacher : null);
            m.put("min_delta", minDelta);
            m.put("promoted", promoted);
            m.put("reason", reason);
            m.put("teacher_model", teacherModel);
            m.put("student_model", studentModel);
            m.put("champion", champion);
            return m;
        }
    }

    /**
     * Fails when the two evaluations name different suites (content hashes): their numbers are not
     * comparable. Reports written before suites were recorded pass.
     */
    public static void sameSuite(EvaluationReport teacher, String teacherFile, EvaluationReport student, String studentFile) {
        EvaluationReport.Suite t = teacher.suite();
        EvaluationReport.Suite s = student.suite();
        if (t != null && s != null && !t.hash().equals(s.hash())) {
            throw new InputException(studentFile + ": evaluated on suite " + s.name() + " (hash " + s.hash().substring(0, 16)
                    + "), " + teacherFile + " on suite " + t.name() + " (hash " + t.hash().substring(0, 16) + "): not comparable");
        }
    }

    /** {@code majmin} -> {@code total.majmin}; a dotted path stays. */
    public static String path(String metric) {
        return metric.contains(".") ? metric : "total." + metric;
    }

    public static Decision decide(int round, String metric, double teacher, double student, double minDelta,
                                  String teacherModel, String studentModel) {
        String name = path(metric);
        // the one promotion rule (Promotion): student > teacher + minDelta on the metric
        boolean promoted = Promotion.decide(Map.of(name, student), Map.of(), Map.of(name, teacher), Map.of(),
                new Promotion.Rule(name, minDelta, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).promote();
        String reason = String.format(Locale.ROOT, "round %d: student %s %.4f %s teacher %.4f (%+.4f%s): %s", round, name, student,
                promoted ? "beats" : "does not beat", teacher, student - teacher,
                minDelta > 0 ? String.format(Locale.ROOT, ", needs > %+.4f", minDelta) : "",
                promoted ? "promoted, it teaches round " + (round + 1)
                        : "not promoted; the rounds stop here and round " + round + "'s teacher stays the champion");
        return new Decision(round, name, teacher, student, minDelta, promoted, true, reason, teacherModel, studentModel,
                promoted ? studentModel : teacherModel);
    }

    /** Round {@code round} did not run: the champion so far stays, nothing is promoted. */
    public static Decision notRun(int round, String metric, double minDelta, String champion, String studentModel) {
        return new Decision(round, path(metric), Double.NaN, Double.NaN, minDelta, false, false,
                "round " + round + " did not run: round " + (round - 1) + "'s student was not promoted (or its round did not run)",
                champion, studentModel, champion);
    }
}
