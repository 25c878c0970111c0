/**
 * The noisy student's augmentations (paper 2, section 2.3), each configurable and seeded:
 * A1 pitch shift with labels transposed ({@link io.chordflow.audio.augment.PitchShift}, on the
 * CQT), A2 audio transforms with probability p ({@link io.chordflow.audio.augment.AudioAugment}),
 * A3 frequency masks and A4 time masks ({@link io.chordflow.audio.augment.SpectrogramMasks}).
 * Pure functions over arrays: the caller owns the random stream (derived from the step's seed).
 */
package io.chordflow.audio.augment;
