package io.chordflow.workflows.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiment specs are YAML 1.2: anchors and aliases work, alias bombs and deep nesting are refused with one line. */
class SpecYamlTest {
    static final Path ROOT = Path.of(System.getProperty("chordflow.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path variant(String from, String to) throws Exception {
        String text = Files.readString(ROOT.resolve("experiments/btc-kd.yaml"));
        assertTrue(text.contains(from), from);
        Path f = dir.resolve("btc-kd.yaml");
        Files.writeString(f, text.replace(from, to));
        return f;
    }

    @Test
    void anAliasIsACopyOfTheAnchoredMapping() throws Exception {
        String base = Files.readString(ROOT.resolve("experiments/btc-kd.yaml"));
        String baseline = base.substring(base.indexOf("baseline: {"), base.indexOf("shards:"));
        Path f = variant(baseline, "baseline: *s2\n\n");
        Files.writeString(f, Files.readString(f).replace("stage2:   # ground truth", "stage2: &s2   # ground truth"));
        Experiment e = ExperimentLoader.load(f, "default");
        assertEquals(e.stage2(), e.baseline());
        assertEquals(50, ((Number) e.baseline().get("epochs")).intValue());
        // a profile overriding the alias's copy leaves the anchored original alone
        Experiment smoke = ExperimentLoader.load(f, "smoke");
        assertEquals(2, ((Number) smoke.baseline().get("epochs")).intValue());
    }

    @Test
    void aBillionLaughsBlockIsRefusedWithOneLine() throws Exception {
        StringBuilder bomb = new StringBuilder("kd:\n  l0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("  l").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        Path f = variant("kd: {temperature: 3.0, alpha: 0.3, low_confidence: 0.1, high_confidence: 0.9, min_weight: 0.2}\n",
                bomb.toString());
        InputException e = assertThrows(InputException.class, () -> ExperimentLoader.load(f, "default"));
        assertTrue(e.getMessage().startsWith(f + ": more than " + SpecYaml.MAX_ALIASES + " aliases")
                || e.getMessage().startsWith(f + ": more than " + SpecYaml.MAX_NODES + " values"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void fewAliasesThatStillExpandHugelyAreRefused() throws Exception {
        // 20 levels of 2 aliases each: 40 aliases (under the alias limit), 2^20 values once expanded
        StringBuilder s = new StringBuilder("kd:\n  l0: &a0 [x, x]\n");
        for (int i = 1; i <= 20; i++) {
            s.append("  l").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        Path f = variant("kd: {temperature: 3.0, alpha: 0.3, low_confidence: 0.1, high_confidence: 0.9, min_weight: 0.2}\n", s.toString());
        InputException e = assertThrows(InputException.class, () -> ExperimentLoader.load(f, "default"));
        assertTrue(e.getMessage().contains("more than " + SpecYaml.MAX_NODES + " values once aliases are expanded"), e.getMessage());
    }

    @Test
    void deepNestingAndRecursiveAliasesAreRefused() throws Exception {
        Path deep = variant("kd: {temperature", "kd: {deep: " + "[".repeat(100) + "]".repeat(100) + ", temperature");
        InputException e = assertThrows(InputException.class, () -> ExperimentLoader.load(deep, "default"));
        assertTrue(e.getMessage().contains("nested deeper than " + SpecYaml.MAX_DEPTH), e.getMessage());
        Path rec = variant("kd: {temperature", "kd: {loop: &r [1, *r], temperature");
        e = assertThrows(InputException.class, () -> ExperimentLoader.load(rec, "default"));
        assertTrue(e.getMessage().contains("recursive") || e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() throws Exception {
        Path f = variant("seed: 42", "seed: [42");
        InputException e = assertThrows(InputException.class, () -> ExperimentLoader.load(f, "default"));
        assertTrue(e.getMessage().startsWith(f + " line "), e.getMessage());
        Path undefined = variant("kd: {temperature", "kd: {x: *nope, temperature");
        e = assertThrows(InputException.class, () -> ExperimentLoader.load(undefined, "default"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
