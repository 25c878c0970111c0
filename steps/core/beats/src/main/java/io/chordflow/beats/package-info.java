/**
 * Beats and downbeats: a {@link io.chordflow.beats.Beat} is a time and a position in the bar
 * (1 = downbeat). Files ({@code .beats}, JAMS {@code beat}) are the only I/O here; scores are in
 * {@link io.chordflow.beats.eval}, the downbeat decoder in {@link io.chordflow.beats.dbn}.
 */
package io.chordflow.beats;
