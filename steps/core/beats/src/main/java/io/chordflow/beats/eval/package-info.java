/**
 * Beat scores ported from {@code mir_eval.beat} and the event matching of {@code mir_eval.util},
 * checked against mir_eval's own beat fixtures to 1e-9.
 */
package io.chordflow.beats.eval;
