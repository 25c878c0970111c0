package io.chordflow.workflows.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLoaderTest {
    static final Path ROOT = Path.of(System.getProperty("chordflow.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** btc-kd.yaml with one line replaced (or appended when {@code from} is null). */
    private Path variant(String from, String to) throws Exception {
        String text = Files.readString(ROOT.resolve("experiments/btc-kd.yaml"));
        if (from != null) {
            assertTrue(text.contains(from), from);
            text = text.replace(from, to);
        } else {
            text = text + "\n" + to + "\n";
        }
        Path f = dir.resolve("btc-kd.yaml");
        Files.writeString(f, text);
        return f;
    }

    private String error(Path f) {
        return assertThrows(InputException.class, () -> ExperimentLoader.load(f, "default")).getMessage();
    }

    @Test
    void theShippedExperimentsLoadInEveryProfile() {
        for (String name : List.of("btc-kd", "2e1d-kd", "supervised")) {
            Path f = ExperimentLoader.resolve(name, ROOT);
            for (String profile : List.of("default", "smoke", "full")) {
                Experiment e = ExperimentLoader.load(f, profile);
                assertEquals(name, e.name());
            }
        }
        assertTrue(ExperimentLoader.names(ROOT).containsAll(List.of("btc-kd", "2e1d-kd", "supervised")));
    }

    @Test
    void profilesDeepMergeOverTheBase() {
        Path f = ExperimentLoader.resolve("btc-kd", ROOT);
        Experiment base = ExperimentLoader.load(f, "default");
        Experiment smoke = ExperimentLoader.load(f, "smoke");
        assertEquals(3.0, base.datasets().synthetic().hours().get("unlabeled"));
        assertEquals(0.1, smoke.datasets().synthetic().hours().get("unlabeled"));
        // merged, not replaced: keys the profile does not name stay
        assertEquals(7L, smoke.datasets().synthetic().seed());
        assertEquals(2, smoke.stage1().get("epochs"));
        assertEquals(1.0e-4, smoke.stage1().get("lr"));
        assertEquals("btc", smoke.model().get("arch"));
        assertEquals(1, smoke.model().get("layers"));
        assertEquals(3.0, base.kd().get("temperature"));
        assertEquals(0.3, base.kd().get("alpha"));
        assertEquals(List.of("teacher", "baseline", "stage1", "stage2", "template"), base.evaluation().models());
        assertEquals(List.of("test", "heldout"), base.evaluation().splits());
        // the ablation study is its own profile; the smoke run keeps one variant to exercise it
        assertTrue(base.ablation().isEmpty());
        assertEquals(8, ExperimentLoader.load(f, "ablation").ablation().size());
        assertEquals(List.of("kd-off"), List.copyOf(smoke.ablation().keySet()));
    }

    @Test
    void aHeldOutSplitUsesSourcesAndStylesNoOtherSplitUses() throws Exception {
        String msg = error(variant("      heldout: [timgm6mb]", "      heldout: [timgm6mb, csound]"));
        assertTrue(msg.contains("field datasets.synthetic.sources.heldout") && msg.contains("'csound' is also used by split"), msg);
        msg = error(variant("      heldout: [folk]", "      heldout: [folk, pop]"));
        assertTrue(msg.contains("field datasets.synthetic.styles.heldout") && msg.contains("'pop'"), msg);
        msg = error(variant("      teacher: [pop, rock]", "      teacher: [pop, rock, folk]"));
        assertTrue(msg.contains("'folk' is also used by split 'teacher'"), msg);
        msg = error(variant("      heldout: [timgm6mb]\n", ""));
        assertTrue(msg.contains("field datasets.synthetic.sources") && msg.contains("needs sources.heldout"), msg);
        msg = error(variant("  splits: [test, heldout]", "  splits: [heldout]"));
        assertTrue(msg.contains("field evaluation.splits") && msg.contains("expected test first"), msg);
        msg = error(variant("  splits: [test, heldout]", "  splits: [test, valid]"));
        assertTrue(msg.contains("field evaluation.splits") && msg.contains("'valid'"), msg);
        msg = error(variant("      teacher: [additive, fluidr3, csound, avl-blackpearl]", "      trainer: [additive]"));
        assertTrue(msg.contains("field datasets.synthetic.sources.trainer") && msg.contains("no such synthetic split"), msg);
    }

    @Test
    void anUndefinedProfileIsNamed() {
        String msg = assertThrows(InputException.class,
                () -> ExperimentLoader.load(ExperimentLoader.resolve("btc-kd", ROOT), "huge")).getMessage();
        assertTrue(msg.contains("profile 'huge' is not defined") && msg.contains("smoke"), msg);
    }

    @Test
    void unknownFieldNamesPathAndKnownFields() throws Exception {
        String msg = error(variant("  retry: {limit: 3,", "  retry: {limt: 3,"));
        assertTrue(msg.startsWith(dir.resolve("btc-kd.yaml") + ": field compute.retry.limt: unknown field"), msg);
        assertTrue(msg.contains("limit"), msg);
    }

    @Test
    void wrongTypeNamesPathAndExpectedType() throws Exception {
        String msg = error(variant("seed: 42", "seed: forty-two"));
        assertTrue(msg.contains("field seed: expected a whole number"), msg);
        msg = error(variant("shards: {unlabeled: 4, teacher: 2}", "shards: [4, 2]"));
        assertTrue(msg.contains("field shards: expected a mapping"), msg);
    }

    @Test
    void missingValueNamesPath() throws Exception {
        String msg = error(variant("registration: {model: btc-student, alias: challenger, candidate: stage2}", ""));
        assertTrue(msg.contains("field registration: missing value"), msg);
        msg = error(variant("    seed: 7\n", ""));
        assertTrue(msg.contains("field datasets.synthetic.seed: missing value"), msg);
    }

    @Test
    void unsupportedUriSchemeIsNamed() throws Exception {
        String msg = error(variant("  register_as: btc-teacher", "  uri: hdfs://nn/models/teacher"));
        assertTrue(msg.contains("field teacher.uri") || msg.contains("field teacher"), msg);
        String text = Files.readString(ROOT.resolve("experiments/btc-kd.yaml"))
                .replaceAll("(?s)\n  synthetic:\n.*?\n\n", "\n  uris: {teacher: gs://b/t, labeled: s3://b/l, unlabeled: s3://b/u, test: s3://b/t, heldout: s3://b/h}\n\n");
        Path f = Files.writeString(dir.resolve("btc-kd.yaml"), text);
        msg = error(f);
        assertTrue(msg.contains("field datasets.uris.teacher: unsupported URI scheme 'gs:'"), msg);
    }

    @Test
    void aRegistryTeacherNeedsNoTeacherSplit() throws Exception {
        String text = Files.readString(ROOT.resolve("experiments/btc-kd.yaml"))
                .replaceAll("(?s)\nteacher:\n.*?register_as: btc-teacher\n", "\nteacher: {uri: \"models:/btc-teacher@champion\"}\n")
                .replaceAll("hours: \\{teacher: [0-9.]+, ", "hours: {")
                .replaceAll("(?m)^      teacher: \\[.*$", "")
                .replaceAll("(?m)^    teacher: \\{model.*$", "");
        Path f = dir.resolve("btc-kd.yaml");
        Files.writeString(f, text);
        Experiment e = ExperimentLoader.load(f, "smoke");
        assertEquals("models:/btc-teacher@champion", e.teacher().uri());
        assertTrue(!e.teacher().trains());
        // a public PyTorch checkpoint as the teacher (converted by the steps that load it)
        for (String pt : new String[] {"s3://models/btc-ismir19/btc_model_large_voca.pt", "/data/btc_model_large_voca.pt"}) {
            Files.writeString(f, text.replace("models:/btc-teacher@champion", pt));
            assertEquals(pt, ExperimentLoader.load(f, "smoke").teacher().uri());
        }

        Files.writeString(f, text.replace("models:/btc-teacher@champion", "models:/btc teacher"));
        String msg = error(f);
        assertTrue(msg.contains("field teacher.uri") && msg.contains("models:/NAME@ALIAS"), msg);
    }

    @Test
    void nameMustMatchFileAndNoisyStudentNeedsRounds() throws Exception {
        String msg = error(variant("name: btc-kd", "name: other"));
        assertTrue(msg.contains("must match the file name"), msg);
        msg = error(variant("pipeline: teacher-student", "pipeline: noisy-student"));
        assertTrue(msg.contains("field rounds: missing value (pipeline noisy-student needs at least one round)"), msg);
        msg = error(variant(null, "duplicate:\n  a: 1\nseed: 1"));
        assertTrue(msg.contains("not valid YAML") && msg.contains("seed"), msg);
    }

    /** noisy-student.yaml with one piece replaced. */
    private Path noisy(String from, String to) throws Exception {
        String text = Files.readString(ROOT.resolve("experiments/noisy-student.yaml"));
        assertTrue(text.contains(from), from);
        Path f = dir.resolve("noisy-student.yaml");
        Files.writeString(f, text.replace(from, to));
        return f;
    }

    @Test
    void noisyStudentRoundsTiersAndGateLoad() {
        Experiment e = ExperimentLoader.load(ExperimentLoader.resolve("noisy-student", ROOT), "default");
        assertEquals(3, e.rounds().size());
        assertEquals("D2", e.dataTier());
        assertEquals(1.0, e.tier().hours());
        assertEquals("majmin", e.gate().metric());
        assertEquals("final", e.registration().candidate());
        assertEquals(0.5, e.rounds().get(0).trainingBlock().get("mix_ratio"));
        assertEquals(List.of(-5, 6), e.rounds().get(0).trainingBlock().get("pitch_shift"));
        assertEquals("majmin", e.rounds().get(1).modelOver(e.model()).get("vocabulary"));
        assertEquals(2, ExperimentLoader.load(ExperimentLoader.resolve("noisy-student", ROOT), "smoke").rounds().size());
        Experiment key = ExperimentLoader.load(ExperimentLoader.resolve("key-noisy-student", ROOT), "default");
        assertEquals("key", key.task());
        assertEquals("weighted_score", key.gate().metric());
    }

    @Test
    void knowledgeExpansionIsCheckedRoundToRound() throws Exception {
        // round 2 no larger than round 1
        String msg = error(noisy("  - model: {layers: 2, hidden: 64, heads: 4, filter: 64}",
                "  - model: {layers: 1, hidden: 48, heads: 2, filter: 48}"));
        assertTrue(msg.contains("field rounds[1].model: round 2's student is not larger than round 1's"), msg);
        // a size shrinking
        msg = error(noisy("  - model: {layers: 3, hidden: 64, heads: 4, filter: 96}",
                "  - model: {layers: 3, hidden: 32, heads: 4, filter: 96}"));
        assertTrue(msg.contains("field rounds[2].model.hidden: 32.0 is smaller than round 2's 64.0"), msg);
        // round 1 smaller than the teacher
        msg = error(noisy("  - model: {layers: 1, hidden: 48, heads: 2, filter: 48}",
                "  - model: {layers: 1, hidden: 16, heads: 2, filter: 48}"));
        assertTrue(msg.contains("field rounds[0].model.hidden: 16.0 is smaller than the teacher's 32.0"), msg);
    }

    @Test
    void dataTiersAreSelectedGrowAndGiveTheUnlabeledSplitInOnePlace() throws Exception {
        String msg = error(noisy("data_tier: D2", "data_tier: D4"));
        assertTrue(msg.contains("field data_tier: 'D4': expected one of [D1, D2, D3]"), msg);
        msg = error(noisy("  D3: {hours: 2.0,", "  D3: {hours: 0.7,"));
        assertTrue(msg.contains("field data_tiers.D3.hours: 0.7 h: expected more unlabeled audio than D2 (1.0 h)"), msg);
        msg = error(noisy("hours: {labeled: 0.5, valid: 0.2, test: 0.2}", "hours: {labeled: 0.5, unlabeled: 1.0, valid: 0.2, test: 0.2}"));
        assertTrue(msg.contains("given both under datasets and by data_tier D2"), msg);
        msg = error(noisy("hours: {labeled: 0.5, valid: 0.2, test: 0.2}", "hours: {labeled: 0.5, test: 0.2}"));
        assertTrue(msg.contains("split 'valid' is needed by pipeline noisy-student"), msg);
        msg = error(noisy("    mix_ratio: 0.5\n  - model: {layers: 2".replace("\\n", "\n"), "    mix_ratio: 1.5\n  - model: {layers: 2".replace("\\n", "\n")));
        assertTrue(msg.contains("field rounds[0].mix_ratio: 1.5: expected 0 < x < 1"), msg);
    }

    @Test
    void missingExperimentListsTheKnownOnes() {
        String msg = assertThrows(InputException.class, () -> ExperimentLoader.resolve("nope", ROOT)).getMessage();
        assertTrue(msg.contains("experiment 'nope' not found") && msg.contains("btc-kd"), msg);
    }

    @Test
    void opaqueTrainingBlocksKeepEveryKey() {
        Experiment e = ExperimentLoader.load(ExperimentLoader.resolve("btc-kd", ROOT), "default");
        assertEquals(Map.of("temperature", 3.0, "alpha", 0.3, "low_confidence", 0.1, "high_confidence", 0.9, "min_weight", 0.2), e.kd());
        assertEquals(54, e.stage2().get("stride"));
    }
}
