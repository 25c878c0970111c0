package io.chordflow.workflows.compile;

import static io.chordflow.workflows.compile.DagBuilder.args;
import static io.chordflow.workflows.compile.DagBuilder.deps;

import io.chordflow.workflows.compile.DataTasks.Splits;
import io.chordflow.workflows.spec.Experiment;
import io.chordflow.workflows.spec.Round;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paper 2's rounds ({@code pipeline: noisy-student}), unrolled. Round 0 trains a supervised teacher
 * on the labeled split. Round k (1..N): teacher k pseudo-labels the unlabeled split with soft
 * labels (fanned out over shards); student k (round k's sizes) trains on those mixed with the
 * labeled songs; student k is evaluated on {@code valid} (its teacher's valid metrics are round
 * k-1's, or round 0's teacher's); {@code gate-k} compares the two and outputs {@code promoted} and
 * {@code champion}. Every task of round k+1 depends on {@code gate-k} and carries
 * {@code when: {{tasks.gate-k.outputs.parameters.promoted}} == true}, so a student that does not
 * beat its teacher ends the rounds. Gates themselves always run (no {@code when}): a gate after a
 * stop passes its predecessor's decision and champion on, so every output a later task reads
 * exists (Argo leaves outputs of skipped tasks unresolved or empty, depending on the version).
 * Final: the champion and the round-0 teacher on test, the rounds report (and for chords the
 * comparison), registration of the champion.
 */
final class NoisyStudentPipeline {
    private final DagBuilder dag;
    private final Experiment exp;
    private final Splits splits;
    private final String metric;

    /** A round's model: its URI, the task that trains it, its valid metrics and the task that writes them. */
    private record Model(String uri, String task, String validMetrics, String validTask) {
    }

    private NoisyStudentPipeline(DagBuilder dag, Splits splits) {
        this.dag = dag;
        this.exp = dag.exp();
        this.splits = splits;
        this.metric = "total." + exp.gate().metric();
    }

    static void build(DagBuilder dag) {
        new NoisyStudentPipeline(dag, DataTasks.add(dag, Set.of("unlabeled"))).build();
    }

    private void build() {
        Model first = roundZero();
        Model teacher = first;
        List<String> gates = new ArrayList<>();
        for (int k = 1; k <= exp.rounds().size(); k++) {
            Model student = round(k, exp.rounds().get(k - 1), teacher);
            gates.add(gate(k, teacher, student));
            teacher = student;
        }
        String lastGate = gates.get(gates.size() - 1);
        Map<String, String> models = Map.of("teacher", first.uri(), "final", "{{tasks." + lastGate + ".outputs.parameters.champion}}");
        Map<String, List<String>> producers = Map.of("teacher", deps(first.task()), "final", deps(lastGate));
        Map<String, String> producer = new LinkedHashMap<>();
        producers.forEach((m, d) -> producer.put(m, d.isEmpty() ? null : d.get(0)));
        EvaluationTasks results = new EvaluationTasks(dag);
        results.evaluate(models, producer, splits);
        results.registerTeacher(first.uri());
        List<String> evaluated = exp.evaluation().models();
        if ("chord".equals(exp.task()) && evaluated.size() > 1) {
            results.compare(evaluated);
        }
        if (evaluated.containsAll(List.of("teacher", "final"))) {
            roundsReport(gates);
        }
        results.register(models, producers.get(exp.registration().candidate())); // the champion is the last gate's output
    }

    /** The supervised teacher (trained on the labeled split, or a registered one) and its valid metrics. */
    private Model roundZero() {
        Experiment.Teacher t = exp.teacher();
        String teacher = t.trains() ? dag.run("models/round-0/teacher") : t.uri();
        String teacherTask = t.trains() ? "train-teacher" : null;
        if (t.trains()) {
            dag.task(teacherTask, Steps.TRAIN, deps("features-labeled"),
                    args("features", splits.features("labeled"), "targets", splits.targets("labeled"), "target-kind",
                            splits.targetKind(), "output", teacher), dag.config(t.model(), t.training(), null));
        }
        String valid = dag.run("metrics/round-0/teacher-valid");
        dag.task("eval-valid-teacher", Steps.EVALUATE, deps("features-valid", teacherTask),
                args("model", teacher, "features", splits.features("valid"), "labels", splits.targets("valid"),
                        "output", valid, "name", "round-0-teacher", "suite", "valid"), null);
        return new Model(teacher, teacherTask, valid, "eval-valid-teacher");
    }

    /** Round k's pseudo-labels, student and its valid evaluation; returns the student. */
    private Model round(int k, Round round, Model teacher) {
        String prevGate = previousGate(k);
        String when = prevGate == null ? null : "{{tasks." + prevGate + ".outputs.parameters.promoted}} == true";
        String pseudo = dag.run("labels/round-" + k);
        dag.fanOut("pseudo-label-" + k, Steps.TEACHER_INFERENCE_SOFT, "unlabeled", deps("features-unlabeled", teacher.task(), prevGate),
                args("model", teacher.uri(), "features", splits.features("unlabeled"), "output", pseudo), null, when);
        String student = dag.run("models/round-" + k + "/student");
        dag.task("train-student-" + k, Steps.TRAIN_MIX, deps("pseudo-label-" + k, "features-labeled", prevGate),
                args("features", splits.features("unlabeled"), "targets", pseudo, "target-kind", "soft",
                        "mix-features", splits.features("labeled"), "mix-targets", splits.targets("labeled"),
                        "mix-target-kind", splits.targetKind(), "output", student),
                dag.config(round.modelOver(exp.model()), round.trainingBlock(), null), when);
        String valid = dag.run("metrics/round-" + k + "/student-valid");
        dag.task("eval-valid-student-" + k, Steps.EVALUATE, deps("features-valid", "train-student-" + k, prevGate),
                args("model", student, "features", splits.features("valid"), "labels", splits.targets("valid"),
                        "output", valid, "name", "round-" + k + "-student", "suite", "valid"), null, when);
        return new Model(student, "train-student-" + k, valid, "eval-valid-student-" + k);
    }

    /**
     * {@code gate-k}: does the student beat its teacher on valid? {@code promoted} and {@code champion}
     * for round k+1. Always runs: after a stop it passes the previous decision and champion on.
     */
    private String gate(int k, Model teacher, Model student) {
        String prevGate = previousGate(k);
        Map<String, String> a = args("round", Integer.toString(k), "teacher-metrics", teacher.validMetrics(),
                "student-metrics", student.validMetrics(), "metric", metric, "min-delta", Double.toString(exp.gate().minDelta()),
                "teacher-model", prevGate == null ? teacher.uri() : "{{tasks." + prevGate + ".outputs.parameters.champion}}",
                "student-model", student.uri());
        if (prevGate != null) {
            a.put("previous", "{{tasks." + prevGate + ".outputs.parameters.promoted}}");
        }
        a.put("output", dag.run("reports/round-" + k + "/gate"));
        dag.task("gate-" + k, Steps.GATE, deps(teacher.validTask(), student.validTask(), prevGate), a, null);
        return "gate-" + k;
    }

    private static String previousGate(int k) {
        return k == 1 ? null : "gate-" + (k - 1);
    }

    /** Each round's gate report and the test metrics of the first teacher and the final model, side by side. */
    private void roundsReport(List<String> gates) {
        Map<String, String> r = args();
        for (int k = 1; k <= gates.size(); k++) {
            r.put("round-" + k, dag.run("reports/round-" + k + "/gate"));
        }
        r.put("teacher", dag.run("metrics/teacher"));
        r.put("final", dag.run("metrics/final"));
        r.put("metric", metric);
        r.put("output", dag.run("reports/rounds"));
        List<String> d = new ArrayList<>(gates);
        d.addAll(List.of("eval-teacher", "eval-final"));
        dag.task("rounds-report", Steps.roundsReport(gates.size()), d, r, null);
    }
}
