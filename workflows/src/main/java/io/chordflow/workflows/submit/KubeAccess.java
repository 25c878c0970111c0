package io.chordflow.workflows.submit;

import io.chordflow.common.EnvNames;
import io.chordflow.common.InputException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Access to the cluster of the current kube context, and the translation of what goes wrong into
 * messages a user can act on: no kube config, API server unreachable, Argo not installed,
 * forbidden by RBAC, not authenticated.
 */
public final class KubeAccess {
    private KubeAccess() {
    }

    /** A client for the current context; fails with a clear message when there is no kube config at all. */
    public static KubernetesClient client() {
        Optional<String> missing = missingConfig(System.getenv(), Path.of(System.getProperty("user.home")));
        if (missing.isPresent()) {
            throw new InputException(missing.get());
        }
        return new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build();
    }

    /** Why there is no way to reach a cluster, or empty when a kube config (or in-cluster account) exists. */
    static Optional<String> missingConfig(Map<String, String> env, Path home) {
        if (env.containsKey(EnvNames.KUBERNETES_SERVICE_HOST)) {
            return Optional.empty(); // in a pod: the service account is the config
        }
        String kubeconfig = env.get(EnvNames.KUBECONFIG);
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            if (Arrays.stream(kubeconfig.split(File.pathSeparator)).map(Path::of).anyMatch(Files::isRegularFile)) {
                return Optional.empty();
            }
            return Optional.of("no kube config: KUBECONFIG=" + kubeconfig + " names no existing file");
        }
        Path dflt = home.resolve(".kube/config");
        return Files.isRegularFile(dflt) ? Optional.empty()
                : Optional.of("no kube config: " + dflt + " does not exist and KUBECONFIG is not set"
                + " (get one from your cluster admin, or `kind create cluster`; `kubectl config current-context` must work)");
    }

    /** The namespace to use: the flag, else the context's, else {@code fallback}. */
    public static String namespace(String flag, KubernetesClient client, String fallback) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        String ctx = client.getConfiguration().getNamespace();
        return ctx == null || ctx.isBlank() ? fallback : ctx;
    }

    /** A one-line explanation of a failed call to the API server. */
    public static InputException explain(KubernetesClientException e, String action, String namespace, String server) {
        int code = e.getCode();
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        if (code == 404) {
            return new InputException("the API server at " + server + " does not serve workflows.argoproj.io/v1alpha1"
                    + " in namespace " + namespace + ": Argo Workflows (its Workflow CRD) is not installed there"
                    + " (install Argo, then apply manifests/ with `kubectl apply -k manifests/`; while: " + action + ")", e);
        }
        if (code == 403) {
            return new InputException("forbidden in namespace " + namespace + ": " + status
                    + " (your user needs the role in manifests/ that allows workflows.argoproj.io, or pick another namespace with --namespace; while: " + action + ")", e);
        }
        if (code == 401) {
            return new InputException("not authenticated to " + server + " (credentials of the current kube context expired?): " + status + " (while: " + action + ")", e);
        }
        if (code <= 0 && unreachable(e)) {
            return new InputException("cannot reach the Kubernetes API server at " + server + ": " + rootMessage(e)
                    + " (is the cluster up and the kube context right? `kubectl cluster-info`; while: " + action + ")", e);
        }
        return new InputException("the API server at " + server + " answered " + (code <= 0 ? "" : code + " ") + status
                + " (while: " + action + ")", e);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }
}
