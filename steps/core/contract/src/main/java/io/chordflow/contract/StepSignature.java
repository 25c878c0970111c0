package io.chordflow.contract;

import java.util.List;

/**
 * A step program's signature, KFP-style: its entry point and its command-line options, each an
 * input artifact URI, an output artifact URI, a plain value or a flag. The workflow compiler
 * derives the step's Argo template from it (one input parameter per option, the container's
 * arguments in this order), and a test holds every step program's picocli options to it.
 *
 * @param name             the step's name (its template's name)
 * @param mainClass        the program's main class
 * @param version          bumped when the step's output for the same inputs changes: part of the local cache key
 * @param params           the options the compiler passes, in order
 * @param config           the step takes {@code --config FILE} (the spec's model, training and KD blocks as JSON)
 * @param outputParameters values the step hands to later tasks (Argo output parameters): it takes
 *                         {@code --parameters DIR} and writes one file per name there
 */
public record StepSignature(String name, String mainClass, String version, List<Param> params, boolean config,
                            List<String> outputParameters) {
    /** The option every step takes: the run's seed, recorded in provenance. */
    public static final String SEED = "seed";

    public StepSignature {
        FieldError.need(name, "name");
        FieldError.need(mainClass, "mainClass");
        params = List.copyOf(params);
        outputParameters = List.copyOf(outputParameters);
    }

    /** A step that hands no values to later tasks. */
    public StepSignature(String name, String mainClass, String version, List<Param> params, boolean config) {
        this(name, mainClass, version, params, config, List.of());
    }

    /** INPUT/OUTPUT: artifact URIs; VALUE: a plain value; FLAG: the option alone, always given, no parameter. */
    public enum Role { INPUT, OUTPUT, VALUE, FLAG }

    /**
     * One command-line option: {@code flag} then its value. {@code name} is the template's input
     * parameter (several may share a repeatable flag, as the compare step's {@code --metrics});
     * {@code defaultValue} null means required. {@code format} shapes the value, {@code {}}
     * standing for the parameter (e.g. {@code teacher={}/metrics.json} for NAME=FILE options).
     */
    public record Param(String name, String flag, Role role, String defaultValue, String format) {
        public Param(String name, String flag, Role role, String defaultValue) {
            this(name, flag, role, defaultValue, "{}");
        }

        /** The option's value in the Argo template. */
        public String arg() {
            return format.replace("{}", "{{inputs.parameters." + name + "}}");
        }
    }

    /** An input artifact {@code --NAME URI}. */
    public static Param in(String name) {
        return new Param(name, "--" + name, Role.INPUT, null);
    }

    /** An output artifact {@code --NAME URI}. */
    public static Param out(String name) {
        return new Param(name, "--" + name, Role.OUTPUT, null);
    }

    /** A flag {@code --NAME}, always given. */
    public static Param flag(String name) {
        return new Param(name, "--" + name, Role.FLAG, null);
    }

    /** A plain value {@code --NAME VALUE}; {@code defaultValue} null: required. */
    public static Param value(String name, String defaultValue) {
        return new Param(name, "--" + name, Role.VALUE, defaultValue);
    }

    /** The names of the params with {@code role}, in order. */
    public List<String> names(Role role) {
        return params.stream().filter(p -> p.role() == role).map(Param::name).toList();
    }
}
