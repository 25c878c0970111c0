package io.chordflow.workflows.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordflow.common.InputException;
import io.chordflow.contract.Contract;
import io.chordflow.contract.FieldError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@code experiments/NAME.yaml} strictly: unknown fields, wrong types and missing values
 * are errors that name the file, the field path and what was expected. A profile
 * ({@code profiles: {smoke: {...}, full: {...}}}) is a partial spec deep-merged over the base
 * before binding: maps merge key by key, anything else replaces, {@code null} removes. The text is
 * YAML 1.2 with anchors and aliases, within limits ({@link SpecYaml}).
 */
public final class ExperimentLoader {
    public static final String DEFAULT_PROFILE = "default";

    private ExperimentLoader() {
    }

    /** Finds an experiment by name in {@code <root>/experiments/}, or takes EXP as a path to a YAML file. */
    public static Path resolve(String exp, Path root) {
        Path asPath = Path.of(exp);
        if (exp.endsWith(".yaml") || exp.endsWith(".yml") || exp.contains("/")) {
            if (!Files.isRegularFile(asPath)) {
                throw new InputException(exp + ": no such experiment file");
            }
            return asPath;
        }
        Path file = root.resolve("experiments").resolve(exp + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new InputException("experiment '" + exp + "' not found: no " + file + " (have: " + names(root) + ")");
        }
        return file;
    }

    /** Experiment names under {@code <root>/experiments}, sorted. */
    public static List<String> names(Path root) {
        Path dir = root.resolve("experiments");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** The project root: {@code -Dchordflow.root} (set by bin/chordflow and the build), else the working folder. */
    public static Path projectRoot() {
        return Path.of(System.getProperty("chordflow.root", ".")).toAbsolutePath().normalize();
    }

    public static Experiment load(Path file, String profile) {
        ObjectNode tree = read(file);
        Map<String, JsonNode> profiles = profiles(file, tree);
        if (!DEFAULT_PROFILE.equals(profile) && !profiles.containsKey(profile)) {
            throw new InputException(file + ": profile '" + profile + "' is not defined (have: "
                    + new TreeSet<>(profiles.keySet()) + ", and default)");
        }
        if (profiles.containsKey(profile)) {
            merge(tree, profiles.get(profile), file, "profiles." + profile);
        }
        Experiment exp = bind(file, tree, profiles.containsKey(profile) && !DEFAULT_PROFILE.equals(profile)
                ? " (profile " + profile + ")" : "", profile, profiles.get(profile));
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!exp.name().equals(stem)) {
            throw new InputException(file + ": field name: '" + exp.name() + "' must match the file name '" + stem + "'");
        }
        return exp;
    }

    /** The profiles a spec defines besides the default. */
    public static List<String> profileNames(Path file) {
        return new ArrayList<>(new TreeSet<>(profiles(file, read(file)).keySet()));
    }

    private static ObjectNode read(Path file) {
        JsonNode tree = SpecYaml.read(io.chordflow.common.io.TextFiles.readUtf8(file), file); // YAML 1.2, aliases bounded
        if (!(tree instanceof ObjectNode obj)) {
            throw new InputException(file + ": expected a mapping of experiment fields at the top level");
        }
        return obj;
    }

    private static Map<String, JsonNode> profiles(Path file, ObjectNode tree) {
        JsonNode p = tree.remove("profiles");
        if (p == null || p.isNull()) {
            return Map.of();
        }
        if (!p.isObject()) {
            throw new InputException(file + ": field profiles: expected a mapping of profile name -> overrides");
        }
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        p.fields().forEachRemaining(e -> {
            if (!e.getValue().isObject()) {
                throw new InputException(file + ": field profiles." + e.getKey() + ": expected a mapping of overrides");
            }
            out.put(e.getKey(), e.getValue());
        });
        return out;
    }

    private static void merge(ObjectNode base, JsonNode over, Path file, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode old = base.get(e.getKey());
            if (e.getValue().isNull()) {
                base.remove(e.getKey());
            } else if (old instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue(), file, where + "." + e.getKey());
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static Experiment bind(Path file, ObjectNode tree, String profileNote, String profile, JsonNode overrides) {
        try {
            return Contract.bind(tree, Experiment.class, "");
        } catch (FieldError e) {
            // a field the profile sets is named where the user wrote it: profiles.NAME.FIELD
            boolean inProfile = overrides != null && !overrides.at(pointer(e.field())).isMissingNode();
            String field = inProfile ? "profiles." + profile + "." + e.field() : e.field();
            throw new InputException(file + profileNote + ": field " + field + ": " + e.problem(), e);
        }
    }

    /** {@code a.b[0].c} as the JSON pointer {@code /a/b/0/c}. */
    static JsonPointer pointer(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.split("\\.")) {
            for (String piece : part.replace("]", "").split("\\[")) {
                if (!piece.isEmpty()) {
                    sb.append('/').append(piece.replace("~", "~0").replace("/", "~1"));
                }
            }
        }
        return JsonPointer.compile(sb.toString());
    }
}
