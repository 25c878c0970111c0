/**
 * Downbeat decoding with madmom's bar-pointer dynamic Bayesian network: state space, sparse
 * transitions, observation model and Viterbi, from frame-level beat and downbeat activations.
 */
package io.chordflow.beats.dbn;
