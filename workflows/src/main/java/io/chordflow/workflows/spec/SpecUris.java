package io.chordflow.workflows.spec;

import io.chordflow.common.InputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a spec points at data: every URI field, and the checks on them that depend on where the
 * workflow runs. Everywhere: a relative path may not climb out of the folder it is resolved in
 * ({@code ../../etc}). On a cluster ({@code submit}, {@code validate --cluster}): no local paths
 * and no {@code file://} URIs, which name files on the submitting machine that a pod does not
 * have; the local runner may use them.
 */
public final class SpecUris {
    private SpecUris() {
    }

    /** Field name (as the spec spells it) -> URI, for every URI the spec gives. */
    public static Map<String, String> of(Experiment e) {
        Map<String, String> out = new LinkedHashMap<>();
        e.datasets().uris().forEach((split, uri) -> out.put("datasets.uris." + split, uri));
        e.dataTiers().forEach((name, tier) -> {
            if (tier.uri() != null) {
                out.put("data_tiers." + name + ".uri", tier.uri());
            }
        });
        if (e.teacher() != null && e.teacher().uri() != null) {
            out.put("teacher.uri", e.teacher().uri());
        }
        return out;
    }

    /** Refuses relative paths that climb out with {@code ..}. */
    public static void checkPaths(Experiment e, Path file) {
        of(e).forEach((field, uri) -> {
            if (Uris.scheme(uri) == null) {
                Path p = Path.of(uri);
                if (!p.isAbsolute() && p.normalize().startsWith("..")) {
                    throw new InputException(file + ": field " + field + ": '" + uri + "' leaves the folder it is resolved in"
                            + " (a relative path may not climb out with ..; give an absolute path, file:// or s3:// URI)");
                }
            }
        });
    }

    /** Refuses local paths and file:// URIs: a cluster's pods read s3:// (data) and models:/ (registered models). */
    public static void checkForCluster(Experiment e, Path file) {
        of(e).forEach((field, uri) -> {
            String scheme = Uris.scheme(uri);
            if (scheme == null || scheme.equals("file")) {
                throw new InputException(file + ": field " + field + ": '" + uri + "' is a file on this machine, which a"
                        + " cluster's pods do not have; upload it and give an s3:// URI (local runs may use it)");
            }
        });
    }
}
