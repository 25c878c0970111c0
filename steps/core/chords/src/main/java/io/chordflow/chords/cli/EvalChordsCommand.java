package io.chordflow.chords.cli;

import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.Annotations;
import io.chordflow.chords.eval.ChordEvaluator;
import io.chordflow.chords.eval.ChordMetric;
import io.chordflow.chords.eval.DatasetScores;
import io.chordflow.chords.eval.QualityTally;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.CliCommand;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordflow eval-chords}: mir_eval's chord scores for one pair of files or two folders. */
@Command(name = "eval-chords", mixinStandardHelpOptions = true,
        description = {"Scores estimated chords against references exactly as mir_eval.chord.evaluate does.",
            "Two files: prints one JSON object with mir_eval's 15 scores.",
            "Two folders: pairs .lab/.jams files by relative path (without extension) and prints per-song scores, "
                + "the duration-weighted total, the plain mean and accuracy per reference quality."})
public final class EvalChordsCommand implements CliCommand, Callable<Integer> {
    @Parameters(arity = "0..2", paramLabel = "FILE", description = "REF.lab EST.lab (or .jams)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--ref-dir", paramLabel = "DIR", description = "folder of reference annotations")
    Path refDir;

    @Option(names = "--est-dir", paramLabel = "DIR", description = "folder of estimated annotations")
    Path estDir;

    @Option(names = "--json", description = "folder mode: print JSON instead of tables")
    boolean json;

    @Option(names = "--allow-missing", description = "folder mode: skip references without an estimate instead of failing")
    boolean allowMissing;

    @picocli.CommandLine.Mixin
    io.chordflow.common.cli.SkipPolicy skips = new io.chordflow.common.cli.SkipPolicy();

