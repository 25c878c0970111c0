package io.chordflow.workflows.local.teststeps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny step program for testing the local runner with real processes: reads
 * {@code INPUT/data.txt} (or INPUT itself when it is a file), appends {@code --tag}, writes
 * {@code OUTPUT/data.txt} (or {@code OUTPUT/part-I.txt} with {@code --shard I/N}). Records its
 * start and end times under {@code --record} as {@code NODE.start}/{@code NODE.end} (NODE from
 * env ARGO_NODE_ID), sleeps {@code --sleep} ms in between, and exits 3 when {@code --fail-if} exists.
 */
public final class CopyStep {
    public static void main(String[] a) throws Exception {
        List<Path> inputs = new ArrayList<>();
        Path output = null;
        Path record = null;
        Path failIf = null;
        String tag = "";
        String shard = null;
        long sleep = 0;
        for (int i = 0; i < a.length; i += 2) {
            switch (a[i]) {
                case "--input" -> inputs.add(Path.of(a[i + 1]));
                case "--output" -> output = Path.of(a[i + 1]);
                case "--record" -> record = Path.of(a[i + 1]);
                case "--fail-if" -> failIf = Path.of(a[i + 1]);
                case "--tag" -> tag = a[i + 1];
                case "--shard" -> shard = a[i + 1];
                case "--sleep" -> sleep = Long.parseLong(a[i + 1]);
                default -> {
                    System.err.println("CopyStep: unknown option " + a[i]);
                    System.exit(2);
                }
            }
        }
        String node = System.getenv("ARGO_NODE_ID");
        Files.createDirectories(record);
        Files.writeString(record.resolve(node + ".start"), Long.toString(System.currentTimeMillis()));
        Thread.sleep(sleep);
        if (failIf != null && Files.exists(failIf)) {
            System.err.println("CopyStep: failing as asked (" + failIf + " exists)");
            System.exit(3);
        }
        StringBuilder text = new StringBuilder();
        for (Path in : inputs) {
            Path f = Files.isDirectory(in) ? in : in;
            if (Files.isDirectory(f)) {
                try (var s = Files.list(f)) {
                    for (Path p : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                        text.append(Files.readString(p));
                    }
                }
            } else {
                text.append(Files.readString(f));
            }
        }
        text.append(tag);
        Files.createDirectories(output);
        String file = shard == null || shard.endsWith("/1") ? "data.txt" : "part-" + shard.substring(0, shard.indexOf('/')) + ".txt";
        Files.writeString(output.resolve(file), text.toString());
        Files.writeString(output.resolve("provenance.json"), "{\"at\": " + System.nanoTime() + "}");
        System.out.println("CopyStep " + node + " wrote " + output.resolve(file) + " cache key " + System.getenv("CHORDFLOW_CACHE_KEY"));
        Files.writeString(record.resolve(node + ".end"), Long.toString(System.currentTimeMillis()));
    }
}
