package io.chordflow.workflows.compile;

import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Template.DagTask;
import io.chordflow.workflows.argo.Workflow;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks Argo's schema cannot express: the entrypoint and every referenced template exist, every
 * dependency names a task of the same DAG, the DAG has no cycle, every
 * {@code {{inputs.parameters.x}}} a template uses is declared, every required input is supplied
 * by each task that calls the template and no task passes one the template does not declare,
 * {@code {{item}}} appears only in fanned-out tasks, {@code {{workflow.parameters.x}}} is
 * a declared workflow argument, and every {@code {{tasks.X.outputs.parameters.Y}}} a task uses
 * (in its arguments or its {@code when}) names a direct dependency X whose template declares
 * output parameter Y (with a {@code valueFrom.path}) and has no {@code when} of its own (a
 * skipped task has no outputs). Returns the problems, empty when clean.
 */
public final class Lint {
    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    private Lint() {
    }

    public static List<String> check(Workflow wf) {
        List<String> problems = new ArrayList<>();
        var spec = wf.getSpec();
        Map<String, Template> templates = new LinkedHashMap<>();
        for (Template t : spec.templates()) {
            if (templates.put(t.name(), t) != null) {
                problems.add("template " + t.name() + ": defined twice");
            }
        }
        if (!templates.containsKey(spec.entrypoint())) {
            problems.add("entrypoint " + spec.entrypoint() + ": no such template");
        }
        Set<String> wfParams = spec.arguments() == null || spec.arguments().parameters() == null ? Set.of()
                : spec.arguments().parameters().stream().map(Arguments.Parameter::name).collect(Collectors.toSet());
        for (Template t : templates.values()) {
            Set<String> declared = names(t.inputs() == null ? null : t.inputs().parameters());
            for (String ref : variables(t)) {
                if (ref.startsWith("inputs.parameters.") && !declared.contains(ref.substring(18))) {
                    problems.add("template " + t.name() + ": {{" + ref + "}} is not a declared input parameter");
                } else if (ref.startsWith("workflow.parameters.") && !wfParams.contains(ref.substring(20))) {
                    problems.add("template " + t.name() + ": {{" + ref + "}} is not a workflow argument");
                } else if (ref.equals("item") || ref.startsWith("item.")) {
                    problems.add("template " + t.name() + ": {{item}} outside a task's arguments");
                }
            }
            if (t.dag() != null) {
                problems.addAll(dag(t, templates, wfParams));
            }
        }
        return problems;
    }

    private static List<String> dag(Template dagTemplate, Map<String, Template> templates, Set<String> wfParams) {
        List<String> problems = new ArrayList<>();
        Map<String, DagTask> tasks = new LinkedHashMap<>();
        for (DagTask task : dagTemplate.dag().tasks()) {
            if (tasks.put(task.name(), task) != null) {
                problems.add("task " + task.name() + ": defined twice");
            }
        }
        for (DagTask task : tasks.values()) {
            String where = "task " + task.name();
            for (String dep : task.dependencies() == null ? List.<String>of() : task.dependencies()) {
                if (!tasks.containsKey(dep)) {
                    problems.add(where + ": depends on " + dep + ", which is not a task of " + dagTemplate.name());
                }
            }
            Template t = templates.get(task.template());
            if (t == null) {
                problems.add(where + ": template " + task.template() + " does not exist");
                continue;
            }
            Map<String, Arguments.Parameter> given = new HashMap<>();
            if (task.arguments() != null && task.arguments().parameters() != null) {
                task.arguments().parameters().forEach(p -> given.put(p.name(), p));
            }
            List<Arguments.Parameter> declared = t.inputs() == null || t.inputs().parameters() == null
                    ? List.of() : t.inputs().parameters();
            for (Arguments.Parameter p : declared) {
                if (p.defaultValue() == null && p.value() == null && !given.containsKey(p.name())) {
                    problems.add(where + ": input parameter " + p.name() + " of template " + t.name() + " is not given");
                }
            }
            Set<String> declaredNames = names(declared);
            for (String g : given.keySet()) {
                if (!declaredNames.contains(g)) {
                    problems.add(where + ": passes " + g + ", which template " + t.name() + " does not declare");
                }
            }
            Set<String> declaredArtifacts = t.inputs() == null || t.inputs().artifacts() == null ? Set.of()
                    : t.inputs().artifacts().stream().map(Arguments.Artifact::name).collect(Collectors.toSet());
            Set<String> givenArtifacts = task.arguments() == null || task.arguments().artifacts() == null ? Set.of()
                    : task.arguments().artifacts().stream().map(Arguments.Artifact::name).collect(Collectors.toSet());
            if (!declaredArtifacts.equals(givenArtifacts)) {
                problems.add(where + ": artifacts " + givenArtifacts + " but template " + t.name() + " takes " + declaredArtifacts);
            }
            boolean fanned = (task.withItems() != null && !task.withItems().isEmpty()) || task.withParam() != null;
            Map<String, String> uses = new LinkedHashMap<>(); // text -> where it is, for the task references
            for (Arguments.Parameter p : given.values()) {
                uses.put("parameter " + p.name(), p.value());
                for (String ref : vars(p.value())) {
                    if ((ref.equals("item") || ref.startsWith("item.")) && !fanned) {
                        problems.add(where + ": {{item}} in parameter " + p.name() + " but the task has no withItems/withParam");
                    } else if (ref.startsWith("workflow.parameters.") && !wfParams.contains(ref.substring(20))) {
                        problems.add(where + ": {{" + ref + "}} is not a workflow argument");
                    }
                }
            }
            if (task.arguments() != null && task.arguments().artifacts() != null) {
                task.arguments().artifacts().stream().filter(a -> a.raw() != null)
                        .forEach(a -> uses.put("artifact " + a.name(), a.raw().data()));
            }
            if (task.when() != null) {
                uses.put("when", task.when());
            }
            uses.forEach((in, text) -> problems.addAll(taskRefs(where + ": " + in, text, task, tasks, templates)));
        }
        List<String> cycle = cycle(tasks);
        if (!cycle.isEmpty()) {
            problems.add("dag " + dagTemplate.name() + ": cycle " + String.join(" -> ", cycle));
        }
        return problems;
    }

