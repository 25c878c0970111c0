package io.chordflow.common.cli;

/**
 * A subcommand of {@code bin/chordflow}. Each module lists its commands in
 * {@code META-INF/services/io.chordflow.common.cli.CliCommand}; the launcher finds them with
 * {@link java.util.ServiceLoader}, so a module adds commands without touching the launcher.
 * Implementations are picocli {@code @Command} classes with a public no-argument constructor.
 */
public interface CliCommand {
}
