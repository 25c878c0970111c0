package io.chordflow.audio.synth;

import io.chordflow.audio.WavWriter;
import io.chordflow.chords.ChordSegment;
import io.chordflow.chords.LabFile;
import io.chordflow.common.InputException;
import io.chordflow.common.Seeds;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.cli.CliCommand;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Json;
import io.chordflow.common.progress.Progress;
import io.chordflow.common.provenance.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chordflow synth --out DIR --hours H --seed S}: a synthetic chord corpus with the splits the
 * teacher-student method needs. Layout:
 * <pre>
 *   teacher/audio/*.wav    teacher/labels/*.lab   teacher/keys/*.key   stands in for the pre-trained teacher's data
 *   labeled/audio/*.wav    labeled/labels/*.lab   labeled/keys/*.key   the small labelled set
 *   unlabeled/audio/*.wav                                              the large unlabelled set (audio only)
 *   unlabeled-truth/labels/*.lab  unlabeled-truth/keys/*.key           its true labels and keys, apart, for analysis only
 *   test/audio/*.wav       test/labels/*.lab      test/keys/*.key
 *   NAME/audio, NAME/labels, NAME/keys                                 any other split given with --split NAME=H
 *                                                                      (e.g. valid, for noisy-student gating)
 *   manifest.json, provenance.json
 * </pre>
 * A {@code .key} file holds the song's key in mir_eval's format ({@code mir_eval.io.load_key}): one line,
 * {@code "C# major"} or {@code "A minor"}.
 * Audio is mono 16-bit WAV at 22050 Hz. Songs render in parallel; every song has its own random stream
 * derived from (seed, split, index), so the output is byte-identical for a seed whatever the thread count
 * (provenance.json aside, which records times). Transcendentals use {@link StrictMath}, so the bytes do not
 * depend on the JVM's intrinsics either.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Render a synthetic chord corpus (audio + .lab labels + manifest) in teacher/labeled/unlabeled/test splits.")
public final class SynthCommand implements CliCommand, Callable<Integer> {
    static final int SAMPLE_RATE = 22050;
    static final String VERSION = "1";
    /** Default share of --hours per split. */
    static final Map<String, Double> DEFAULT_SHARES = shares();
    private static final Logger log = LoggerFactory.getLogger(SynthCommand.class);

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--hours", defaultValue = "1.0", description = "total hours, shared 40/10/40/10 over teacher/labeled/unlabeled/test")
    double hours;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--split", split = ",", description = "hours for one split, overrides the share: --split labeled=0.5,test=0.1 (repeatable); other"
            + " names (e.g. valid=0.1) add a split")
    Map<String, Double> split = new LinkedHashMap<>();

    @Option(names = "--split-config", description = "JSON file {\"teacher\": h, \"labeled\": h, \"unlabeled\": h, \"test\": h}")
    Path splitConfig;

    @Option(names = "--min-song", defaultValue = "60", description = "shortest song, seconds")
    double minSong;

    @Option(names = "--max-song", defaultValue = "150", description = "longest song, seconds")
    double maxSong;

    @Option(names = "--threads", description = "songs rendered in parallel (default: available cores)")
    Integer threads;

    @Option(names = "--gm-share", defaultValue = "0", description = "share of songs rendered through a General MIDI"
            + " soundfont with the JDK synthesizer (needs " + GmRenderer.EXPORT_FLAG + "; ~50-150x real time)")
    double gmShare;

    @Option(names = "--soundfont", description = "GM soundfont for --gm-share (default /usr/share/sounds/sf2/FluidR3_GM.sf2)")
    Path soundfont = GmRenderer.DEFAULT_SOUNDFONT;

    private static Map<String, Double> shares() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("teacher", 0.4);
        m.put("labeled", 0.1);
        m.put("unlabeled", 0.4);
        m.put("test", 0.1);
        return m;
    }

    /** A song to render: its id, split and seconds, decided before any rendering. */
    record Job(String split, int index, String id, double seconds) {
    }

    /** Container entry point of the data-generation task. */
    public static void main(String[] args) {
        Cli.main(new SynthCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Double> hoursPerSplit = splitHours();
        if (!(minSong > 5) || maxSong < minSong) {
            throw new InputException("--min-song/--max-song: expected 5 < min <= max, got " + minSong + ", " + maxSong);
        }
        if (!(gmShare >= 0 && gmShare <= 1)) {
            throw new InputException("--gm-share " + gmShare + ": expected a fraction in [0, 1]");
        }
        GmRenderer gm = gmShare > 0 ? GmRenderer.check(soundfont) : null;
        List<Job> jobs = plan(hoursPerSplit);
        Files.createDirectories(out);
        NoteBank bank = new NoteBank(SAMPLE_RATE);
        Composer composer = new Composer(SAMPLE_RATE);
        Renderer renderer = new Renderer(bank);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "synth");
            t.setDaemon(true);
            return t;
        });
        List<SynthManifest.Track> tracks = new ArrayList<>();
        Map<String, Map<String, Double>> qualities = new TreeMap<>();
        Map<String, double[]> rendered = new TreeMap<>();
        try (Progress progress = new Progress("synth", jobs.size(), "songs").withExtra("h audio")) {
            List<Future<Rendered>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> render(j, composer, renderer, gm)));
            }
            for (Future<Rendered> f : futures) {
                Rendered r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    throw new IOException("synth: " + e.getCause(), e.getCause());
                }
                tracks.add(r.track);
                Map<String, Double> q = qualities.computeIfAbsent(r.track.split(), k -> new TreeMap<>());
                r.qualitySeconds.forEach((k, v) -> q.merge(k, v, Double::sum));
                rendered.computeIfAbsent(r.track.split(), k -> new double[2]);
                rendered.get(r.track.split())[0] += r.track.seconds();
                rendered.get(r.track.split())[1]++;
                progress.advance(1, r.track.seconds() / 3600);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, SynthManifest.Split> splits = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : hoursPerSplit.entrySet()) {
            String s = e.getKey();
            double[] done = rendered.getOrDefault(s, new double[2]);
            Map<String, Double> q = new TreeMap<>();
            qualities.getOrDefault(s, Map.of()).forEach((k, v) -> q.put(k, Math.round(v * 1000) / 1000.0));
            splits.put(s, new SynthManifest.Split(s + "/audio", labelsDir(s), keysDir(s), !s.equals("unlabeled"), e.getValue(),
                    done[0] / 3600, (int) done[1], q));
        }
        SynthManifest m = new SynthManifest(SynthManifest.FORMAT_VERSION, seed, SAMPLE_RATE, splits, tracks);
        AtomicFiles.write(out.resolve("manifest.json"), Json.MAPPER.writeValueAsBytes(m));
        Provenance.forStep("synth", VERSION, seed).config("hours", hoursPerSplit).config("min_song", minSong)
                .config("max_song", maxSong).config("sample_rate", SAMPLE_RATE)
                .config("gm_share", gmShare).config("soundfont", gmShare > 0 ? soundfont.toString() : "none").build().write(out);
        double renderedSeconds = tracks.stream().mapToDouble(SynthManifest.Track::seconds).sum();
        log.info("synth: {} songs, {} h, in {}", tracks.size(), String.format("%.3f", renderedSeconds / 3600), out);
        return 0;
    }

    private record Rendered(SynthManifest.Track track, Map<String, Double> qualitySeconds) {
    }

    private Rendered render(Job j, Composer composer, Renderer renderer, GmRenderer gm) throws IOException {
        SplittableRandom r = Seeds.random(seed, "synth/" + j.split + "/" + j.index);
        Score s = composer.compose(r, j.seconds);
        // its own stream: --gm-share does not change the songs, only how some of them sound
        boolean viaGm = gm != null && Seeds.random(seed, "synth-gm/" + j.split + "/" + j.index).nextDouble() < gmShare;
        float[] audio = viaGm ? gm.render(s) : renderer.render(s);
        byte[] wav = WavWriter.bytes(audio, SAMPLE_RATE);
        String audioRel = j.split + "/audio/" + j.id + ".wav";
        String labRel = labelsDir(j.split) + "/" + j.id + ".lab";
        AtomicFiles.write(out.resolve(audioRel), wav);
        LabFile.write(out.resolve(labRel), s.labels().stream()
                .map(seg -> new ChordSegment(seg.start(), seg.end(), seg.label())).toList());
        AtomicFiles.write(out.resolve(keysDir(j.split) + "/" + j.id + ".key"),
                (mirEvalKey(s) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Map<String, Double> q = new TreeMap<>();
        for (Score.Segment seg : s.labels()) {
            String label = seg.label();
            String quality = label.equals("N") ? "N" : label.substring(label.indexOf(':') + 1).split("/")[0];
            q.merge(quality, seg.end() - seg.start(), Double::sum);
        }
        return new Rendered(new SynthManifest.Track(j.id, j.split, audioRel, labRel, s.seconds(), s.key(), s.tonic(),
                s.mode(), s.bpm(), viaGm ? "gm-soundfont" : "additive", Hashes.sha256(wav)), q);
    }

    /** The song's key as mir_eval writes it: {@code "C# major"}, validated by {@link io.chordflow.chords.key.Key}. */
    static String mirEvalKey(Score s) {
        return io.chordflow.chords.key.Key.parse(s.tonic() + " " + s.mode()).toString();
    }

    /** Where a split's keys go: beside its labels ({@code unlabeled-truth/keys} for the unlabelled split). */
    static String keysDir(String split) {
        return split.equals("unlabeled") ? "unlabeled-truth/keys" : split + "/keys";
    }

    /** Where a split's labels go: beside the audio, except the unlabelled split's (kept apart). */
    static String labelsDir(String split) {
        return split.equals("unlabeled") ? "unlabeled-truth/labels" : split + "/labels";
    }

    /** Song lengths per split, drawn from the seed until the split's hours are reached. */
    List<Job> plan(Map<String, Double> hoursPerSplit) {
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<String, Double> e : hoursPerSplit.entrySet()) {
            SplittableRandom r = Seeds.random(seed, "synth-plan/" + e.getKey());
            double target = e.getValue() * 3600;
            double sum = 0;
            int i = 0;
            while (sum < target - 1e-9) {
                double len = Math.min(minSong + r.nextDouble() * (maxSong - minSong), Math.max(target - sum, 10));
                jobs.add(new Job(e.getKey(), i, String.format("%s-%05d", e.getKey(), i), len));
                sum += len;
                i++;
            }
        }
        return jobs;
    }

    Map<String, Double> splitHours() throws IOException {
        if (!(hours >= 0)) {
            throw new InputException("--hours " + hours + ": expected a number >= 0");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        DEFAULT_SHARES.forEach((k, v) -> m.put(k, hours * v));
        if (splitConfig != null) {
            Map<?, ?> cfg;
            try {
                cfg = Json.MAPPER.readValue(splitConfig.toFile(), Map.class);
            } catch (IOException e) {
                throw new InputException(splitConfig + ": not a JSON object of split -> hours: " + e.getMessage(), e);
            }
            cfg.forEach((k, v) -> {
                if (!(v instanceof Number num)) {
                    throw new InputException(splitConfig + ": field " + k + ": expected hours as a number, got " + v);
                }
                m.put(checkSplit(String.valueOf(k), splitConfig + ": field " + k), num.doubleValue());
            });
        }
        split.forEach((k, v) -> m.put(checkSplit(k, "--split " + k), v));
        m.forEach((k, v) -> {
            if (!(v >= 0)) {
                throw new InputException("split " + k + ": hours must be >= 0, got " + v);
            }
        });
        return m;
    }

    /** Split names beyond the default four (e.g. {@code valid}): a plain folder name. */
    static final java.util.regex.Pattern SPLIT_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private static String checkSplit(String name, String where) {
        if (!DEFAULT_SHARES.containsKey(name) && (!SPLIT_NAME.matcher(name).matches() || name.equals("unlabeled-truth"))) {
            throw new InputException(where + ": bad split name, expected one of " + DEFAULT_SHARES.keySet()
                    + " or another lower-case folder name (e.g. valid)");
        }
        return name;
    }
}
