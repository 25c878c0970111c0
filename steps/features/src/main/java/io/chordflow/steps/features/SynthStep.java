package io.chordflow.steps.features;

import io.chordflow.audio.synth.SynthCommand;
import io.chordflow.common.cli.Cli;
import io.chordflow.storage.StepIo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data-generation task's container entry point: {@code synth} with its {@code --out} staged
 * by {@link StepIo}, so an {@code s3://} dataset is committed whole once every split is rendered.
 * The generator itself lives in the audio library, which knows nothing of object stores.
 */
public final class SynthStep {
    private SynthStep() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, StepIo.fromEnvironment(System.getenv())));
    }

    static int run(String[] args, StepIo io) throws Exception {
        List<String> local = new ArrayList<>(List.of(args));
        for (int i = 0; i < local.size(); i++) {
            String a = local.get(i);
            if (a.equals("--out") && i + 1 < local.size()) {
                local.set(i + 1, staged(io, local.get(i + 1)).toString());
            } else if (a.startsWith("--out=")) {
                local.set(i, "--out=" + staged(io, a.substring("--out=".length())));
            }
        }
        int code = Cli.execute(new SynthCommand(), local.toArray(new String[0]));
        if (code == Cli.OK) {
            io.publish();
        }
        return code;
    }

    private static Path staged(StepIo io, String uri) throws java.io.IOException {
        return io.output(uri, "--out");
    }
}
