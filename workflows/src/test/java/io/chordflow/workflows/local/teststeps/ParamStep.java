package io.chordflow.workflows.local.teststeps;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny gate for testing output parameters: writes {@code --value} into {@code PARAMS/promoted}
 * (the folder given by {@code --parameters}) and into {@code OUTPUT/data.txt}; counts its runs
 * in {@code --record}/gate.runs.
 */
public final class ParamStep {
    public static void main(String[] a) throws Exception {
        String value = null;
        Path params = null;
        Path output = null;
        Path record = null;
        for (int i = 0; i < a.length; i += 2) {
            switch (a[i]) {
                case "--value" -> value = a[i + 1];
                case "--parameters" -> params = Path.of(a[i + 1]);
                case "--output" -> output = Path.of(a[i + 1]);
                case "--record" -> record = Path.of(a[i + 1]);
                default -> {
                    System.err.println("ParamStep: unknown option " + a[i]);
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(params);
        if (!value.equals("none")) {
            Files.writeString(params.resolve("promoted"), value);
        }
        Files.createDirectories(output);
        Files.writeString(output.resolve("data.txt"), value);
        Files.createDirectories(record);
        Path runs = record.resolve("gate.runs");
        Files.writeString(runs, (Files.exists(runs) ? Files.readString(runs) : "") + "x");
        System.out.println("ParamStep promoted=" + value);
    }
}
