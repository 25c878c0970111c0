package io.chordflow.tracking.cli;

import io.chordflow.common.InputException;
import io.chordflow.common.cli.CliCommand;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.registry.Promotion;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chordflow promote NAME VERSION}: moves the champion alias to a version that beats the champion. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Point an alias (default champion) at a model version if it beats the current holder on"
                + " the configured metric; refuses otherwise (exit 1) unless --force --reason is given.")
public final class PromoteCommand implements CliCommand, Callable<Integer> {
    @Parameters(index = "0", description = "registered model name")
    String name;

    @Parameters(index = "1", description = "version number")
    String version;

    @Option(names = "--alias", defaultValue = ModelRegistry.CHAMPION, description = "alias to move (default ${DEFAULT-VALUE})")
    String alias;

    @Option(names = "--metric", defaultValue = Promotion.PAPER_MEAN,
            description = "score: paper_mean (mean of root, thirds, triads, sevenths, tetrads, majmin, mirex) or one"
                    + " metric name (read from the version's metric.* tags); default ${DEFAULT-VALUE}")
    String metric;

    @Option(names = "--force", description = "promote even if it does not beat the current holder")
    boolean force;

    @Option(names = "--reason", description = "why --force is used (recorded as a tag on the version)")
    String reason;

    @Spec
    CommandSpec spec;

    private final Supplier<Tracker> trackers;

    public PromoteCommand() {
        this(Trackers::fromEnvironment);
    }

    public PromoteCommand(Supplier<Tracker> trackers) {
        this.trackers = trackers;
    }

    @Override
    public Integer call() {
        if (force && (reason == null || reason.isBlank())) {
            throw new InputException("--force needs --reason R (it is recorded on the model version)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Tracker tracker = trackers.get()) {
            ModelRegistry registry = tracker.registry();
            ModelVersion candidate = registry.version(name, version);
            Optional<ModelVersion> holder = registry.byAlias(name, alias);
            Promotion.Decision d = Promotion.decide(candidate, holder, metric);
            if (holder.isPresent() && holder.get().version().equals(version)) {
                out.println(name + ": " + d.message() + " (" + alias + ")");
                return 0;
            }
            if (!d.promote() && !force) {
                err.println(name + ": " + d.message() + "; use --force --reason R to override");
                return 1;
            }
            registry.setAlias(name, alias, version);
            registry.setVersionTag(name, version, Tags.PROMOTION, alias + ": " + d.message());
            if (!d.promote()) {
                registry.setVersionTag(name, version, Tags.FORCED_REASON, reason);
                out.println(name + ": forced: " + d.message() + "; reason: " + reason);
            } else {
                out.println(name + ": " + d.message());
            }
            out.println(name + "@" + alias + " -> version " + version + " (" + candidate.source() + ")");
            return 0;
        }
    }
}
