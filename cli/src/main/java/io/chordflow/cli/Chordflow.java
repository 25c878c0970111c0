package io.chordflow.cli;

import io.chordflow.common.cli.Cli;
import io.chordflow.common.cli.CliCommand;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/chordflow}: the root command. Subcommands are not listed here: every module
 * registers its own through {@link CliCommand} and they are found on the class path.
 */
@Command(name = "chordflow", mixinStandardHelpOptions = true, version = "chordflow 0.1.0",
        description = "Teacher-student chord recognition: evaluate, extract features, train, run and submit pipelines.",
        subcommandsRepeatable = false)
public final class Chordflow implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The root command line with every registered subcommand, sorted by name. */
    public static CommandLine commandLine() {
        CommandLine root = Cli.commandLine(new Chordflow());
        ServiceLoader.load(CliCommand.class).stream()
                .map(ServiceLoader.Provider::get)
                .map(CommandLine::new)
                .sorted(java.util.Comparator.comparing(CommandLine::getCommandName))
                .forEach(sub -> root.addSubcommand(sub.getCommandName(), sub));
        // subcommands share the exit-code contract
        root.setExecutionExceptionHandler(Cli.commandLine(new Chordflow()).getExecutionExceptionHandler());
        Cli.describeExitCodes(root);
        return root;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
