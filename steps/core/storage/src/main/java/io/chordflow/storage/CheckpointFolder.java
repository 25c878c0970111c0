package io.chordflow.storage;

import io.chordflow.common.EnvNames;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training step's checkpoint folder, kept apart from its output (which is published atomically
 * and cleared by a re-run), so that a re-run or an Argo retry of a killed step resumes.
 *
 * <p>Where: {@code --checkpoints} if given, else {@code $CHORDFLOW_CHECKPOINTS} (the local runner
 * sets it per task), else what {@link StepIo#checkpoints} derives (an {@code s3://} prefix per
 * workflow and output on a cluster), else {@code OUTPUT/checkpoints}. A local folder is used in place. An {@code s3://} prefix is mirrored:
 * its objects are downloaded into a scratch folder at {@link #open}, and a background thread
 * uploads the folder's changed files every {@code interval} (and once more at {@link #close}).
 *
 * <p>Consistency of the remote copy: a pass first copies every file to a staging folder and
 * keeps the copy only if no file changed while it was taken; it then uploads the files oldest
 * first. The trainer writes its best weights before the checkpoint that refers to them, so the
 * remote checkpoint is never newer than the remote best weights; a newer best file next to an
 * older checkpoint is harmless, since replaying from that checkpoint rewrites it identically
 * (training is a function of seed and position). Each object is written whole by the store.
 */
public final class CheckpointFolder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CheckpointFolder.class);

    private final Path dir;
    private final ArtifactStore store;
    private final StorageUri remote;
    private final ScheduledExecutorService timer;
    private final Map<String, FileTime> uploaded = new HashMap<>();

    private CheckpointFolder(Path dir, ArtifactStore store, StorageUri remote, long intervalSeconds) {
        this.dir = dir;
        this.store = store;
        this.remote = remote;
        if (remote == null) {
            timer = null;
        } else {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "checkpoint-sync");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::syncQuietly, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    /**
     * @param option   {@code --checkpoints} (or the default the caller derived), or null
     * @param env      the step's environment ({@code CHORDFLOW_CHECKPOINTS}, {@code CHORDFLOW_CHECKPOINT_SYNC_S}: upload interval, default 60)
     * @param output   the step's local output folder (the default's parent)
     * @param scratch  where a remote prefix is mirrored
     */
    public static CheckpointFolder open(String option, Map<String, String> env, Path output, ArtifactStore store, Path scratch)
            throws IOException {
        String where = option != null ? option : env.get(EnvNames.CHORDFLOW_CHECKPOINTS);
        if (where == null || where.isBlank()) {
            return new CheckpointFolder(Files.createDirectories(output.resolve("checkpoints")), store, null, 0);
        }
        StorageUri u = StorageUri.parse(where);
        if (u.kind() == StorageUri.Kind.LOCAL) {
            return new CheckpointFolder(Files.createDirectories(u.path()), store, null, 0);
        }
        Path local = Files.createDirectories(scratch.resolve("checkpoints"));
        List<String> keys = store.list(u.toUri());
        for (String key : keys) {
            store.get(u.child(key).toUri(), local.resolve(key));
        }
        if (!keys.isEmpty()) {
            log.info("checkpoints: restored {} files from {}", keys.size(), u);
        }
        long interval = Long.parseLong(env.getOrDefault(EnvNames.CHORDFLOW_CHECKPOINT_SYNC_S, "60"));
        CheckpointFolder f = new CheckpointFolder(local, store, u, Math.max(1, interval));
        try (Stream<Path> s = Files.list(local)) {
            for (Path p : s.toList()) {
                f.uploaded.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
            }
        }
        return f;
    }

    public Path dir() {
        return dir;
    }

    /** Uploads what changed since the last pass (nothing for a local folder). */
    public synchronized void sync() throws IOException {
        if (remote == null) {
            return;
        }
        Path staging = Files.createTempDirectory(dir.getParent(), ".ckpt-staging");
        try {
            Map<String, FileTime> before = stat();
            Map<String, FileTime> changed = new HashMap<>();
            before.forEach((name, time) -> {
                if (!time.equals(uploaded.get(name))) {
                    changed.put(name, time);
                }
            });
            if (changed.isEmpty()) {
                return;
            }
            for (String name : changed.keySet()) {
                Files.copy(dir.resolve(name), staging.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!stat().equals(before)) {
                log.debug("checkpoints changed while copied; next pass");
                return;
            }
            List<String> oldestFirst = new ArrayList<>(changed.keySet());
            oldestFirst.sort(Comparator.comparing(changed::get));
            for (String name : oldestFirst) {
                store.put(staging.resolve(name), remote.child(name).toUri());
                uploaded.put(name, changed.get(name));
            }
            log.info("checkpoints: uploaded {} to {}", oldestFirst, remote);
        } finally {
            try (Stream<Path> s = Files.list(staging)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(staging);
        }
    }

    /** Complete files of the folder (not the temporary siblings of a write in progress) and their times. */
    private Map<String, FileTime> stat() throws IOException {
        Map<String, FileTime> m = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".")) {
                    m.put(n, Files.getLastModifiedTime(p));
                }
            }
        }
        return m;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (IOException | RuntimeException e) {
            log.warn("checkpoints: upload to {} failed ({}); retried at the next pass", remote, e.getMessage());
        }
    }

    /** Stops the background uploads after a last one. */
    @Override
    public void close() throws IOException {
        if (timer != null) {
            timer.shutdownNow();
            sync();
        }
    }

    /** The remote prefix, or null for a local folder. */
    URI remote() {
        return remote == null ? null : remote.toUri();
    }
}
