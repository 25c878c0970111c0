package io.chordflow.workflows.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordflow.common.InputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Experiment specs as YAML 1.2 (SnakeYAML Engine, core schema): anchors and aliases resolve as
 * YAML says ({@code baseline: *s1} is a copy of the mapping anchored {@code &s1}), with limits
 * that keep a small file from becoming a huge tree (the "billion laughs" alias bomb):
 * at most {@value #MAX_ALIASES} aliases of collections, {@value #MAX_DEPTH} levels of nesting,
 * {@value #MAX_NODES} nodes once aliases are expanded, and {@value #MAX_CHARS} characters.
 * Duplicate keys and recursive aliases are errors. Errors name the file and line.
 */
final class SpecYaml {
    static final int MAX_ALIASES = 200;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 100_000;
    static final int MAX_CHARS = 1 << 20;

    private SpecYaml() {
    }

    /** The single document of {@code text} as a Jackson tree. */
    static JsonNode read(String text, Path file) {
        if (text.length() > MAX_CHARS) {
            throw new InputException(file + ": " + text.length() + " characters, more than a spec may have (" + MAX_CHARS + ")");
        }
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false).setAllowRecursiveKeys(false).setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CHARS + 1).build();
        List<Object> docs = new ArrayList<>();
        try {
            new Load(settings).loadAllFromString(text).forEach(docs::add);
        } catch (DuplicateKeyException e) {
            throw new InputException(file + line(e) + ": not valid YAML: " + oneLine(e.getProblem()), e); // "found duplicate key K"
        } catch (MarkedYamlEngineException e) {
            throw new InputException(file + line(e) + ": not valid YAML: " + oneLine(e.getProblem()), e);
        } catch (YamlEngineException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("aliases")) {
                throw new InputException(file + ": more than " + MAX_ALIASES + " aliases of mappings or lists"
                        + " (an alias bomb? specs are limited so that aliases cannot blow up)", e);
            }
            if (m.toLowerCase(java.util.Locale.ROOT).contains("recursive")) {
                throw new InputException(file + ": an alias refers to the node that contains it (recursive)", e);
            }
            throw new InputException(file + ": not valid YAML: " + oneLine(m), e);
        }
        if (docs.size() != 1) {
            throw new InputException(file + ": expected one YAML document, found " + docs.size());
        }
        return new Converter(file).convert(docs.get(0), 0, "");
    }

    private static String line(MarkedYamlEngineException e) {
        return e.getProblemMark().map(m -> " line " + (m.getLine() + 1)).orElse("");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** Plain Java values (maps, lists, scalars) to a tree, counting nodes and depth as aliases are expanded. */
    private static final class Converter {
        private final Path file;
        private final Map<Object, Boolean> onPath = new IdentityHashMap<>();
        private int nodes;

        Converter(Path file) {
            this.file = file;
        }

        JsonNode convert(Object o, int depth, String where) {
            if (++nodes > MAX_NODES) {
                throw new InputException(file + ": more than " + MAX_NODES + " values once aliases are expanded"
                        + " (an alias bomb?), at " + (where.isEmpty() ? "the top" : where));
            }
            if (depth > MAX_DEPTH) {
                throw new InputException(file + ": nested deeper than " + MAX_DEPTH + " levels, at " + where);
            }
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (o == null) {
                return f.nullNode();
            }
            if (o instanceof Map<?, ?> m) {
                enter(o, where);
                ObjectNode n = f.objectNode();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String) && !(e.getKey() instanceof Number) && !(e.getKey() instanceof Boolean)) {
                        throw new InputException(file + ": at " + (where.isEmpty() ? "the top" : where)
                                + ": a key must be a plain value, got " + e.getKey());
                    }
                    String k = String.valueOf(e.getKey());
                    n.set(k, convert(e.getValue(), depth + 1, where.isEmpty() ? k : where + "." + k));
                }
                onPath.remove(o);
                return n;
            }
            if (o instanceof List<?> l) {
                enter(o, where);
                ArrayNode a = f.arrayNode();
                for (int i = 0; i < l.size(); i++) {
                    a.add(convert(l.get(i), depth + 1, where + "[" + i + "]"));
                }
                onPath.remove(o);
                return a;
            }
            if (o instanceof String s) {
                return f.textNode(s);
            }
            if (o instanceof Boolean b) {
                return f.booleanNode(b);
            }
            if (o instanceof Integer i) {
                return f.numberNode(i);
            }
            if (o instanceof Long l) {
                return f.numberNode(l);
            }
            if (o instanceof BigInteger b) {
                return f.numberNode(b);
            }
            if (o instanceof Double d) {
                return f.numberNode(d);
            }
            if (o instanceof BigDecimal d) {
                return f.numberNode(d);
            }
            throw new InputException(file + ": at " + where + ": unsupported YAML value of type " + o.getClass().getSimpleName()
                    + " (" + o + ")");
        }

        private void enter(Object o, String where) {
            if (onPath.put(o, Boolean.TRUE) != null) {
                throw new InputException(file + ": at " + where + ": an alias refers to the node that contains it (recursive)");
            }
        }
    }
}
