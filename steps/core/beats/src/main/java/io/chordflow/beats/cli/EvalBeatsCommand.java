package io.chordflow.beats.cli;

import io.chordflow.beats.Beat;
import io.chordflow.beats.BeatAnnotations;
import io.chordflow.beats.eval.BeatMetrics;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.CliCommand;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordflow eval-beats}: mir_eval's beat F-measure, and the same on downbeats. */
@Command(name = "eval-beats", mixinStandardHelpOptions = true,
        description = {"Scores estimated beats against references as mir_eval.beat.evaluate's F-measure does "
                + "(beats before --min-beat-time dropped from both, 70 ms window).",
            "Prints one JSON object: F-measure on all beats and, when both files give beat positions "
                + "(.beats 'time position' lines, JAMS beat values), Downbeat F-measure on position-1 beats."})
public final class EvalBeatsCommand implements CliCommand, Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF", description = "reference .beats/.txt or .jams")
    Path ref;

    @Parameters(index = "1", paramLabel = "EST", description = "estimated .beats/.txt or .jams")
    Path est;

    @Option(names = "--min-beat-time", paramLabel = "SECONDS", defaultValue = "5.0",
            description = "drop beats before this time from both, as mir_eval.beat.trim_beats (default ${DEFAULT-VALUE}; 0 keeps all)")
    double minBeatTime;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "0.07",
            description = "hit window (default ${DEFAULT-VALUE})")
    double window;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!(window > 0) || !(minBeatTime >= 0)) {
            throw new InputException("--window must be > 0 and --min-beat-time >= 0");
        }
        List<Beat> r = BeatAnnotations.read(ref);
        List<Beat> e = BeatAnnotations.read(est);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("F-measure", score(BeatAnnotations.times(r), BeatAnnotations.times(e)));
        if (BeatAnnotations.hasPositions(r) && BeatAnnotations.hasPositions(e)) {
            scores.put("Downbeat F-measure", score(BeatAnnotations.downbeats(r, ref), BeatAnnotations.downbeats(e, est)));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.IN_ORDER.writeValueAsString(scores));
        out.flush();
        return 0;
    }

    private double score(double[] r, double[] e) {
        return BeatMetrics.fMeasure(BeatMetrics.trim(r, minBeatTime), BeatMetrics.trim(e, minBeatTime), window);
    }
}
