package io.chordflow.segments.decode;

import java.util.Locale;

/**
 * Paper 2's seven functional classes, from its structure model (Wang et al., ICASSP 2022, "To
 * catch a chorus, verse, intro, or anything else"): intro, verse, chorus, bridge, instrumental,
 * outro, silence. The order is the order of the model's class outputs.
 */
public enum SectionFunction {
    INTRO, VERSE, CHORUS, BRIDGE, INST, OUTRO, SILENCE;

    /** The label written to .lab and JAMS {@code segment_open}: the lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
