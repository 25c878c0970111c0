package io.chordflow.workflows.local;

import io.chordflow.common.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process of a local run: a DAG task, or one item of a fanned-out task, with everything
 * resolved from the compiled workflow except references to other tasks' output parameters
 * ({@code {{tasks.X.outputs.parameters.Y}}}), which {@link #resolve} fills in once X has run.
 *
 * @param task       the DAG task it comes from (fanned-out items share it)
 * @param params     the template's input parameters, as URIs (not yet mapped to paths)
 * @param inputs     names of the params that are input artifacts
 * @param outputs    names of the params that are output artifacts
 * @param args       the container's arguments with parameters substituted (URIs not yet mapped)
 * @param files      files the container gets at fixed paths (the raw config artifact): path -> content
 * @param env        the container's plain env values, substituted
 * @param dependsOn  names of the LocalTasks that must finish first
 * @param showLog    print its output after the run's summary (the comparison table)
 * @param when       Argo's {@code when} ({@code A == B} or {@code A != B} once substituted), or null
 * @param outputParameters the template's output parameters: name -> the container path it is read from
 */
public record LocalTask(String name, String task, String step, String stepVersion, String mainClass,
                        Map<String, String> params, List<String> inputs, List<String> outputs, List<String> args,
                        Map<String, String> files, Map<String, String> env, List<String> dependsOn, boolean fannedOut,
                        boolean showLog, String when, Map<String, String> outputParameters) {
    static final Pattern TASK_REF = Pattern.compile("\\{\\{\\s*tasks\\.([A-Za-z0-9-]+)\\.outputs\\.parameters\\.([A-Za-z0-9_-]+)\\s*}}");
    private static final Pattern CONDITION = Pattern.compile("^\\s*(.*?)\\s*(==|!=)\\s*(.*?)\\s*$");

    public LocalTask(String name, String task, String step, String stepVersion, String mainClass,
                     Map<String, String> params, List<String> inputs, List<String> outputs, List<String> args,
                     Map<String, String> files, Map<String, String> env, List<String> dependsOn, boolean fannedOut, boolean showLog) {
        this(name, task, step, stepVersion, mainClass, params, inputs, outputs, args, files, env, dependsOn, fannedOut, showLog,
                null, Map.of());
    }

    /** The DAG tasks whose output parameters this one reads (in params, args, files, env or when). */
    public Set<String> readsOutputsOf() {
        Set<String> out = new LinkedHashSet<>();
        for (String s : texts()) {
            Matcher m = TASK_REF.matcher(s);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private List<String> texts() {
        List<String> all = new ArrayList<>(params.values());
        all.addAll(args);
        all.addAll(files.values());
        all.addAll(env.values());
        if (when != null) {
            all.add(when);
        }
        return all;
    }

    /**
     * With every {@code {{tasks.X.outputs.parameters.Y}}} replaced by {@code values.get(X).get(Y)}.
     * A task that was skipped has no outputs: its references become empty strings, as Argo resolves
     * outputs of skipped tasks. A reference to a task that ran but did not declare Y is an error.
     */
    public LocalTask resolve(Map<String, Map<String, String>> values, Set<String> skipped) {
        java.util.function.UnaryOperator<String> r = s -> {
            if (s == null) {
                return null;
            }
            Matcher m = TASK_REF.matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = values.getOrDefault(m.group(1), Map.of()).get(m.group(2));
                if (v == null && !skipped.contains(m.group(1))) {
                    throw new InputException("task " + name + ": {{tasks." + m.group(1) + ".outputs.parameters." + m.group(2)
                            + "}} has no value (" + m.group(1) + " wrote no output parameter " + m.group(2) + ")");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
            }
            m.appendTail(sb);
            return sb.toString();
        };
        Map<String, String> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, r.apply(v)));
        Map<String, String> f = new LinkedHashMap<>();
        files.forEach((k, v) -> f.put(k, r.apply(v)));
        Map<String, String> e = new LinkedHashMap<>();
        env.forEach((k, v) -> e.put(k, r.apply(v)));
        return new LocalTask(name, task, step, stepVersion, mainClass, p, inputs, outputs, args.stream().map(r).toList(), f, e,
                dependsOn, fannedOut, showLog, r.apply(when), outputParameters);
    }

    /** Checks that {@code when} has the form the local runner evaluates: {@code A == B} or {@code A != B}. */
    static void checkCondition(String when, String task) {
        if (when != null && !CONDITION.matcher(when).matches()) {
            throw new InputException("task " + task + ": when '" + when + "': the local runner evaluates only A == B and A != B");
        }
    }

    /** Whether the (resolved) {@code when} holds: true without one; operands compared as trimmed strings, quotes dropped. */
    public boolean conditionHolds() {
        if (when == null || when.isBlank()) {
            return true;
        }
        Matcher m = CONDITION.matcher(when);
        if (!m.matches() || TASK_REF.matcher(when).find()) {
            throw new InputException("task " + name + ": when '" + when + "' cannot be evaluated (expected A == B or A != B)");
        }
        boolean same = unquote(m.group(1)).equals(unquote(m.group(3)));
        return m.group(2).equals("==") == same;
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
