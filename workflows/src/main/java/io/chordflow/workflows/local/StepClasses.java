package io.chordflow.workflows.local;

import io.chordflow.common.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which step programs the runner's class path has: checked before anything is opened or run. */
final class StepClasses {
    private StepClasses() {
    }

    /** Main classes not on the class path -> the DAG tasks that need them. */
    static Map<String, List<String>> missing(RunnerSettings settings, List<LocalTask> tasks) {
        URL[] urls = settings.classPathEntries().stream().filter(s -> !s.isBlank()).map(s -> {
            try {
                return Path.of(s).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(s, e);
            }
        }).toArray(URL[]::new);
        Map<String, List<String>> missing = new LinkedHashMap<>();
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            for (LocalTask t : tasks) {
                if (missing.containsKey(t.mainClass())) {
                    missing.get(t.mainClass()).add(t.task());
                    continue;
                }
                try {
                    Class.forName(t.mainClass(), false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    missing.computeIfAbsent(t.mainClass(), k -> new ArrayList<>()).add(t.task());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return missing;
    }

    /** Names every task whose step program is missing, and the class. */
    static InputException error(Map<String, List<String>> missing) {
        List<String> lines = new ArrayList<>();
        missing.forEach((cls, tasks) -> {
            List<String> ts = tasks.stream().distinct().toList();
            lines.add("task " + ts.get(0) + (ts.size() > 1 ? " (and " + String.join(", ", ts.subList(1, ts.size())) + ")" : "")
                    + ": step class " + cls + " is not on the class path");
        });
        return new InputException("cannot run locally: " + String.join("; ", lines)
                + " (the class path is the CLI's: `make build` builds the step modules that exist;"
                + " --skip-missing runs the rest of the DAG)");
    }
}
