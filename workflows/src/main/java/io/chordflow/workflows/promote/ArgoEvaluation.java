package io.chordflow.workflows.promote;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Json;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.StorageUri;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.registry.RemoteEvaluation;
import io.chordflow.tracking.suite.Suite;
import io.chordflow.tracking.suite.SuiteScores;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.Yaml;
import io.chordflow.workflows.compile.Compiler;
import io.chordflow.workflows.compile.Lint;
import io.chordflow.workflows.spec.Experiment;
import io.chordflow.workflows.spec.ExperimentLoader;
import io.chordflow.workflows.submit.ArgoClient;
import io.chordflow.workflows.submit.KubeAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code chordflow promote --remote}: the champion's evaluation on the candidate's suite as a
 * one-step Argo workflow ({@link Compiler#evaluation}) writing to
 * {@code s3://BUCKET/promote/NAME/vVERSION/SHORTHASH}. When that output is already committed its
 * metrics are returned (the promotion is decided then); otherwise the workflow is submitted (or
 * printed, dry run) and the promotion waits for a later call.
 */
public final class ArgoEvaluation implements RemoteEvaluation {
    private final Supplier<KubernetesClient> clients;
    private final Function<java.util.Map<String, String>, ArtifactStore> stores;

    public ArgoEvaluation() {
        this(KubeAccess::client, ArtifactStores::from);
    }

    public ArgoEvaluation(Supplier<KubernetesClient> clients, Function<java.util.Map<String, String>, ArtifactStore> stores) {
        this.clients = clients;
        this.stores = stores;
    }

    @Override
    public Optional<SuiteScores> evaluate(ModelVersion champion, Suite suite, Settings settings, PrintWriter out) throws IOException {
        if (suite.splits().size() != 1) {
            throw new InputException("suite " + suite.name() + ": has " + suite.splits().size()
                    + " splits; evaluating a model on a multi-split suite is not supported yet");
        }
        Suite.Split split = suite.splits().get(0);
        for (String uri : List.of(split.features(), split.labels())) {
            if (StorageUri.parse(uri).kind() != StorageUri.Kind.S3) {
                throw new InputException("suite " + suite.name() + ": its data " + uri + " is on this machine, which a"
                        + " cluster cannot read; promote without --remote");
            }
        }
        Experiment exp = ExperimentLoader.load(ExperimentLoader.resolve(settings.experiment(), ExperimentLoader.projectRoot()),
                settings.profile());
        String output = "s3://" + exp.cluster().bucket() + "/promote/" + champion.name() + "/v" + champion.version() + "/"
                + suite.shortHash();
        if (!settings.dryRun()) {
            ArtifactStore store = stores.apply(settings.env());
            URI outUri = URI.create(output);
            if (store.isCommitted(outUri)) {
                URI metrics = StorageUri.parse(outUri).child("metrics.json").toUri();
                byte[] bytes = store.read(metrics).orElseThrow(() -> new InputException(metrics + ": missing in a committed output"));
                JsonNode doc = Json.MAPPER.readTree(bytes);
                out.println(champion.name() + " version " + champion.version() + ": evaluation on suite " + suite.name()
                        + " found at " + output);
                return Optional.of(SuiteScores.fromMetricsDoc(doc, null, metrics.toString()));
            }
        }
        Workflow wf = Compiler.evaluation(exp, settings.profile(), "models:/" + champion.name() + "/" + champion.version(),
                split.features(), split.labels(), output, champion.name() + "-v" + champion.version(), suite.name());
        List<String> problems = Lint.check(wf);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the champion's evaluation workflow is not valid: " + problems);
        }
        if (settings.dryRun()) {
            out.print(Yaml.render(wf));
            out.println("# dry run: not submitted; promote again without --dry-run");
            return Optional.empty();
        }
        try (KubernetesClient client = clients.get()) {
            String ns = KubeAccess.namespace(settings.namespace(), client, exp.cluster().namespace());
            Workflow created = new ArgoClient(client).submit(wf, ns);
            out.println("submitted " + created.getMetadata().getName() + " to namespace " + ns + ": evaluates "
                    + champion.name() + " version " + champion.version() + " on suite " + suite.name() + " into " + output);
            out.println("run the same promote again once it has finished (bin/chordflow status "
                    + created.getMetadata().getName() + " -n " + ns + " --watch)");
        }
        return Optional.empty();
    }

}
