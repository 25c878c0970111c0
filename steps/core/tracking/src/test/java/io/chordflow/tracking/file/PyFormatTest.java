package io.chordflow.tracking.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython's str(float) and PyYAML's safe_dump print for the same values. */
class PyFormatTest {
    @ParameterizedTest
    @CsvSource({"0.5,0.5", "1.0,1.0", "123.0,123.0", "0.0001,0.0001", "0.00001,1e-05", "1.5e-07,1.5e-07",
        "1234567.0,1234567.0", "1e15,1000000000000000.0", "1e16,1e+16", "-2.5,-2.5", "0.1,0.1",
        "0.7361111111111112,0.7361111111111112", "NaN,nan", "Infinity,inf", "-Infinity,-inf", "0.0,0.0"})
    void floatsAsPythonPrintsThem(double v, String python) {
        assertEquals(python, PyFloat.format(v));
    }

    @Test
    void yamlAsPyYamlSafeDumpWritesIt() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "Default");
        m.put("experiment_id", "0");
        m.put("artifact_location", "file:///tmp/mlruns/0");
        m.put("creation_time", 1700000000000L);
        m.put("description", null);
        m.put("entry_point_name", "");
        m.put("tags", List.of());
        m.put("aliases", Map.of("champion", "2"));
        m.put("current_stage", "None");
        m.put("word", "yes");
        m.put("run_name", "btc model (v2)");
        m.put("z", "a: b");
        assertEquals("""
                aliases:
                  champion: '2'
                artifact_location: file:///tmp/mlruns/0
                creation_time: 1700000000000
                current_stage: None
                description: null
                entry_point_name: ''
                experiment_id: '0'
                name: Default
                run_name: btc model (v2)
                tags: []
                word: 'yes'
                z: 'a: b'
                """, MlflowYaml.render(m));
    }
}
