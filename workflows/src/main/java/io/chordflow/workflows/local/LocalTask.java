package io.chordflow.workflows.local;

import java.util.List;
import java.util.Map;

/**
 * One process of a local run: a DAG task, or one item of a fanned-out task, with everything
 * resolved from the compiled workflow (no {{...}} left).
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
 */
public record LocalTask(String name, String task, String step, String stepVersion, String mainClass,
                        Map<String, String> params, List<String> inputs, List<String> outputs, List<String> args,
                        Map<String, String> files, Map<String, String> env, List<String> dependsOn, boolean fannedOut, boolean showLog) {
}
