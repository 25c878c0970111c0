/**
 * Structure scores ported from {@code mir_eval.segment} (boundary detection at 0.5 s and 3 s,
 * deviations, pairwise frame clustering), checked against mir_eval's own segment fixtures to
 * 1e-9; the event matching is the beat module's port of {@code mir_eval.util.match_events}.
 */
package io.chordflow.segments.eval;
