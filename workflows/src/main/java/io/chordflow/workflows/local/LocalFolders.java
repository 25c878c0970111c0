package io.chordflow.workflows.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the local runner's folders share: a task's name as a file name, and removing a folder tree. */
final class LocalFolders {
    private LocalFolders() {
    }

    /** {@code name} with every character outside {@code [A-Za-z0-9._-]} as {@code _} (a fanned-out item's parentheses). */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Removes {@code p} and everything under it. */
    static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p, e);
        }
    }
}
