/**
 * Structure decoding: boundary peak picking and per-segment function labelling from paper 2's
 * frame-level structure outputs (7 functions plus a boundary probability every 192 ms).
 */
package io.chordflow.segments.decode;
