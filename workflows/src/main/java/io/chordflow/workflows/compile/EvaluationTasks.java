package io.chordflow.workflows.compile;

import static io.chordflow.workflows.compile.DagBuilder.args;
import static io.chordflow.workflows.compile.DagBuilder.deps;

import io.chordflow.contract.StepSignatures;
import io.chordflow.workflows.compile.DataTasks.Splits;
import io.chordflow.workflows.spec.Experiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tasks after training, shared by the pipelines: evaluations, paper 1's comparison, registration. */
final class EvaluationTasks {
    private final DagBuilder dag;
    private final Experiment exp;

    EvaluationTasks(DagBuilder dag) {
        this.dag = dag;
        this.exp = dag.exp();
    }

    /**
     * Every compared model on every evaluation split: {@code eval-M} on test (its metrics under
     * {@code metrics/M}), {@code eval-M-SPLIT} on the others ({@code metrics/SPLIT/M}). The
     * chroma-template baseline ({@code template}) needs features only.
     *
     * @param models   model name -> its URI
     * @param producer model name -> the task that makes it (null: it exists before the run)
     */
    void evaluate(Map<String, String> models, Map<String, String> producer, Splits splits) {
        for (String split : exp.evaluation().splits()) {
            for (String m : exp.compared()) {
                Map<String, String> a = Experiment.TEMPLATE.equals(m) ? args() : args("model", models.get(m));
                a.putAll(args("features", splits.features(split), "labels", splits.targets(split),
                        "output", metrics(split, m), "name", m, "suite", split));
                dag.task(evalTask(split, m), Experiment.TEMPLATE.equals(m) ? Steps.EVALUATE_TEMPLATE : Steps.EVALUATE,
                        deps("features-" + split, producer.get(m)), a, null);
            }
        }
    }

    /** The task that evaluates {@code model} on {@code split}. */
    static String evalTask(String split, String model) {
        return "test".equals(split) ? "eval-" + model : "eval-" + model + "-" + split;
    }

    /** Where {@code model}'s metrics on {@code split} are written. */
    String metrics(String split, String model) {
        return dag.run("test".equals(split) ? "metrics/" + model : "metrics/" + split + "/" + model);
    }

    /** Paper 1's comparison over the evaluated models on every evaluation split, after all their evaluations. */
    void compare(List<String> evaluated) {
        Map<String, String> metrics = args();
        List<String> deps = new ArrayList<>();
        for (String split : exp.evaluation().splits()) {
            for (String m : evaluated) {
                metrics.put(StepSignatures.compareParam(split, m), metrics(split, m));
                deps.add(evalTask(split, m));
            }
        }
        metrics.put("output", dag.run("reports/comparison"));
        metrics.put("student", String.valueOf(exp.model().get("arch")));   // whose paper figures the claims use
        dag.task("compare", Steps.compare(exp.evaluation().splits(), evaluated), deps, metrics, null);
    }

    /** A teacher trained here and evaluated on test is registered as {@code champion} under {@code teacher.register_as}. */
    void registerTeacher(String teacher) {
        Experiment.Teacher t = exp.teacher();
        if (t != null && t.trains() && t.registerAs() != null && exp.evaluation().models().contains("teacher")) {
            dag.task("register-teacher", Steps.REGISTER, deps("eval-teacher"),
                    args("model", teacher, "metrics", metrics("test", "teacher"), "name", t.registerAs(), "alias", "champion"),
                    null);
        }
    }

    /**
     * The registration's candidate, when it is evaluated, under the spec's name and alias.
     *
     * @param after tasks it waits for besides its evaluation (the one that decides which model the candidate is)
     */
    void register(Map<String, String> models, List<String> after) {
        String candidate = exp.registration().candidate();
        if (exp.evaluation().models().contains(candidate)) {
            List<String> d = new ArrayList<>(List.of(evalTask("test", candidate)));
            d.addAll(after);
            dag.task("register", Steps.REGISTER, deps(d.toArray(String[]::new)),
                    args("model", models.get(candidate), "metrics", metrics("test", candidate),
                            "name", exp.registration().model(), "alias", exp.registration().alias()), null);
        }
    }
}