    private static final Pattern TASK_OUTPUT = Pattern.compile("tasks\\.([A-Za-z0-9-]+)\\.outputs\\.parameters\\.([A-Za-z0-9_-]+)");

    /**
     * {@code {{tasks.X.outputs.parameters.Y}}}: X is a direct dependency (Argo resolves it only
     * once X has finished) and X's template declares output Y with a path to read it from.
     */
    private static List<String> taskRefs(String where, String text, DagTask task, Map<String, DagTask> tasks,
                                         Map<String, Template> templates) {
        List<String> problems = new ArrayList<>();
        for (String ref : vars(text)) {
            if (!ref.startsWith("tasks.")) {
                continue;
            }
            Matcher m = TASK_OUTPUT.matcher(ref);
            if (!m.matches()) {
                problems.add(where + ": {{" + ref + "}}: expected {{tasks.NAME.outputs.parameters.NAME}}");
                continue;
            }
            String other = m.group(1);
            DagTask producer = tasks.get(other);
            if (producer == null) {
                problems.add(where + ": {{" + ref + "}} names no task");
                continue;
            }
            if (task.dependencies() == null || !task.dependencies().contains(other)) {
                problems.add(where + ": {{" + ref + "}} but " + other + " is not a dependency of " + task.name());
            }
            if (producer.when() != null) {
                // Argo leaves a skipped task's outputs unresolved (older versions) or empty (newer): never rely on them
                problems.add(where + ": {{" + ref + "}} but " + other + " has a when and may be skipped, leaving no outputs");
            }
            Template t = templates.get(producer.template());
            List<Template.OutputParameter> outs = t == null || t.outputs() == null || t.outputs().parameters() == null
                    ? List.of() : t.outputs().parameters();
            Template.OutputParameter out = outs.stream().filter(o -> o.name().equals(m.group(2))).findFirst().orElse(null);
            if (t != null && out == null) {
                problems.add(where + ": {{" + ref + "}} but template " + t.name() + " declares no output parameter " + m.group(2));
            } else if (out != null && (out.path() == null || out.path().isBlank())) {
                problems.add("template " + t.name() + ": output parameter " + out.name() + " has no valueFrom.path");
            }
        }
        return problems;
    }

    /** A dependency cycle as a path that returns to its start, or empty. */
    static List<String> cycle(Map<String, DagTask> tasks) {
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (String start : tasks.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, tasks, state, path)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean visit(String name, Map<String, DagTask> tasks, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return false;
        }
        path.add(name);
        if (s != null) {
            int first = path.indexOf(name);
            path.subList(0, first).clear();
            return true;
        }
        state.put(name, 1);
        DagTask t = tasks.get(name);
        for (String dep : t == null || t.dependencies() == null ? List.<String>of() : t.dependencies()) {
            if (tasks.containsKey(dep) && visit(dep, tasks, state, path)) {
                return true;
            }
        }
        state.put(name, 2);
        path.remove(path.size() - 1);
        return false;
    }

    private static Set<String> names(List<Arguments.Parameter> params) {
        return params == null ? Set.of() : params.stream().map(Arguments.Parameter::name).collect(Collectors.toSet());
    }

    /** Every {{...}} in a template's container (command, args, env values, image). */
    private static Set<String> variables(Template t) {
        Set<String> out = new HashSet<>();
        Container c = t.container();
        if (c != null) {
            Stream.of(c.getCommand(), c.getArgs()).filter(java.util.Objects::nonNull).flatMap(List::stream)
                    .forEach(s -> out.addAll(vars(s)));
            out.addAll(vars(c.getImage()));
            if (c.getEnv() != null) {
                c.getEnv().stream().map(EnvVar::getValue).forEach(v -> out.addAll(vars(v)));
            }
        }
        return out;
    }

    static List<String> vars(String s) {
        List<String> out = new ArrayList<>();
        if (s != null) {
            Matcher m = VAR.matcher(s);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
