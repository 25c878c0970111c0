package io.chordflow.workflows.compile;

import io.chordflow.contract.StepSignature;
import java.util.List;

/**
 * A step program as a cluster runs it: its signature (the contract's {@link StepSignature}:
 * main class, version, options) and where it runs. The compiler derives the Argo template from
 * both; the local runner reads the options' roles back from the template's annotations to hash
 * inputs and check outputs.
 *
 * @param variants  true for model steps, which ship as a CPU and a CUDA image
 * @param imageName the image that ships it ({@code chordflow-NAME}, or the image of the step it rides with)
 * @param poolAs    the step whose node pool it uses (a variant such as {@code train-mix} runs where {@code train} runs)
 */
public record Step(StepSignature signature, boolean variants, String imageName, String poolAs) {

    /** A step with its own image, {@code chordflow-NAME}, in its own pool. */
    static Step of(StepSignature signature, boolean variants) {
        return new Step(signature, variants, "chordflow-" + signature.name(), signature.name());
    }

    /** A step that ships inside another step's image (CPU and CUDA variants). */
    static Step inImage(StepSignature signature, String imageName, String poolAs) {
        return new Step(signature, true, imageName, poolAs);
    }

    public String name() {
        return signature.name();
    }

    public String mainClass() {
        return signature.mainClass();
    }

    public String version() {
        return signature.version();
    }

    public List<StepSignature.Param> params() {
        return signature.params();
    }

    public boolean config() {
        return signature.config();
    }

    public List<String> outputParameters() {
        return signature.outputParameters();
    }

    public List<String> names(StepSignature.Role role) {
        return signature.names(role);
    }

    public String image(String registry, String tag, boolean gpu) {
        return registry + "/" + imageName + ":" + tag + (variants ? (gpu ? "-cuda" : "-cpu") : "");
    }
}
