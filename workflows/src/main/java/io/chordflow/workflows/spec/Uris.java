package io.chordflow.workflows.spec;

import io.chordflow.contract.FieldError;
import java.util.List;

/** The URI schemes chordflow's steps read (contract): plain paths, file://, s3://, and for models models:/. */
public final class Uris {
    public static final List<String> DATA_SCHEMES = List.of("file", "s3");

    private Uris() {
    }

    static String data(String uri, String field) {
        FieldError.need(uri, field);
        String scheme = scheme(uri);
        FieldError.check(scheme == null || DATA_SCHEMES.contains(scheme), field,
                "unsupported URI scheme '" + scheme + ":' in '" + uri + "' (expected a path, file:// or s3://)");
        if ("s3".equals(scheme)) {
            FieldError.check(uri.startsWith("s3://") && uri.length() > 5 && uri.charAt(5) != '/', field,
                    "'" + uri + "': expected s3://bucket/key");
        }
        return uri;
    }

    static String model(String uri, String field) {
        FieldError.need(uri, field);
        if ("models".equals(scheme(uri))) {
            FieldError.check(uri.matches("models:/[A-Za-z0-9_.-]+(@[A-Za-z0-9_.-]+|/[0-9]+)"), field,
                    "'" + uri + "': expected models:/NAME@ALIAS or models:/NAME/VERSION");
            return uri;
        }
        String scheme = scheme(uri);
        FieldError.check(scheme == null || DATA_SCHEMES.contains(scheme), field,
                "unsupported URI scheme '" + scheme + ":' in '" + uri + "' (expected models:/, s3://, file:// or a path)");
        return uri;
    }

    /** The scheme, or null for a plain path (a one-letter "scheme" is a Windows drive, not a scheme). */
    public static String scheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 2 || uri.substring(0, colon).contains("/")) {
            return null;
        }
        return uri.substring(0, colon);
    }
}
