package io.chordflow.workflows.local.teststeps;

import io.chordflow.common.io.Json;
import io.chordflow.contract.StepSignature;
import io.chordflow.workflows.compile.Step;
import io.chordflow.workflows.compile.Steps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for any step program to test the runner on a real compiled DAG: given the step's
 * name first, it checks its arguments against the step's declared options (every option known,
 * every input artifact present on disk, the config a JSON object with model and training) and
 * writes a file into each output folder (evaluate also a metrics.json). The gate writes its
 * output parameters ({@code --parameters DIR}): promoted for the rounds listed in env
 * {@code CHORDFLOW_TEST_PROMOTE} (e.g. {@code 1,2}; default all), the champion accordingly. Exits
 * 3 naming the violation. It does no science: it tests wiring only.
 */
public final class ContractStep {
    public static void main(String[] a) throws Exception {
        String name = a[0];
        Step step = Steps.BY_NAME.get(name);
        if (step == null) {
            step = Steps.EXTRA.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        }
        if (step == null) {
            fail(name + ": no such step");
        }
        Map<String, StepSignature.Role> roles = new HashMap<>();
        step.params().forEach(p -> roles.put(p.flag(), p.role()));
        List<String> argv = List.of(a);
        boolean notRun = name.equals("gate") && argv.contains("--previous") && argv.get(argv.indexOf("--previous") + 1).equals("false");
        for (int i = 1; i < a.length; i += 2) {
            String flag = a[i];
            if (roles.get(flag) == StepSignature.Role.FLAG) {
                i--;
                continue;
            }
            String value = a[i + 1];
            if (flag.equals("--parameters") && !step.outputParameters().isEmpty()) {
                Path dir = Path.of(value);
                Files.createDirectories(dir);
                String round = argv.get(argv.indexOf("--round") + 1);
                String promote = System.getenv().getOrDefault("CHORDFLOW_TEST_PROMOTE", "all");
                boolean promoted = !notRun && (promote.equals("all") || List.of(promote.split(",")).contains(round));
                Files.writeString(dir.resolve("promoted"), Boolean.toString(promoted));
                Files.writeString(dir.resolve("champion"), argv.get(argv.indexOf(promoted ? "--student-model" : "--teacher-model") + 1));
                continue;
            }
            if (flag.equals("--config")) {
                Map<?, ?> config = Json.MAPPER.readValue(Path.of(value).toFile(), Map.class);
                if (!config.containsKey("model") || !config.containsKey("training")) {
                    fail(name + ": config " + value + " lacks model/training: " + config.keySet());
                }
                continue;
            }
            StepSignature.Role role = roles.get(flag);
            if (role == null) {
                fail(name + ": unknown option " + flag);
            } else if (role == StepSignature.Role.INPUT) {
                String path = value.contains("=") ? value.substring(value.indexOf('=') + 1) : value;
                if (!path.startsWith("models:/") && !notRun && !Files.exists(Path.of(path))) {
                    fail(name + ": input " + flag + " " + path + " does not exist");
                }
            } else if (role == StepSignature.Role.OUTPUT) {
                Path out = Path.of(value);
                Files.createDirectories(out);
                String shard = List.of(a).contains("--shard") ? a[List.of(a).indexOf("--shard") + 1].replace('/', '-') : "all";
                Files.writeString(out.resolve(name + "-" + shard + ".txt"), String.join(" ", a));
                if (name.equals("synth")) {
                    // the synthetic dataset layout: one folder per split with audio/ and labels/
                    for (String split : a[List.of(a).indexOf("--split") + 1].split(",")) {
                        Files.createDirectories(out.resolve(split.substring(0, split.indexOf('='))).resolve("audio"));
                        Files.createDirectories(out.resolve(split.substring(0, split.indexOf('='))).resolve("labels"));
                    }
                }
                if (name.startsWith("evaluate")) { // evaluate and evaluate-template
                    Files.writeString(out.resolve("metrics.json"), "{\"total\": {\"root\": 0.5}}");
                }
            }
        }
        System.out.println(name + " ok");
    }

    private static void fail(String why) {
        System.err.println("ContractStep " + why);
        System.exit(3);
    }
}