    @Option(names = "--skipped-list", paramLabel = "FILE", description = "folder mode: write the skipped songs (file: reason) here")
    Path skippedList;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (refDir == null && estDir == null) {
            if (files.size() != 2) {
                throw new InputException("give REF and EST files, or --ref-dir and --est-dir");
            }
            Map<String, Double> scores = score(files.get(0), files.get(1));
            out.println(Json.IN_ORDER.writeValueAsString(scores));
            out.flush();
            return 0;
        }
        if (refDir == null || estDir == null || !files.isEmpty()) {
            throw new InputException("folder mode needs both --ref-dir and --est-dir and no FILE arguments");
        }
        skips.validate();
        List<String> skipped = new ArrayList<>();
        DatasetScores scores = evaluateFolders(refDir, estDir, allowMissing, skipped);
        int total = scores.songs().size() + skipped.size();
        int code = skips.outcome("eval-chords", "songs", total, skipped, skippedList, spec.commandLine().getErr());
        out.print(json ? Json.IN_ORDER.writeValueAsString(asJson(scores)) + System.lineSeparator() : Tables.render(scores));
        out.flush();
        return code;
    }

    /**
     * Scores every reference that has an estimate. A song whose reference or estimate is bad
     * input (unreadable, not UTF-8, invalid label) is skipped and listed in {@code skipped}
     * ("file: reason"), as is a reference without an estimate when {@code allowMissing}.
     */
    static DatasetScores evaluateFolders(Path refDir, Path estDir, boolean allowMissing, List<String> skipped) throws IOException {
        Map<String, Path> refs = scan(refDir, "--ref-dir");
        Map<String, Path> ests = scan(estDir, "--est-dir");
        if (refs.isEmpty()) {
            throw new InputException(refDir + ": no .lab or .jams files");
        }
        List<String> missing = refs.keySet().stream().filter(k -> !ests.containsKey(k)).toList();
        if (!missing.isEmpty() && !allowMissing) {
            throw new InputException(estDir + ": no estimate for " + missing.size() + " reference(s), e.g. "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + " (use --allow-missing to skip them)");
        }
        DatasetScores scores = new DatasetScores();
        refs.forEach((key, ref) -> {
            if (!ests.containsKey(key)) {
                skipped.add(ref + ": no estimate in " + estDir);
                return;
            }
            try {
                List<ChordSegment> r = Annotations.read(ref);
                List<ChordSegment> e = Annotations.read(ests.get(key));
                scores.add(key, named(ref, ests.get(key), () -> ChordEvaluator.score(r, e)));
            } catch (InputException e) {
                skipped.add(e.getMessage());
            }
        });
        return scores;
    }

    static Map<String, Double> score(Path ref, Path est) {
        List<ChordSegment> r = Annotations.read(ref);
        List<ChordSegment> e = Annotations.read(est);
        return named(ref, est, () -> ChordEvaluator.evaluate(r, e));
    }

    /** Evaluation errors (mir_eval's "chord intervals must not overlap") with the pair of files named. */
    private static <T> T named(Path ref, Path est, java.util.function.Supplier<T> evaluation) {
        try {
            return evaluation.get();
        } catch (InputException e) {
            throw new InputException(ref + " vs " + est + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Path> scan(Path dir, String option) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InputException(option + " " + dir + ": not a folder");
        }
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(Annotations::isAnnotation).sorted().toList()) {
                Path prev = out.putIfAbsent(Annotations.key(dir, p), p);
                if (prev != null) {
                    throw new InputException(p + ": pairs with the same name as " + prev + "; keep one annotation per song");
                }
            }
        }
        return out;
    }

    /** The dataset report as JSON: songs, total, mean, paper_mean, per_quality (NaN as null). */
    public static Map<String, Object> asJson(DatasetScores scores) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> songs = new LinkedHashMap<>();
        scores.songs().forEach((k, v) -> songs.put(k, v.scores()));
        doc.put("songs", songs);
        doc.put("total", scores.total());
        doc.put("mean", scores.mean());
        doc.put("paper_mean", scores.paperMean());
        Map<String, Object> qualities = new LinkedHashMap<>();
        double all = scores.perQuality().values().stream().mapToDouble(QualityTally::duration).sum();
        scores.perQuality().forEach((q, t) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("duration", t.duration());
            row.put("share", all == 0 ? 0 : t.duration() / all);
            for (ChordMetric m : ChordMetric.values()) {
                double a = t.accuracy(m.key());
                row.put(m.key(), Double.isNaN(a) ? null : a);
            }
            qualities.put(q, row);
        });
        doc.put("per_quality", qualities);
        return doc;
    }

    /** Readable tables for a terminal. */
    static final class Tables {
        private static final String TOTAL = "total (duration-weighted)";
        private static final String MEAN = "mean over songs";

        private Tables() {
        }

        static String render(DatasetScores scores) {
            List<ChordMetric> paper = ChordMetric.PAPER;
            StringBuilder sb = new StringBuilder();
            int w = Math.max(TOTAL.length(), scores.songs().keySet().stream().mapToInt(String::length).max().orElse(0)) + 2;
            String head = pad("song", w) + paper.stream().map(m -> String.format(Locale.ROOT, "%9s", m.key())).reduce("", String::concat)
                    + String.format(Locale.ROOT, "%9s%n", "seg");
            sb.append(head);
            scores.songs().forEach((k, s) -> sb.append(row(k, w, paper, s.scores())));
            sb.append("-".repeat(head.length() - 1)).append('\n');
            sb.append(row(TOTAL, w, paper, scores.total()));
            sb.append(row(MEAN, w, paper, scores.mean()));
            sb.append(String.format(Locale.ROOT, "%nmean of the seven metrics (duration-weighted): %.4f%n%n", scores.paperMean()));
            sb.append(pad("quality", 10)).append(String.format(Locale.ROOT, "%10s%8s", "seconds", "share"));
            paper.forEach(m -> sb.append(String.format(Locale.ROOT, "%9s", m.key())));
            sb.append('\n');
            double all = scores.perQuality().values().stream().mapToDouble(QualityTally::duration).sum();
            scores.perQuality().forEach((q, t) -> {
                sb.append(pad(q, 10)).append(String.format(Locale.ROOT, "%10.1f%7.1f%%", t.duration(), 100 * t.duration() / all));
                paper.forEach(m -> {
                    double a = t.accuracy(m.key());
                    sb.append(Double.isNaN(a) ? String.format(Locale.ROOT, "%9s", "-") : String.format(Locale.ROOT, "%9.4f", a));
                });
                sb.append('\n');
            });
            return sb.toString();
        }

        private static String row(String name, int w, List<ChordMetric> metrics, Map<String, Double> values) {
            StringBuilder sb = new StringBuilder(pad(name, w));
            metrics.forEach(m -> sb.append(String.format(Locale.ROOT, "%9.4f", values.get(m.key()))));
            return sb.append(String.format(Locale.ROOT, "%9.4f%n", values.get("seg"))).toString();
        }

        private static String pad(String s, int w) {
            return s.length() >= w ? s + " " : s + " ".repeat(w - s.length());
        }
    }
}
