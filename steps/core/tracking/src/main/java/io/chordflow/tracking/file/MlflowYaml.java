package io.chordflow.tracking.file;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chordflow.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * meta.yaml files as MLflow writes them: {@code yaml.dump(data, default_flow_style=False,
 * sort_keys=True, Dumper=SafeDumper)} (mlflow/utils/yaml_utils.py write_yaml). Hand-written because
 * the values are few (strings, integers, null, a flat map, a list) and the output should look like
 * PyYAML's: keys sorted, block style, {@code null}, {@code []}/{@code {}} for empty collections,
 * strings plain unless YAML would read them as something else, then single-quoted ({@code '0'}).
 * Where PyYAML would leave an odd string plain we may quote it; both read back to the same value.
 */
public final class MlflowYaml {
    private static final ObjectMapper READER = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./:@+~=(), -]*");
    private static final Pattern NUMBER_LIKE = Pattern.compile(
            "[-+]?(\\.[0-9].*|[0-9][0-9_:.eE+-]*|\\.(inf|Inf|INF|nan|NaN|NAN)|0x[0-9a-fA-F_]+|0o?[0-7_]+)");
    private static final Pattern KEYWORD = Pattern.compile(
            "(?i)(y|n|yes|no|true|false|on|off|null|~)");

    private MlflowYaml() {
    }

    public static String render(Map<String, ?> data) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ?> e : new TreeMap<>(data).entrySet()) {
            Object v = e.getValue();
            sb.append(e.getKey()).append(':');
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                sb.append('\n');
                for (Map.Entry<?, ?> me : new TreeMap<>(m).entrySet()) {
                    sb.append("  ").append(me.getKey()).append(": ").append(scalar(me.getValue())).append('\n');
                }
            } else if (v instanceof List<?> l && !l.isEmpty()) {
                sb.append('\n');
                for (Object item : l) {
                    sb.append("- ").append(scalar(item)).append('\n');
                }
            } else {
                sb.append(' ').append(scalar(v)).append('\n');
            }
        }
        return sb.toString();
    }

    static String scalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?>) {
            return "{}";
        }
        if (v instanceof List<?>) {
            return "[]";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString().toLowerCase(java.util.Locale.ROOT);
        }
        String s = v.toString();
        if (!s.isEmpty() && PLAIN.matcher(s).matches() && !NUMBER_LIKE.matcher(s).matches()
                && !KEYWORD.matcher(s).matches() && !s.endsWith(" ") && !s.contains(": ") && !s.endsWith(":")
                && !s.contains("  ") && !(s.contains(" ") && s.length() > 60)
                && !s.startsWith("...")) { // a document-end marker at the start: PyYAML quotes it (analyze_scalar)
            return s;
        }
        return "'" + s.replace("'", "''") + "'";
    }

    public static void write(Path file, Map<String, ?> data) throws IOException {
        AtomicFiles.write(file, render(data).getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, Object> read(Path file) throws IOException {
        Map<String, Object> m = READER.readValue(Files.readAllBytes(file), new TypeReference<>() {});
        return m == null ? Map.of() : m;
    }
}
