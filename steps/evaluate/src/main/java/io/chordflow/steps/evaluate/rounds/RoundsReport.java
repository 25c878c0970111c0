package io.chordflow.steps.evaluate.rounds;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The noisy-student rounds at a glance: per round the teacher's and the student's metric on the
 * validation split and the gate's decision (from each round's {@code gate.json}), and the test
 * metric of the round-0 teacher and of the final model. Pure: documents in, table and map out.
 */
public final class RoundsReport {
    /** One round as its gate recorded it; {@code teacher}/{@code student} are NaN when it did not run. */
    public record Row(int round, boolean ran, double teacher, double student, boolean promoted, String reason, String champion) {
    }

    private final String metric;
    private final List<Row> rows;
    private final Map<String, Double> test;

    public RoundsReport(String metric, List<Row> rows, Map<String, Double> test) {
        if (rows.isEmpty()) {
            throw new InputException("no rounds to report");
        }
        this.metric = Gate.path(metric);
        this.rows = List.copyOf(rows);
        this.test = new LinkedHashMap<>(test);
    }

    /** A row from a round's {@code gate.json} (as {@link Gate.Decision#toMap()} writes it). */
    public static Row row(int round, JsonNode gate, String file) {
        if (!gate.path("ran").isBoolean() || !gate.path("promoted").isBoolean()) {
            throw new InputException(file + ": fields ran and promoted missing: not a gate.json");
        }
        boolean ran = gate.get("ran").asBoolean();
        return new Row(round, ran, ran ? gate.path("teacher").asDouble() : Double.NaN, ran ? gate.path("student").asDouble() : Double.NaN,
                gate.get("promoted").asBoolean(), gate.path("reason").asText(""), gate.path("champion").asText(null));
    }

    public String metric() {
        return metric;
    }

    public List<Row> rows() {
        return rows;
    }

    public Map<String, Double> test() {
        return test;
    }

    /** Rounds whose student was promoted, in a row from round 1 (the final model is the last one's student). */
    public int promotedRounds() {
        int n = 0;
        for (Row r : rows) {
            if (!r.promoted()) {
                break;
            }
            n++;
        }
        return n;
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "noisy-student rounds, %s on the valid split%n", metric));
        sb.append(String.format(Locale.ROOT, "%-6s %-4s %9s %9s %9s  %s%n", "round", "ran", "teacher", "student", "delta", "gate"));
        for (Row r : rows) {
            sb.append(r.ran()
                    ? String.format(Locale.ROOT, "%-6d %-4s %9.4f %9.4f %+9.4f  %s%n", r.round(), "yes", r.teacher(), r.student(),
                            r.student() - r.teacher(), r.promoted() ? "promoted" : "not promoted (rounds stop)")
                    : String.format(Locale.ROOT, "%-6d %-4s %9s %9s %9s  %s%n", r.round(), "no", "-", "-", "-", "not run"));
        }
        int p = promotedRounds();
        sb.append(String.format(Locale.ROOT, "final model: %s%n", p == 0 ? "the round-0 teacher (no student was promoted)"
                : "round " + p + "'s student"));
        if (!test.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "test split, %s:", metric));
            test.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
            if (test.containsKey("teacher") && test.containsKey("final")) {
                sb.append(String.format(Locale.ROOT, " (final - teacher %+.4f)", test.get("final") - test.get("teacher")));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", 1);
        m.put("metric", metric);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("round", r.round());
            x.put("ran", r.ran());
            x.put("teacher_valid", r.ran() ? r.teacher() : null);
            x.put("student_valid", r.ran() ? r.student() : null);
            x.put("promoted", r.promoted());
            x.put("reason", r.reason());
            x.put("champion", r.champion());
            rs.add(x);
        }
        m.put("rounds", rs);
        m.put("promoted_rounds", promotedRounds());
        m.put("test", test);
        return m;
    }
}
