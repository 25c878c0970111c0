package io.chordflow.workflows.compile;

import static io.chordflow.workflows.compile.DagBuilder.args;
import static io.chordflow.workflows.compile.DagBuilder.deps;

import io.chordflow.workflows.compile.DataTasks.Splits;
import io.chordflow.workflows.spec.Experiment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paper 1's two stages ({@code pipeline: teacher-student}), and the supervised baseline alone
 * ({@code pipeline: supervised}). The teacher (trained on the teacher split, or a registered
 * one) pseudo-labels the unlabeled split; the stage-1 student trains on those labels; stage 2
 * fine-tunes it on the labeled split with selective KD from the teacher, once per ablation variant
 * too; the baseline trains on the labeled split alone. Then every compared model is evaluated,
 * the comparison drawn, and the teacher and the candidate registered.
 */
final class TeacherStudentPipeline {
    private final DagBuilder dag;
    private final Experiment exp;
    /** Model name -> its URI, and the task that makes it (null: it exists before the run). */
    private final Map<String, String> models = new LinkedHashMap<>();
    private final Map<String, String> producer = new LinkedHashMap<>();

    private TeacherStudentPipeline(DagBuilder dag) {
        this.dag = dag;
        this.exp = dag.exp();
    }

    static void build(DagBuilder dag) {
        new TeacherStudentPipeline(dag).build();
    }

    private void build() {
        // the teacher pseudo-labels the unlabeled split (teacher-student; the supervised baseline alone labels none)
        Splits splits = DataTasks.add(dag, Experiment.TEACHER_STUDENT.equals(exp.pipeline()) ? Set.of("unlabeled")
                : Set.of());
        String teacher = null;
        if (Experiment.TEACHER_STUDENT.equals(exp.pipeline())) {
            teacher = twoStages(splits);
        }
        model("baseline", "train-baseline");
        dag.task("train-baseline", Steps.TRAIN, deps("features-labeled"),
                args("features", splits.features("labeled"), "targets", splits.labels("labeled"), "target-kind", "lab",
                        "output", models.get("baseline")), dag.config(exp.model(), exp.baseline(), null));
        EvaluationTasks results = new EvaluationTasks(dag);
        results.evaluate(models, producer, splits);
        if (teacher != null) {
            results.registerTeacher(teacher);
        }
        if (exp.compared().size() > 1) {
            results.compare(exp.compared());
        }
        results.register(models, List.of());
    }

    /** Teacher, pseudo-labels, stage 1, stage 2 and its ablation variants; returns the teacher's URI. */
    private String twoStages(Splits splits) {
        Experiment.Teacher t = exp.teacher();
        String teacher = t.trains() ? dag.run("models/teacher") : t.uri();
        String teacherTask = t.trains() ? "train-teacher" : null;
        if (t.trains()) {
            dag.task(teacherTask, Steps.TRAIN, deps("features-teacher"),
                    args("features", splits.features("teacher"), "targets", splits.labels("teacher"), "target-kind", "lab",
                            "output", teacher), dag.config(t.model(), t.training(), null));
        }
        models.put("teacher", teacher);
        producer.put("teacher", teacherTask);
        String pseudo = dag.run("labels/pseudo");
        dag.fanOut("pseudo-label", Steps.TEACHER_INFERENCE, "unlabeled", deps("features-unlabeled", teacherTask),
                args("model", teacher, "features", splits.features("unlabeled"), "output", pseudo), null, null);
        model("stage1", "train-stage1");
        stage1(splits, pseudo);
        stage2("stage2", teacher, teacherTask, splits, exp.stage2(), exp.kd());
        for (Map.Entry<String, Experiment.Variant> v : exp.ablation().entrySet()) {
            stage2("stage2-" + v.getKey(), teacher, teacherTask, splits,
                    Experiment.Variant.over(exp.stage2(), v.getValue().stage2()), Experiment.Variant.over(exp.kd(), v.getValue().kd()));
        }
        return teacher;
    }

    /**
     * Stage 1: the student on the teacher's pseudo-labels. With {@code stage1.mix_ratio} (paper 2's mix) the labelled
     * split's ground truth joins them, that share of each epoch's windows being pseudo-labelled.
     */
    private void stage1(Splits splits, String pseudo) {
        boolean mix = exp.stage1().containsKey("mix_ratio");
        Map<String, String> a = args("features", splits.features("unlabeled"), "targets", pseudo, "target-kind", "hard");
        if (mix) {
            a.putAll(args("mix-features", splits.features("labeled"), "mix-targets", splits.labels("labeled"),
                    "mix-target-kind", "lab"));
        }
        a.put("output", models.get("stage1"));
        dag.task("train-stage1", mix ? Steps.TRAIN_MIX : Steps.TRAIN, deps("pseudo-label", mix ? "features-labeled" : null), a,
                dag.config(exp.model(), exp.stage1(), null));
    }

    /** Stage 2 (or one of its ablation variants): the stage-1 student fine-tuned with KD, task {@code kd-NAME}. */
    private void stage2(String name, String teacher, String teacherTask, Splits splits, Map<String, Object> training,
                        Map<String, Object> kd) {
        model(name, "kd-" + name);
        dag.task("kd-" + name, Steps.KD_FINETUNE, deps("features-labeled", "train-stage1", teacherTask),
                args("features", splits.features("labeled"), "labels", splits.labels("labeled"), "teacher", teacher,
                        "student", models.get("stage1"), "output", models.get(name)),
                dag.config(exp.model(), training, kd));
    }

    /** A model this run trains: under {@code models/NAME}, made by {@code task}. */
    private void model(String name, String task) {
        models.put(name, dag.run("models/" + name));
        producer.put(name, task);
    }
}
