package io.chordflow.workflows.compile;

import java.util.List;

/**
 * A step program as the contract defines it (KFP-style typed I/O): its container entry point
 * and its parameters, each an input artifact URI, an output artifact URI, or a plain value.
 * The compiler derives the Argo template from this; the local runner reads the roles back from
 * the template's annotations to hash inputs and check outputs.
 *
 * @param version  bumped when the step's output for the same inputs changes: part of the cache key
 * @param variants true for model steps, which ship as a CPU and a CUDA image
 * @param config   true when the step takes {@code --config FILE} (the opaque training JSON)
 * @param outputParameters values the step hands to later tasks (Argo output parameters): it gets
 *                 {@code --parameters DIR} and writes one file per name there
 * @param poolAs   the step whose node pool it uses (a variant such as {@code train-mix} runs where {@code train} runs)
 */
public record Step(String name, String mainClass, String version, List<Param> params, boolean config, boolean variants,
                   String imageName, List<String> outputParameters, String poolAs) {

    public Step(String name, String mainClass, String version, List<Param> params, boolean config, boolean variants) {
        this(name, mainClass, version, params, config, variants, "chordflow-" + name);
    }

    public Step(String name, String mainClass, String version, List<Param> params, boolean config, boolean variants,
                String imageName) {
        this(name, mainClass, version, params, config, variants, imageName, List.of(), name);
    }

    /** INPUT/OUTPUT: artifact URIs; VALUE: a plain value; FLAG: the option alone, always given, no parameter. */
    public enum Role { INPUT, OUTPUT, VALUE, FLAG }

    /**
     * One command-line option: {@code flag} then its value; {@code defaultValue} null means
     * required. {@code format} shapes the value, {@code {}} standing for the parameter (e.g.
     * {@code teacher={}/metrics.json} for the compare step's NAME=FILE options).
     */
    public record Param(String name, String flag, Role role, String defaultValue, String format) {
        public Param(String name, String flag, Role role, String defaultValue) {
            this(name, flag, role, defaultValue, "{}");
        }

        public String arg() {
            return format.replace("{}", "{{inputs.parameters." + name + "}}");
        }
    }

    static Param in(String name) {
        return new Param(name, "--" + name, Role.INPUT, null);
    }

    static Param out(String name) {
        return new Param(name, "--" + name, Role.OUTPUT, null);
    }

    static Param flag(String name) {
        return new Param(name, "--" + name, Role.FLAG, null);
    }

    static Param value(String name, String defaultValue) {
        return new Param(name, "--" + name, Role.VALUE, defaultValue);
    }

    public List<String> names(Role role) {
        return params.stream().filter(p -> p.role() == role).map(Param::name).toList();
    }

    public String image(String registry, String tag, boolean gpu) {
        return registry + "/" + imageName + ":" + tag + (variants ? (gpu ? "-cuda" : "-cpu") : "");
    }
}
