/**
 * Chord evaluation, a port of {@code mir_eval.chord.evaluate} equal to it within 1e-9 (checked
 * against mir_eval's own fixtures), plus dataset-level aggregation.
 *
 * <p>Per song: the estimate is cropped/padded with N to the reference span, both sequences are
 * cut at the union of their boundaries, each piece is compared per metric (1 correct, 0 wrong,
 * -1 not counted: "not comparable" is not "wrong"), and the score is the duration-weighted
 * accuracy over counted pieces. Segmentation scores use the directional Hamming distance between
 * the chord-merged interval sets. Over a dataset, {@link io.chordflow.chords.eval.DatasetScores}
 * gives the duration-weighted total (total correct time / total counted time, what papers
 * usually report), the plain mean over songs, and accuracy per reference quality.
 */
package io.chordflow.chords.eval;
