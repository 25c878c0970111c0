package io.chordflow.segments.cli;

import io.chordflow.common.InputException;
import io.chordflow.common.cli.CliCommand;
import io.chordflow.common.io.Json;
import io.chordflow.segments.Segment;
import io.chordflow.segments.SegmentAnnotations;
import io.chordflow.segments.eval.SegmentMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordflow eval-segments}: mir_eval's segment boundary and pairwise scores. */
@Command(name = "eval-segments", mixinStandardHelpOptions = true,
        description = {"Scores estimated structure against a reference as mir_eval.segment.evaluate does: "
                + "boundary precision/recall/F-measure at 0.5 s (paper 2's HR.5F) and 3 s, the median deviations, "
                + "and pairwise precision/recall/F-measure (0.1 s frames).",
            "Prints one JSON object under mir_eval's names. Files: .lab (start end label) or JAMS segment_open."})
public final class EvalSegmentsCommand implements CliCommand, Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF", description = "reference .lab or .jams")
    Path ref;

    @Parameters(index = "1", paramLabel = "EST", description = "estimated .lab or .jams")
    Path est;

    @Option(names = "--trim", description = "ignore the first and last boundary (the song's start and end) in detection and deviation")
    boolean trim;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Segment> reference = SegmentAnnotations.read(ref);
        if (reference.isEmpty()) {
            throw new InputException(ref + ": no segments (a reference must have at least one)");
        }
        Map<String, Double> scores = SegmentMetrics.evaluate(reference, SegmentAnnotations.read(est), trim);
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.IN_ORDER.writeValueAsString(scores));
        out.flush();
        return 0;
    }
}
