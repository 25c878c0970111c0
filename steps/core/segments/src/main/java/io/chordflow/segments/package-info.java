/**
 * Music structure: a song as labelled {@link io.chordflow.segments.Segment}s. Files ({@code .lab},
 * JAMS {@code segment_open}) are the only I/O here; mir_eval's segment scores are in
 * {@link io.chordflow.segments.eval}, the decoding of frame-level boundary and function
 * probabilities in {@link io.chordflow.segments.decode}.
 */
package io.chordflow.segments;
