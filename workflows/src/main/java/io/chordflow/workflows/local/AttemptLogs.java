package io.chordflow.workflows.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One log file per attempt of a task, {@code TASK.1.log}, {@code TASK.2.log}, ...: a re-run
 * (after a failure or a kill) never overwrites what the earlier attempt printed.
 */
final class AttemptLogs {
    private AttemptLogs() {
    }

    /** The log of the next attempt of {@code task} in {@code dir}: one past the highest number there. */
    static synchronized Path next(Path dir, String task) throws IOException {
        Files.createDirectories(dir);
        Pattern p = Pattern.compile(Pattern.quote(task) + "\\.(\\d+)\\.log");
        int last = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches()) {
                    last = Math.max(last, Integer.parseInt(m.group(1)));
                }
            }
        }
        return dir.resolve(task + "." + (last + 1) + ".log");
    }
}
