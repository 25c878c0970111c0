package io.chordflow.audio.synth;

import io.chordflow.common.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every timbre source the generator knows, by name: {@code SOUNDFONT@RENDERER} for soundfonts (Debian
 * paths), {@code additive} for the built-in synth. A soundfont's bare name ({@code timgm6mb}) stands for
 * all its renderers, so holding a soundfont out holds out every way of hearing it.
 * <p>Debian's {@code fluid-soundfont-gs} is not a source: its FluidR3_GS.sf2 holds only GS variation banks
 * and extra kits (no bank-0 GM set), so it cannot play a song alone.
 */
public final class SourceCatalog {
    private static final Path SF2 = Path.of("/usr/share/sounds/sf2");
    private static final Set<Part> ALL = EnumSet.allOf(Part.class);
    private static final Map<String, Source> SOURCES = build();

    /**
     * The sources every split uses unless told otherwise: the additive synth, three General MIDI soundfonts
     * (FluidR3, csound's GM bank, TimGM6mb) through FluidSynth, FluidR3 through Gervill (a second renderer of the
     * same samples: different interpolation, envelopes and filters), the OPL3 FM bank, and two real drum kits.
     */
    public static final List<String> DEFAULT = List.of("additive", "fluidr3@fluidsynth", "fluidr3@gervill",
            "csound@fluidsynth", "timgm6mb@fluidsynth", "opl3@fluidsynth", "avl-blackpearl@fluidsynth",
            "avl-redzeppelin@fluidsynth");

    private SourceCatalog() {
    }

    private static Map<String, Source> build() {
        Map<String, Source> m = new LinkedHashMap<>();
        m.put("additive", new Source("additive", "additive", Source.Engine.ADDITIVE, null, null, ALL, 1));
        gm(m, "fluidr3", "FluidR3_GM.sf2", "fluid-soundfont-gm", ALL);
        gm(m, "timgm6mb", "TimGM6mb.sf2", "timgm6mb-soundfont", ALL);
        gm(m, "csound", "sf_GMbank.sf2", "csound-soundfont", ALL);
        gm(m, "opl3", "OPL-3_FM_128M.sf2", "opl3-soundfont", ALL);
        gm(m, "avl-blackpearl", "Black_Pearl_4_LV2.sf2", "avldrums.lv2-soundfont", EnumSet.of(Part.DRUMS));
        gm(m, "avl-redzeppelin", "Red_Zeppelin_4_LV2.sf2", "avldrums.lv2-soundfont", EnumSet.of(Part.DRUMS));
        return m;
    }

    private static void gm(Map<String, Source> m, String name, String file, String pkg, Set<Part> parts) {
        for (Source.Engine r : List.of(Source.Engine.FLUIDSYNTH, Source.Engine.GERVILL)) {
            String id = name + "@" + r.id();
            m.put(id, new Source(id, name, r, SF2.resolve(file), pkg, parts, r == Source.Engine.GERVILL ? 0.5 : 1));
        }
    }

    /** All known source names. */
    public static Set<String> names() {
        return SOURCES.keySet();
    }

    public static Source get(String name) {
        Source s = SOURCES.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown source " + name);
        }
        return s;
    }

    /** The Debian package that installs a soundfont path (fluid-soundfont-gm for unknown paths). */
    static String packageOf(Path soundfont) {
        return SOURCES.values().stream().filter(s -> soundfont.equals(s.soundfont())).map(Source::debianPackage).findFirst()
                .orElse("fluid-soundfont-gm");
    }

    /** Debian packages the given sources need (for bin/setup and error messages). */
    public static Set<String> packages(List<Source> sources) {
        Set<String> out = new LinkedHashSet<>();
        for (Source s : sources) {
            if (s.debianPackage() != null) {
                out.add(s.debianPackage());
            }
            if (s.engine() == Source.Engine.FLUIDSYNTH) {
                out.add("fluidsynth");
            }
        }
        return out;
    }

    /**
     * Resolves a {@code +}-separated source list: full names, bare soundfont names (all renderers),
     * {@code default} (the default list) and {@code ~NAME} (remove, also by bare name). Unknown names are an
     * {@link InputException} naming {@code option} and listing the known names.
     */
    static List<Source> resolve(String spec, String option) {
        Set<String> out = new LinkedHashSet<>();
        for (String term : spec.split("\\+")) {
            String t = term.trim();
            boolean remove = t.startsWith("~");
            String name = remove ? t.substring(1) : t;
            List<String> hit = expand(name);
            if (hit.isEmpty()) {
                throw new InputException(option + ": unknown source '" + name + "'; known: default, " + String.join(", ", names())
                        + " (or a soundfont's bare name for all its renderers)");
            }
            if (remove) {
                hit.forEach(out::remove);
            } else {
                out.addAll(hit);
            }
        }
        List<Source> list = new ArrayList<>();
        out.forEach(n -> list.add(SOURCES.get(n)));
        if (list.stream().noneMatch(s -> s.plays(Part.COMP))) {
            throw new InputException(option + ": '" + spec + "' leaves no source that plays pitched parts (drum kits only play drums)");
        }
        return list;
    }

    private static List<String> expand(String name) {
        if (name.equals("default")) {
            return DEFAULT;
        }
        if (SOURCES.containsKey(name)) {
            return List.of(name);
        }
        List<String> out = new ArrayList<>();
        for (Source s : SOURCES.values()) {
            if (s.soundfontName().equals(name)) {
                out.add(s.name());
            }
        }
        return out;
    }
}
