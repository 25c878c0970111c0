package io.chordflow.workflows.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chordflow.common.InputException;
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

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

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
                ? " (profile " + profile + ")" : "");
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

    private static Experiment bind(Path file, ObjectNode tree, String profileNote) {
        try {
            return YAML.treeToValue(tree, Experiment.class);
        } catch (JsonMappingException e) {
            throw new InputException(file + profileNote + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new InputException(file + profileNote + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            // treeToValue wraps mapping errors thrown while converting
            if (e.getCause() instanceof JsonMappingException m) {
                throw new InputException(file + profileNote + ": " + describe(m), m);
            }
            throw e;
        }
    }

    static String describe(JsonMappingException e) {
        String path = path(e);
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return "field " + path + ": unknown field (expected one of " + known + ")";
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof Missing m) {
            return "field " + (path.isEmpty() ? "" : path + ".") + m.field + ": " + m.getMessage();
        }
        if (e instanceof InvalidNullException) {
            return "field " + path + ": missing value";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "field " + path + ": expected " + typeName(m.getTargetType()) + " (" + firstLine(e.getOriginalMessage()) + ")";
        }
        return "field " + path + ": " + firstLine(e.getOriginalMessage());
    }

    private static String typeName(Class<?> t) {
        if (Map.class.isAssignableFrom(t) || t.isRecord()) {
            return "a mapping";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (Number.class.isAssignableFrom(t) || (t.isPrimitive() && t != boolean.class)) {
            return "a number";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        return t.getSimpleName();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
