package io.chordflow.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Resumes when killed at any point", at process level: a training JVM ({@link ResumeChild}) is killed with
 * SIGKILL once inside a checkpoint write (held there by the {@code chordflow.test.checkpoint-pause} hook) and
 * then at seeded random steps; each restart resumes from what the kill left, and the last one must end with
 * the same weights and best weights as an uninterrupted run, bit for bit.
 */
class ResumeAfterKillTest {
    @TempDir
    Path tmp;

    private Process child(Path work, Path weights, String... jvmArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // one intra-op thread, as surefire's: two give a NaN gradient in some trainings (the soak, issue 15)
                "-Xmx512m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(), work.toString(),
                weights.toString()));
        return new ProcessBuilder(cmd).redirectError(tmp.resolve(work.getFileName() + ".err").toFile()).start();
    }

    /** Reads the child's output until it reports step {@code killAt} (then SIGKILLs it) or ends; returns the last step seen. */
    private long runUntil(Process p, long killAt) throws Exception {
        long last = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("step ")) {
                    last = Long.parseLong(line.substring(5).trim());
                    if (last == killAt) {
                        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                        break;
                    }
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ended");
        return last;
    }

    @Test
    void killedTrainingProcessResumesToTheSameWeights() throws Exception {
        Path work = tmp.resolve("killed");
        Path uninterruptedWork = tmp.resolve("whole");
        long t0 = System.nanoTime();
        ResumeChild.train(uninterruptedWork, tmp.resolve("whole.params"), false); // in this JVM: same libtorch, same threads
        System.out.printf("uninterrupted run %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // 1. killed inside the second checkpoint write (end of epoch 1, step 3): the weights are in the temporary file,
        //    the moments not; the previous checkpoint (step 2) stays whole
        Path marker = tmp.resolve("paused");
        Process p = child(work, tmp.resolve("unused"), "-D" + Checkpoint.PAUSE_PROPERTY + "=2:" + marker);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(marker), "the child reached the paused checkpoint write; see " + tmp);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Path ckpt = work.resolve(Checkpoint.FILE);
        List<Path> parts;
        try (Stream<Path> files = Files.list(work)) {
            parts = files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
        assertEquals(1, parts.size(), "the kill left a half-written temporary file: " + parts);
        assertTrue(Files.size(parts.get(0)) > 0 && Files.size(parts.get(0)) < Files.size(ckpt),
                "half-written: " + Files.size(parts.get(0)) + " of " + Files.size(ckpt) + " bytes");

        // 2. killed at seeded random steps, each after the point the previous run resumed from
        Random random = new Random(20);
        long from = 3;
        for (int kill = 0, left = 2; kill < 2; kill++, left--) {
            long at = from + 1 + random.nextInt((int) (ResumeChild.STEPS - 1 - from) / left); // spread over what remains
            long t = System.nanoTime();
            long seen = runUntil(child(work, tmp.resolve("unused")), at);
            System.out.printf("child killed at step %d after %.1f s%n", at, (System.nanoTime() - t) / 1e9);
            assertEquals(at, seen, "kill " + kill + " at step " + at);
            from = at; // the next run resumes at or before `at` (the kill may land before or inside its checkpoint write)
        }

        // 3. the last run finishes
        Path resumedWeights = tmp.resolve("resumed.params");
        assertEquals(ResumeChild.STEPS, runUntil(child(work, resumedWeights), -1), "the resumed run finished");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole.params")), Files.readAllBytes(resumedWeights),
                "final weights, killed 3 times vs never");
        assertArrayEquals(Files.readAllBytes(uninterruptedWork.resolve(Trainer.BEST)), Files.readAllBytes(work.resolve(Trainer.BEST)),
                "best weights");
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".part")).toList(),
                    "the resumed run removed the temporary files the kills left");
        }
    }
}
