package io.chordflow.tracking.registry;

/**
 * What registering a version under an alias did: the alias it got ({@code champion} may become
 * {@code challenger} by the promotion rule) and a line for the user (the rule's reasoning, or
 * where the registration waits while the server is unreachable; null when there is nothing to say).
 */
public record Assignment(String alias, String message) {
}
