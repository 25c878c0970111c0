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
 *   SPLIT/beats/*.beats    SPLIT/structure/*.lab                       beside each split's keys (unlabeled-truth/ too)
 *   manifest.json, provenance.json
 * </pre>
 * A {@code .key} file holds the song's key in mir_eval's format ({@code mir_eval.io.load_key}): one line,
 * {@code "C# major"} or {@code "A minor"}. A {@code .beats} file holds every beat the composer placed,
 * {@code time position} (madmom's format, 1 = downbeat; the beats module's {@code BeatFile}); a structure
 * {@code .lab} file the sections, {@code start end function} with paper 2's seven functions (the segments
 * module's {@code SegmentAnnotations}). Real datasets laid out the same way are read by the same readers.
 * Audio is mono 16-bit WAV at 22050 Hz. Each song is a {@link Score} in an arranger {@link Style}, its parts
 * heard through timbre {@link Source}s chosen per part ({@link SourceCatalog}), mixed ({@link SongRenderer}) and
 * produced ({@link Production}); {@code --sources} and {@code --styles} choose them per split ({@link SplitChoice}),
 * so a source and a style can be held out of every training split. Songs render in parallel; every song has its
 * own random streams derived from (seed, split, index) for style, score, sources and production, so the output
 * is byte-identical for a seed whatever the thread count (provenance.json aside, which records times).
 * Transcendentals use {@link StrictMath}, so the bytes do not depend on the JVM's intrinsics either; the external
 * renderers (fluidsynth, ffmpeg) are deterministic for a given build.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Render a synthetic chord corpus (audio + .lab labels + manifest) in teacher/labeled/unlabeled/test splits,"
                + " with timbre sources and arranger styles chosen per split.")
public final class SynthCommand implements CliCommand, Callable<Integer> {
    static final int SAMPLE_RATE = 22050;
    /** 3: beats and sections written per song (the audio of a seed is unchanged from 2). */
    static final String VERSION = "3";
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

    @Option(names = "--sources", split = ",", description = "timbre sources per split, SPLIT=src+src (repeatable; '*' for every split not"
            + " named): names from the catalogue (e.g. additive, fluidr3@fluidsynth), a soundfont's bare name (all its renderers),"
            + " 'default', '~NAME' to remove. Default: the default list for every split")
    Map<String, String> sources = new LinkedHashMap<>();

    @Option(names = "--styles", split = ",", description = "arranger styles per split, SPLIT=style+style (repeatable; '*' for every split"
            + " not named; 'default', '~NAME' to remove). Default: every style for every split")
    Map<String, String> styles = new LinkedHashMap<>();

    @Option(names = "--fluidsynth", defaultValue = FluidSynthRenderer.BINARY, description = "the fluidsynth binary")
    String fluidsynthBinary;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg", description = "the ffmpeg binary for the MP3 round trip (skipped, and recorded, when missing)")
    String ffmpegBinary;

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
        Map<String, SplitChoice> choices = SplitChoice.resolve(hoursPerSplit.keySet(), sources, styles);
        List<Job> jobs = plan(hoursPerSplit);
        // check every renderer the run can use before the first song: a missing tool fails in one line, up front
        java.util.Set<Source> used = new java.util.LinkedHashSet<>();
        for (Job j : jobs) {
            used.addAll(choices.get(j.split).sources());
        }
        Map<Path, GmRenderer> gervill = new java.util.HashMap<>();
        for (Source src : used) {
            if (src.engine() == Source.Engine.GERVILL && !gervill.containsKey(src.soundfont())) {
                gervill.put(src.soundfont(), GmRenderer.check(src.soundfont(), "source " + src.name()));
            }
        }
        Source legacy = null;
        if (gmShare > 0) {
            legacy = new Source("gm-soundfont@gervill", "gm-soundfont", Source.Engine.GERVILL, soundfont, "fluid-soundfont-gm",
                    java.util.EnumSet.allOf(Part.class), 1);
            gervill.putIfAbsent(soundfont, GmRenderer.check(soundfont, "--soundfont"));
        }
        List<Source> viaFluid = used.stream().filter(x -> x.engine() == Source.Engine.FLUIDSYNTH).toList();
        Path scratch = Files.createTempDirectory("chordflow-synth");
        FluidSynthRenderer fluid = viaFluid.isEmpty() ? null : FluidSynthRenderer.check(fluidsynthBinary, viaFluid, scratch);
        Mp3RoundTrip mp3 = new Mp3RoundTrip(ffmpegBinary);
        if (mp3.unavailableBecause() != null) {
            log.warn("synth: MP3 round trips skipped: {}", mp3.unavailableBecause());
        }
        Files.createDirectories(out);
        NoteBank bank = new NoteBank(SAMPLE_RATE);
        Composer composer = new Composer(SAMPLE_RATE);
        SongRenderer songs = new SongRenderer(new Renderer(bank), gervill, fluid);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "synth");
            t.setDaemon(true);
            return t;
        });
        List<SynthManifest.Track> tracks = new ArrayList<>();
        Map<String, Map<String, Double>> qualities = new TreeMap<>();
        Map<String, Map<String, Integer>> segments = new TreeMap<>();
        Map<String, double[]> rendered = new TreeMap<>();
        Map<String, Map<String, Double>> sourceSeconds = new TreeMap<>();
        Map<String, Map<String, Double>> styleSeconds = new TreeMap<>();
        Map<String, Double> renderSeconds = new TreeMap<>(); // CPU-ish wall seconds per source, for the rate log
        Source legacySource = legacy;
        try (Progress progress = new Progress("synth", jobs.size(), "songs").withExtra("h audio")) {
            List<Future<Rendered>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> render(j, choices.get(j.split), composer, songs, mp3, scratch, legacySource)));
            }
            for (Future<Rendered> f : futures) {
                Rendered r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InputException ie) {
                        throw ie;
                    }
                    throw new IOException("synth: " + e.getCause(), e.getCause());
                }
                tracks.add(r.track);
                String sp = r.track.split();
                Map<String, Double> q = qualities.computeIfAbsent(sp, k -> new TreeMap<>());
                r.qualitySeconds.forEach((k, v) -> q.merge(k, v, Double::sum));
                r.qualitySegments.forEach((k, v) -> segments.computeIfAbsent(sp, x -> new TreeMap<>()).merge(k, v, Integer::sum));
                r.track.sources().values().forEach(src -> sourceSeconds.computeIfAbsent(sp, k -> new TreeMap<>())
                        .merge(src, r.track.seconds(), Double::sum));
                styleSeconds.computeIfAbsent(sp, k -> new TreeMap<>()).merge(r.track.style(), r.track.seconds(), Double::sum);
                rendered.computeIfAbsent(sp, k -> new double[2]);
                rendered.get(sp)[0] += r.track.seconds();
                rendered.get(sp)[1]++;
                progress.advance(1, r.track.seconds() / 3600);
            }
        } finally {
            pool.shutdownNow();
            deleteTree(scratch);
        }
        Map<String, SynthManifest.Split> splits = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : hoursPerSplit.entrySet()) {
            String s = e.getKey();
            double[] done = rendered.getOrDefault(s, new double[2]);
            SplitChoice c = choices.get(s);
            splits.put(s, new SynthManifest.Split(s + "/audio", labelsDir(s), keysDir(s), truthDir(s, "beats"),
                    truthDir(s, "structure"), !s.equals("unlabeled"), e.getValue(),
                    done[0] / 3600, (int) done[1], rounded(qualities.getOrDefault(s, Map.of())), new TreeMap<>(segments.getOrDefault(s, Map.of())),
                    c.sources().stream().map(Source::name).toList(), c.styles().stream().map(Style::name).toList(),
                    rounded(sourceSeconds.getOrDefault(s, Map.of())), rounded(styleSeconds.getOrDefault(s, Map.of()))));
        }
        SynthManifest m = new SynthManifest(SynthManifest.FORMAT_VERSION, VERSION, seed, SAMPLE_RATE, splits, tracks);
        AtomicFiles.write(out.resolve("manifest.json"), Json.MAPPER.writeValueAsBytes(m));
        Provenance.forStep("synth", VERSION, seed).config("hours", hoursPerSplit).config("min_song", minSong)
                .config("max_song", maxSong).config("sample_rate", SAMPLE_RATE)
                .config("sources", sources).config("styles", styles)
                .config("mp3", mp3.unavailableBecause() == null ? "ffmpeg libmp3lame" : "skipped: " + mp3.unavailableBecause())
                .config("render_times", songs.times.summary())
                .config("gm_share", gmShare).config("soundfont", gmShare > 0 ? soundfont.toString() : "none").build().write(out);
        double renderedSeconds = tracks.stream().mapToDouble(SynthManifest.Track::seconds).sum();
        log.info("synth: {} songs, {} h, in {}", tracks.size(), String.format("%.3f", renderedSeconds / 3600), out);
        songs.times.summary().forEach((k, v) -> log.info("synth: {}: {} s for {} s of audio, {}x real time",
                k, v.get("seconds"), v.get("audio_seconds"), v.get("x_realtime")));
        return 0;
    }

    private static Map<String, Double> rounded(Map<String, Double> m) {
        Map<String, Double> q = new TreeMap<>();
        m.forEach((k, v) -> q.put(k, Math.round(v * 1000) / 1000.0));
        return q;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("synth: could not clean {}: {}", dir, e.toString());
        }
    }

    private record Rendered(SynthManifest.Track track, Map<String, Double> qualitySeconds, Map<String, Integer> qualitySegments) {
    }

    private Rendered render(Job j, SplitChoice choice, Composer composer, SongRenderer songs, Mp3RoundTrip mp3, Path scratch,
                            Source legacy) throws IOException {
        String where = j.split + "/" + j.index;
        // separate streams: the style, the score, the sources and the production are independent choices
        List<Style> st = choice.styles();
        Style style = st.get(Seeds.random(seed, "synth-style/" + where).nextInt(st.size()));
        long songSeed = Seeds.derive(seed, "synth/" + where);
        Map<Part, Source> parts = choice.pick(Seeds.random(seed, "synth-sources/" + where));
        if (legacy != null && Seeds.random(seed, "synth-gm/" + where).nextDouble() < gmShare) {
            for (Part p : Part.values()) {
                parts.put(p, legacy);
            }
        }
        SplittableRandom prod = Seeds.random(seed, "synth-production/" + where);
        Map<String, Double> levels = new TreeMap<>();
        long t0 = RenderTimes.cpu();
        Score s = composer.compose(new SplittableRandom(songSeed), j.seconds, style);
        songs.times.add("compose (cpu)", RenderTimes.cpu() - t0, s.seconds());
        float[] audio = songs.mix(s, parts, prod, levels, j.id);
        List<Production.Stage> chain = Production.plan(prod, mp3.unavailableBecause());
        audio = Production.apply(audio, SAMPLE_RATE, chain, mp3, scratch, j.id, songs.times);
        long t1 = RenderTimes.cpu();
        byte[] wav = WavWriter.bytes(audio, SAMPLE_RATE);
        String audioRel = j.split + "/audio/" + j.id + ".wav";
        String labRel = labelsDir(j.split) + "/" + j.id + ".lab";
        AtomicFiles.write(out.resolve(audioRel), wav);
        LabFile.write(out.resolve(labRel), s.labels().stream()
                .map(seg -> new ChordSegment(seg.start(), seg.end(), seg.label())).toList());
        AtomicFiles.write(out.resolve(keysDir(j.split) + "/" + j.id + ".key"),
                (mirEvalKey(s) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String beatsRel = truthDir(j.split, "beats") + "/" + j.id + ".beats";
        String structureRel = truthDir(j.split, "structure") + "/" + j.id + ".lab";
        io.chordflow.beats.BeatFile.write(out.resolve(beatsRel), s.beats().stream()
                .map(b -> new io.chordflow.beats.Beat(b.time(), b.position())).toList());
        io.chordflow.segments.SegmentAnnotations.write(out.resolve(structureRel), s.sections().stream()
                .map(seg -> new io.chordflow.segments.Segment(seg.start(), seg.end(), seg.label())).toList());
        songs.times.add("write (cpu)", RenderTimes.cpu() - t1, s.seconds());
        Map<String, Double> q = new TreeMap<>();
        Map<String, Integer> qn = new TreeMap<>();
        for (Score.Segment seg : s.labels()) {
            q.merge(qualityClass(seg.label()), seg.end() - seg.start(), Double::sum);
            qn.merge(qualityClass(seg.label()), 1, Integer::sum);
        }
        Map<String, String> partSources = new TreeMap<>();
        Map<String, Integer> programs = new TreeMap<>();
        for (Part p : Part.values()) {
            boolean present = p == Part.DRUMS ? !s.hits().isEmpty() : s.notes().stream().anyMatch(x -> x.part() == p);
            if (present) {
                partSources.put(p.id(), parts.get(p).name());
                s.notes().stream().filter(x -> x.part() == p).findFirst().ifPresent(x -> programs.put(p.id(), x.program()));
            }
        }
        List<SynthManifest.Key> keys = s.keys().stream()
                .map(k -> new SynthManifest.Key(Math.round(k.time() * 1000) / 1000.0, k.key())).toList();
        return new Rendered(new SynthManifest.Track(j.id, j.split, audioRel, labRel, beatsRel, structureRel, s.seconds(), s.key(), s.tonic(),
                s.mode(), keys, s.bpm(), s.metre(), Math.round(s.swing() * 1000) / 1000.0, s.style(),
                s.fades() ? List.of(Math.round(s.fadeStart() * 1000.0 / SAMPLE_RATE) / 1000.0, Math.round(s.fadeEnd() * 1000.0 / SAMPLE_RATE) / 1000.0) : null,
                partSources, programs, s.hits().isEmpty() ? null : s.drumKit(),
                levels, chain, songSeed, Hashes.sha256(wav)), q, qn);
    }

    /** The label's class in BTC's 14 qualities (extended chords fold to their seventh: C:9 is 7), or N. */
    static String qualityClass(String label) {
        int cls = io.chordflow.chords.Vocabulary.LARGE.index(label);
        if (cls == 169) {
            return "N";
        }
        if (cls == 168) {
            return "X";
        }
        return Quality.values()[cls % 14].harte();
    }

    /** The song's key as mir_eval writes it: {@code "C# major"}, validated by {@link io.chordflow.chords.key.Key}. */
    static String mirEvalKey(Score s) {
        return io.chordflow.chords.key.Key.parse(s.tonic() + " " + s.mode()).toString();
    }

    /** Where a split's keys go: beside its labels ({@code unlabeled-truth/keys} for the unlabelled split). */
    static String keysDir(String split) {
        return split.equals("unlabeled") ? "unlabeled-truth/keys" : split + "/keys";
    }

    /** Where a split's annotations of one kind ({@code beats}, {@code structure}) go: beside its labels. */
    static String truthDir(String split, String kind) {
        return (split.equals("unlabeled") ? "unlabeled-truth/" : split + "/") + kind;
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
