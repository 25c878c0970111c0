package io.chordflow.workflows.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where each task of a local run keeps its checkpoints: {@code HOME/checkpoints/TASK-KEY16},
 * outside the task's output folder, which a re-run clears. The cache key is part of the name, so
 * a task whose inputs, arguments or config changed starts afresh instead of resuming a checkpoint
 * of a different run (the Trainer would refuse it); checkpoints of the task's earlier keys are
 * removed then. A task that succeeds has nothing left to resume: its folder is removed.
 */
final class CheckpointFolders {
    private final Path root;

    CheckpointFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The folder of {@code task} at {@code key} (created), after removing the task's folders of other keys. */
    synchronized Path of(String task, String key) throws IOException {
        String name = LocalFolders.safe(task) + "-" + key.substring(0, Math.min(16, key.length()));
        Files.createDirectories(root);
        for (Path stale : folders(task)) {
            if (!stale.getFileName().toString().equals(name)) {
                LocalFolders.deleteTree(stale);
            }
        }
        return Files.createDirectories(root.resolve(name));
    }

    /** Whether {@code task} at {@code key} has checkpoints to resume from (nothing is created or removed). */
    boolean has(String task, String key) {
        Path dir = root.resolve(LocalFolders.safe(task) + "-" + key.substring(0, Math.min(16, key.length())));
        try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code task} finished: its checkpoints are no longer needed. */
    synchronized void done(String task) {
        folders(task).forEach(LocalFolders::deleteTree);
    }

    private java.util.List<Path> folders(String task) {
        if (!Files.isDirectory(root)) {
            return java.util.List.of();
        }
        String prefix = LocalFolders.safe(task) + "-";
        try (Stream<Path> s = Files.list(root)) {
            // TASK-KEY16: the key part has no '-', so task "a" never takes task "a-b"'s folders
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.substring(prefix.length()).matches("[0-9a-f]{1,16}");
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
