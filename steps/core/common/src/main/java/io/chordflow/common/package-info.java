/**
 * Plumbing shared by every chordflow module, and nothing of the domain: the CLI plugin
 * interface ({@link io.chordflow.common.cli}), input errors that map to exit code 2,
 * progress lines, content hashes and atomic file writes, provenance sidecars and seeds.
 */
package io.chordflow.common;
