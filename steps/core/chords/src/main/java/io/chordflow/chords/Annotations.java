package io.chordflow.chords;

import io.chordflow.common.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads chord annotations by file type: {@code .jams} as JAMS, anything else as {@code .lab}. */
public final class Annotations {
    /** File name endings recognised as chord annotations when scanning folders. */
    public static final List<String> EXTENSIONS = List.of(".lab", ".jams");

    private Annotations() {
    }

    public static List<ChordSegment> read(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InputException(file + ": no such annotation file");
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jams") ? JamsFile.read(file) : LabFile.read(file);
    }

    /** The file's path relative to {@code root}, without its extension: how reference and estimate pair up. */
    public static String key(Path root, Path file) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        int dot = rel.lastIndexOf('.');
        return dot > rel.lastIndexOf('/') ? rel.substring(0, dot) : rel;
    }

    public static boolean isAnnotation(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }
}
