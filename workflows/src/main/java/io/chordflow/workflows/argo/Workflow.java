package io.chordflow.workflows.argo;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Argo's {@code Workflow} ({@code argoproj.io/v1alpha1}) as a Fabric8 custom resource: Argo's
 * Java SDK is not on Maven Central, so the spec is modelled with the records in this package
 * (only the fields chordflow uses) and Fabric8's core types for containers and scheduling.
 */
@Group("argoproj.io")
@Version("v1alpha1")
@Kind("Workflow")
@Plural("workflows")
public class Workflow extends CustomResource<WorkflowSpec, WorkflowStatus> implements Namespaced {
    public static final String API_VERSION = "argoproj.io/v1alpha1";
}
