package io.chordflow.workflows.spec;

import io.chordflow.contract.FieldError;
import java.util.List;
import java.util.Map;

/** The checks only a noisy-student spec needs: its data tiers and knowledge expansion round to round. */
final class NoisyStudentChecks {
    private NoisyStudentChecks() {
    }

    /**
     * The tier is one of data_tiers and the unlabeled split comes from it alone; tiers given in
     * hours grow (D2 has more unlabeled audio than D1, as in the paper).
     */
    static void tiers(Map<String, DataTier> tiers, String tier, Datasets datasets) {
        if (tier == null) {
            FieldError.check(tiers.isEmpty(), "data_tier", "missing value: select one of " + tiers.keySet());
            return;
        }
        FieldError.check(tiers.containsKey(tier), "data_tier", "'" + tier + "': expected one of " + tiers.keySet());
        FieldError.check(!datasets.has("unlabeled"), "datasets",
                "split 'unlabeled' is given both under datasets and by data_tier " + tier + "; give it in one place");
        String prev = null;
        for (var e : tiers.entrySet()) {
            if (prev != null && tiers.get(prev).hours() != null && e.getValue().hours() != null) {
                FieldError.check(e.getValue().hours() > tiers.get(prev).hours(), "data_tiers." + e.getKey() + ".hours",
                        e.getValue().hours() + " h: expected more unlabeled audio than " + prev + " (" + tiers.get(prev).hours() + " h)");
            }
            prev = e.getKey();
        }
    }

    /**
     * Knowledge expansion: round 1's student is at least the teacher's size, and each later
     * round's student is larger than the one before (no size smaller, at least one larger).
     */
    static void expansion(List<Round> rounds, Experiment.Teacher teacher, Map<String, Object> base) {
        Map<String, Object> prev = teacher.trains() ? teacher.model() : null;
        for (int i = 0; i < rounds.size(); i++) {
            Map<String, Object> m = rounds.get(i).modelOver(base);
            String where = "rounds[" + i + "].model";
            FieldError.check(prev == null || String.valueOf(prev.get("arch")).equals(String.valueOf(m.get("arch"))), where + ".arch",
                    "'" + m.get("arch") + "': every round keeps the teacher's architecture '" + (prev == null ? "" : prev.get("arch"))
                            + "' (sizes are compared round to round)");
            if (prev != null) {
                boolean larger = false;
                for (String k : Experiment.SIZE_KEYS) {
                    Object a = prev.get(k);
                    Object b = m.get(k);
                    if (a == null && b == null) {
                        continue;
                    }
                    FieldError.check(a instanceof Number && b instanceof Number, where + "." + k,
                            "give " + k + " in every round (and the teacher) to compare sizes: "
                                    + (i == 0 ? "teacher" : "round " + i) + " has " + a + ", round " + (i + 1) + " has " + b);
                    double da = ((Number) a).doubleValue();
                    double db = ((Number) b).doubleValue();
                    String before = i == 0 ? "the teacher's" : "round " + i + "'s";
                    FieldError.check(db >= da, where + "." + k, db + " is smaller than " + before + " " + da
                            + " (knowledge expansion: a student is at least as large as its teacher)");
                    larger |= db > da;
                }
                FieldError.check(i == 0 || larger, where, "round " + (i + 1) + "'s student is not larger than round " + i
                        + "'s (knowledge expansion: grow layers, hidden, heads or filter)");
            }
            prev = m;
        }
    }
}
