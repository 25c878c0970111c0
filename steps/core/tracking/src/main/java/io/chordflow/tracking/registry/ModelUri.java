package io.chordflow.tracking.registry;

import io.chordflow.common.InputException;

/** {@code models:/NAME@ALIAS} or {@code models:/NAME/VERSION}, as MLflow writes model URIs. */
public record ModelUri(String name, String version, String alias) {
    public static final String SCHEME = "models:/";

    public static boolean isModelUri(String text) {
        return text != null && text.startsWith(SCHEME);
    }

    public static ModelUri parse(String text) {
        if (!isModelUri(text)) {
            throw new InputException(text + ": not a model URI (expected models:/NAME@ALIAS or models:/NAME/VERSION)");
        }
        String rest = text.substring(SCHEME.length());
        int at = rest.lastIndexOf('@');
        if (at > 0 && at < rest.length() - 1 && !rest.contains("/")) {
            return new ModelUri(rest.substring(0, at), null, rest.substring(at + 1));
        }
        int slash = rest.indexOf('/');
        if (slash > 0 && rest.substring(slash + 1).matches("[1-9][0-9]*")) {
            return new ModelUri(rest.substring(0, slash), rest.substring(slash + 1), null);
        }
        throw new InputException(text + ": expected models:/NAME@ALIAS or models:/NAME/VERSION (VERSION a positive integer)");
    }
}
