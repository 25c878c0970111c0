package io.chordflow.workflows.local;

import io.chordflow.common.InputException;
import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Template.DagTask;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.compile.Compiler;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a compiled Argo Workflow back into local processes: fans out {@code withItems},
 * substitutes Argo's variables the way the controller would ({@code inputs.parameters},
 * {@code item}, {@code workflow.parameters}, {@code workflow.name}, {@code pod.name}) and
 * orders the result topologically. References to other tasks' output parameters
 * ({@code tasks.X.outputs.parameters.Y}) stay in place until X has run (see {@link LocalTask#resolve}). The workflow is the single source: the runner never
 * looks at the experiment spec.
 */
public final class LocalDag {
    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    private LocalDag() {
    }

    public static List<LocalTask> expand(Workflow wf, String runName) {
        var spec = wf.getSpec();
        Template dag = spec.template(spec.entrypoint()).filter(t -> t.dag() != null)
                .orElseThrow(() -> new InputException("workflow: entrypoint " + spec.entrypoint() + " is not a DAG template"));
        Map<String, String> globals = new LinkedHashMap<>();
        if (spec.arguments() != null && spec.arguments().parameters() != null) {
            spec.arguments().parameters().forEach(p -> globals.put("workflow.parameters." + p.name(), p.value() == null ? "" : p.value()));
        }
        globals.put("workflow.name", runName);
        Map<String, List<String>> instancesOf = new LinkedHashMap<>();
        List<LocalTask> out = new ArrayList<>();
        for (DagTask task : order(dag.dag().tasks())) {
            Template t = spec.template(task.template())
                    .orElseThrow(() -> new InputException("task " + task.name() + ": template " + task.template() + " does not exist"));
            if (t.container() == null) {
                throw new InputException("task " + task.name() + ": template " + t.name() + " has no container (only container steps run locally)");
            }
            List<String> deps = new ArrayList<>();
            for (String d : task.dependencies() == null ? List.<String>of() : task.dependencies()) {
                deps.addAll(instancesOf.get(d));
            }
            List<Object> items = task.withItems() == null || task.withItems().isEmpty() ? null : task.withItems();
            LocalTask.checkCondition(task.when(), task.name());
            if (items != null && t.outputs() != null && t.outputs().parameters() != null && !t.outputs().parameters().isEmpty()) {
                throw new InputException("task " + task.name() + ": output parameters of a fanned-out task are not supported by the local runner");
            }
            if (task.withParam() != null) {
                throw new InputException("task " + task.name() + ": withParam is not supported by the local runner");
            }
            List<String> names = new ArrayList<>();
            if (items == null) {
                out.add(instance(task, t, task.name(), null, deps, globals));
                names.add(task.name());
            } else {
                for (Object item : items) {
                    String name = task.name() + "(" + item + ")";
                    out.add(instance(task, t, name, String.valueOf(item), deps, globals));
                    names.add(name);
                }
            }
            instancesOf.put(task.name(), names);
        }
        return out;
    }

    private static LocalTask instance(DagTask task, Template t, String name, String item, List<String> deps,
                                      Map<String, String> globals) {
        Map<String, String> vars = new LinkedHashMap<>(globals);
        vars.put("pod.name", name);
        if (item != null) {
            vars.put("item", item);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Arguments.Parameter p : t.inputs() == null || t.inputs().parameters() == null
                ? List.<Arguments.Parameter>of() : t.inputs().parameters()) {
            if (p.defaultValue() != null) {
                params.put(p.name(), p.defaultValue());
            }
        }
        if (task.arguments() != null && task.arguments().parameters() != null) {
            task.arguments().parameters().forEach(p -> params.put(p.name(), substitute(p.value(), vars, name)));
        }
        params.forEach((k, v) -> vars.put("inputs.parameters." + k, v));
        Map<String, String> files = new LinkedHashMap<>();
        if (t.inputs() != null && t.inputs().artifacts() != null) {
            for (Arguments.Artifact a : t.inputs().artifacts()) {
                Arguments.Artifact given = task.arguments() == null || task.arguments().artifacts() == null ? null
                        : task.arguments().artifacts().stream().filter(g -> g.name().equals(a.name())).findFirst().orElse(null);
                if (given == null || given.raw() == null) {
                    throw new InputException("task " + task.name() + ": artifact " + a.name() + " has no raw data (only raw artifacts run locally)");
                }
                files.put(a.path(), substitute(given.raw().data(), vars, name));
            }
        }
        var c = t.container();
        List<String> command = c.getCommand();
        int cp = command.indexOf("-cp");
        if (command.isEmpty() || !command.get(0).equals("java") || cp < 0 || cp + 2 >= command.size()) {
            throw new InputException("task " + task.name() + ": container command " + command
                    + " is not `java -cp CLASSPATH MAIN` (the local runner starts step main classes)");
        }
        String main = command.get(cp + 2);
        List<String> args = new ArrayList<>(command.subList(cp + 3, command.size()));
        for (String a : c.getArgs()) {
            args.add(substitute(a, vars, name));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            if (e.getValue() != null) {
                env.put(e.getName(), substitute(e.getValue(), vars, name));
            }
        }
        var meta = t.metadata();
        Map<String, String> outputParameters = new LinkedHashMap<>();
        if (t.outputs() != null && t.outputs().parameters() != null) {
            for (Template.OutputParameter o : t.outputs().parameters()) {
                if (o.path() == null) {
                    throw new InputException("task " + task.name() + ": output parameter " + o.name()
                            + " has no valueFrom.path (the local runner reads outputs from files)");
                }
                outputParameters.put(o.name(), o.path());
            }
        }
        return new LocalTask(name, task.name(), ann(meta, Compiler.A_STEP, t.name()), ann(meta, Compiler.A_STEP_VERSION, "0"),
                main, params, list(ann(meta, Compiler.A_INPUTS, "")), list(ann(meta, Compiler.A_OUTPUTS, "")),
                args, files, env, List.copyOf(deps), item != null, "true".equals(ann(meta, Compiler.A_SHOW_LOG, "false")),
                task.when() == null ? null : substitute(task.when(), vars, name), Map.copyOf(outputParameters));
    }

    private static String ann(io.chordflow.workflows.argo.Metadata m, String key, String dflt) {
        String v = m == null ? null : m.annotation(key);
        return v == null ? dflt : v;
    }

    private static List<String> list(String csv) {
        return csv.isBlank() ? List.of() : List.of(csv.split(","));
    }

    static String substitute(String s, Map<String, String> vars, String where) {
        if (s == null) {
            return null;
        }
        Matcher m = VAR.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null && m.group(1).startsWith("tasks.")) {
                v = m.group(0); // another task's output: resolved when that task has run
            } else if (v == null) {
                throw new InputException("task " + where + ": {{" + m.group(1) + "}} has no value");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Kahn's algorithm, keeping the workflow's order among ready tasks; a cycle is an error. */
    static List<DagTask> order(List<DagTask> tasks) {
        Map<String, DagTask> byName = new LinkedHashMap<>();
        tasks.forEach(t -> byName.put(t.name(), t));
        List<DagTask> out = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        while (out.size() < tasks.size()) {
            boolean progress = false;
            for (DagTask t : byName.values()) {
                if (done.contains(t.name())) {
                    continue;
                }
                List<String> deps = t.dependencies() == null ? List.of() : t.dependencies();
                for (String d : deps) {
                    if (!byName.containsKey(d)) {
                        throw new InputException("task " + t.name() + ": depends on " + d + ", which is not a task");
                    }
                }
                if (done.containsAll(deps)) {
                    out.add(t);
                    done.add(t.name());
                    progress = true;
                }
            }
            if (!progress) {
                List<String> stuck = byName.keySet().stream().filter(n -> !done.contains(n)).toList();
                throw new InputException("workflow: dependency cycle among " + stuck);
            }
        }
        return out;
    }
}
