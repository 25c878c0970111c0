package io.chordflow.storage;

import io.chordflow.common.EnvNames;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Hashes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's artifact edge: step code works on local folders, and this maps each input and output
 * URI to one. Local paths and {@code file://} URIs are used in place. {@code s3://} inputs are
 * fetched, verified against their commit marker, into a scratch folder; {@code s3://} outputs are
 * written to a scratch folder and committed by {@link #publish()} once the step has succeeded, so
 * a failed or killed step leaves nothing a reader would take.
 *
 * <p>Shards: a step running shard I of N (N > 1) commits its part under
 * {@code OUTPUT/shards/I-of-N/}; an input whose root has no commit marker is read as the union
 * of its committed shards, and all N must be there.
 */
public final class StepIo {
    public static final String SHARDS = "shards";
    private static final Pattern SHARD = Pattern.compile("(\\d+)-of-(\\d+)");

    private final ArtifactStore store;
    private Path scratch;
    private final Map<URI, Path> outputs = new LinkedHashMap<>();
    private String shard;

    public StepIo(ArtifactStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    /**
     * The store from {@code env} (S3 endpoint and credentials, read when an s3:// URI is first
     * used); scratch under the system temp folder, made only when something remote is used.
     */
    public static StepIo fromEnvironment(Map<String, String> env) {
        return new StepIo(ArtifactStores.from(env), null);
    }

    private Path scratch() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempDirectory("chordflow-step");
        }
        return scratch;
    }

    /** This run is shard {@code index} of {@code count}: its outputs commit as one part of the whole. */
    public StepIo shard(int index, int count) {
        shard = count > 1 ? index + "-of-" + count : null;
        return this;
    }

    public Path input(String uri, String option) throws IOException {
        StorageUri u = parse(uri, option);
        if (u.kind() == StorageUri.Kind.LOCAL) {
            return u.path();
        }
        Path dir = scratch().resolve("in").resolve(Hashes.sha256(uri));
        if (store.isCommitted(u.toUri())) {
            fetch(u.toUri(), dir);
            return dir;
        }
        List<String> parts = committedShards(u);
        if (parts.isEmpty() && fetchFromCommittedAncestor(u, dir)) {
            return dir;
        }
        if (parts.isEmpty()) {
            throw new InputException(option + " " + uri + ": not a committed output (no "
                    + Manifest.FILE_NAME + " and no committed shards; the step that writes it did not finish)");
        }
        for (String part : parts) {
            fetch(u.child(SHARDS + "/" + part).toUri(), dir);
        }
        return dir;
    }

    /**
     * An input read shard by shard ({@link io.chordflow.common.io.shard.ShardLocation}): a local
     * folder in place; an {@code s3://} output (committed whole or as all its shards) read through a
     * cache of at most {@code cachedShards} data files in the scratch folder, each downloaded on first use.
     */
    public io.chordflow.common.io.shard.ShardLocation shards(String uri, String option, int cachedShards) throws IOException {
        StorageUri u = parse(uri, option);
        if (u.kind() == StorageUri.Kind.LOCAL) {
            if (!Files.isDirectory(u.path())) {
                throw new InputException(option + " " + u.path() + ": no such folder");
            }
            return io.chordflow.common.io.shard.ShardLocation.local(u.path());
        }
        if (!store.isCommitted(u.toUri()) && committedShards(u).isEmpty()) {
            throw new InputException(option + " " + uri + ": not a committed output (no " + Manifest.FILE_NAME
                    + " and no committed shards; the step that writes it did not finish)");
        }
        return new S3Shards(store, u, scratch().resolve("shards").resolve(Hashes.sha256(uri)), cachedShards);
    }

    /** A local folder to write the output to; an s3:// one is published by {@link #publish()}. */
    public Path output(String uri, String option) throws IOException {
        StorageUri u = parse(uri, option);
        if (u.kind() == StorageUri.Kind.LOCAL) {
            if (Files.exists(u.path()) && !Files.isDirectory(u.path())) {
                throw new InputException(option + " " + u.path() + ": exists and is not a folder (an output is a folder)");
            }
            Files.createDirectories(u.path());
            return u.path();
        }
        Path dir = Files.createDirectories(scratch().resolve("out").resolve(Hashes.sha256(uri)));
        outputs.put(u.toUri(), dir);
        return dir;
    }

    /**
     * The step's checkpoint folder (see {@link CheckpointFolder}): {@code option}, else
     * {@code env}'s {@code CHORDFLOW_CHECKPOINTS} (the local runner sets it), else, for an
     * {@code s3://} output in a workflow pod ({@code CHORDFLOW_WORKFLOW} set),
     * {@code s3://BUCKET/checkpoints/WORKFLOW/OUTPUT-KEY} (stable across the retries of one
     * workflow, apart from the output and from other workflows' runs), else {@code OUTPUT/checkpoints}.
     *
     * @param output the local folder {@link #output} returned
     */
    public CheckpointFolder checkpoints(String option, Map<String, String> env, Path output) throws IOException {
        String where = option != null ? option : env.get(EnvNames.CHORDFLOW_CHECKPOINTS);
        String workflow = env.get(EnvNames.CHORDFLOW_WORKFLOW);
        if (where == null && workflow != null && workflow.matches("[A-Za-z0-9._-]+")) {
            for (Map.Entry<URI, Path> o : outputs.entrySet()) {
                if (o.getValue().equals(output)) {
                    StorageUri u = StorageUri.parse(o.getKey());
                    where = "s3://" + u.bucket() + "/checkpoints/" + workflow + "/" + u.key();
                }
            }
        }
        try {
            return CheckpointFolder.open(where, env, output, store, where != null && where.startsWith("s3://") ? scratch() : null);
        } catch (InputException e) {
            throw new InputException("--checkpoints " + e.getMessage(), e);
        }
    }

    /** Commits every s3:// output; call once the step's work has succeeded. */
    public void publish() throws IOException {
        for (Map.Entry<URI, Path> o : outputs.entrySet()) {
            StorageUri dest = StorageUri.parse(o.getKey());
            store.publish(o.getValue(), (shard == null ? dest : dest.child(SHARDS + "/" + shard)).toUri());
        }
    }

    private void fetch(URI src, Path dir) throws IOException {
        store.fetch(src, dir);
        // the local copy of the marker would look like data to steps that read every file
        Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME));
    }

    /**
     * A sub-folder of a committed output (a split's {@code audio/} inside a dataset): only the
     * files below it are fetched.
     */
    private boolean fetchFromCommittedAncestor(StorageUri u, Path dir) throws IOException {
        String key = u.key();
        for (int slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1)) {
            StorageUri ancestor = new StorageUri(u.kind(), u.bucket(), key.substring(0, slash), null);
            if (store.isCommitted(ancestor.toUri())) {
                new Publication(store).fetch(ancestor.toUri(), dir, key.substring(slash + 1) + "/");
                return true;
            }
        }
        return false;
    }

    private List<String> committedShards(StorageUri u) throws IOException {
        TreeSet<Integer> have = new TreeSet<>();
        int count = -1;
        for (String key : store.list(u.child(SHARDS).toUri())) {
            if (!key.endsWith("/" + Manifest.FILE_NAME)) {
                continue;
            }
            Matcher m = SHARD.matcher(key.substring(0, key.indexOf('/')));
            if (!m.matches()) {
                continue;
            }
            int n = Integer.parseInt(m.group(2));
            if (count >= 0 && n != count) {
                throw new InputException(u + ": shards of different runs (of " + count + " and of " + n + ")");
            }
            count = n;
            have.add(Integer.parseInt(m.group(1)));
        }
        if (count < 0) {
            return List.of();
        }
        if (have.size() != count || have.first() != 0 || have.last() != count - 1) {
            throw new InputException(u + ": only " + have.size() + " of " + count + " shards are committed " + have);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(i + "-of-" + count);
        }
        return out;
    }

    private static StorageUri parse(String uri, String option) {
        try {
            return StorageUri.parse(uri);
        } catch (InputException e) {
            throw new InputException(option + " " + e.getMessage(), e);
        }
    }
}
