package io.chordflow.contract;

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
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chordflow.common.InputException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Strict binding of settings to the contract's records, the one way experiment specs and step
 * configs are read: snake_case names, an unknown field is an error (with the nearest known name),
 * no coercion ({@code epochs: "ten"} and {@code epochs: 2.5} are not numbers of epochs), and a
 * record's own range checks report their field path.
 */
public final class Contract {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private Contract() {
    }

    /**
     * {@code value} (a tree, a map of plain values, or null for an absent block) as a {@code type};
     * errors are {@link FieldError}s whose path starts with {@code where}.
     */
    public static <T> T bind(Object value, Class<T> type, String where) {
        JsonNode tree = value instanceof JsonNode n ? n : MAPPER.valueToTree(value == null ? Map.of() : value);
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw error(e).under(where);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FieldError(where, firstLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException m) { // treeToValue wraps some mapping errors
                throw error(m).under(where);
            }
            throw e;
        }
    }

    /** A mapping error as the field path from the bound root and what is wrong. */
    public static FieldError error(JsonMappingException e) {
        String path = path(e);
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            String near = closest(u.getPropertyName(), known);
            return new FieldError(path, "unknown field (" + (near != null ? "did you mean " + near + "?" : "expected one of " + known) + ")");
        }
        for (Throwable t = e.getCause(); e instanceof ValueInstantiationException && t != null; t = t.getCause()) {
            if (t instanceof FieldError f) {
                return f.under(path);
            }
            if (t instanceof InputException i) {
                return new FieldError(path, i.getMessage());
            }
        }
        if (e instanceof InvalidNullException) {
            return new FieldError(path, "missing value");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return new FieldError(path, "expected " + typeName(m.getTargetType()) + " (" + firstLine(e.getOriginalMessage()) + ")");
        }
        return new FieldError(path, firstLine(e.getOriginalMessage()));
    }

    /** The known name nearest to {@code name} (edit distance at most a third of its length, at least 2), or null. */
    public static String closest(String name, Collection<String> known) {
        String best = null;
        int bestD = Math.max(2, name.length() / 3) + 1;
        for (String k : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                best = k;
                bestD = d;
            }
        }
        return best;
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit ("temprature"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int sub = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String typeName(Class<?> t) {
        if (Map.class.isAssignableFrom(t) || t.isRecord()) {
            return "a mapping";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (t == Integer.class || t == Long.class || t == int.class || t == long.class) {
            return "a whole number";
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
