package io.chordflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.audio.synth.SynthCommand;
import io.chordflow.contract.StepSignature;
import io.chordflow.contract.StepSignature.Param;
import io.chordflow.contract.StepSignature.Role;
import io.chordflow.contract.StepSignatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every step program's picocli options agree with its declared signature ({@link StepSignatures},
 * from which the compiler derives the Argo templates): each option the signature passes exists,
 * takes a value (or none, for a flag; several, when the signature repeats it), and has the same
 * default where both give one; {@code --config} and {@code --parameters} exist when the signature
 * uses them; and every option the program requires is one the signature passes. Options the
 * signature leaves out are optional ones a cluster run does not use ({@code --init}, {@code --threads}).
 *
 * <p>Here, in cli, because this module already sees every step module and the contract: the
 * workflows module needs no dependency on the step programs, nor a step on the compiler.
 */
class StepSignaturesTest {
    /** Step programs whose main class runs a picocli command it does not declare itself. */
    private static final Map<String, Class<?>> COMMAND_OF = Map.of(StepSignatures.SYNTH.mainClass(), SynthCommand.class);

    @TestFactory
    Stream<DynamicTest> everyStepProgramTakesItsSignaturesOptions() {
        List<StepSignature> all = new ArrayList<>(StepSignatures.ALL);
        all.addAll(List.of(StepSignatures.FEATURES_SHARDS, StepSignatures.TEACHER_INFERENCE_SOFT, StepSignatures.TRAIN_MIX, StepSignatures.GATE,
                StepSignatures.EVALUATE_TEMPLATE, StepSignatures.roundsReport(3),
                StepSignatures.compare(List.of("test", "heldout"), List.of("teacher", "stage2", "template"))));
        return all.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            List<String> problems = disagreements(s, spec(s));
            assertTrue(problems.isEmpty(), s.name() + " (" + s.mainClass() + "): " + String.join("; ", problems));
        }));
    }

    @Test
    void aSignatureThatDisagreesWithItsProgramIsCaught() throws Exception {
        StepSignature wrong = new StepSignature("train", StepSignatures.TRAIN.mainClass(), "1", List.of(
                StepSignature.in("targets"), StepSignature.value("target-kind", null), StepSignature.out("output"),
                StepSignature.value("seed", "7"), StepSignature.in("no-such-option"), StepSignature.flag("stage"),
                StepSignature.value("help", null), StepSignature.in("mix-features"),
                new Param("more-features", "--mix-features", Role.INPUT, null)), false, List.of("promoted"));
        List<String> problems = disagreements(wrong, spec(wrong));
        assertEquals(Stream.of(
                "--seed: default 7 in the signature, 0 in the program",
                "--no-such-option: the program has no such option",
                "--stage: a flag in the signature, the program's option takes a value",
                "--help: a value in the signature, the program's option is a flag",
                "--mix-features: passed 2 times by the signature, the program takes one",
                "--parameters: the signature has output parameters [promoted], the program no --parameters option",
                "--features: required by the program, not passed by the signature",
                "--config: required by the program, not passed by the signature").sorted().toList(),
                problems.stream().sorted().toList());
    }

    private static CommandSpec spec(StepSignature s) throws ClassNotFoundException {
        Class<?> command = COMMAND_OF.containsKey(s.mainClass()) ? COMMAND_OF.get(s.mainClass()) : Class.forName(s.mainClass());
        return new CommandLine(command).getCommandSpec();
    }

    /** What the signature and the program's options disagree on, one line each (empty: they agree). */
    static List<String> disagreements(StepSignature s, CommandSpec spec) {
        List<String> out = new ArrayList<>();
        Map<String, List<Param>> byFlag = new LinkedHashMap<>();
        s.params().forEach(p -> byFlag.computeIfAbsent(p.flag(), k -> new ArrayList<>()).add(p));
        byFlag.forEach((flag, params) -> {
            OptionSpec o = spec.findOption(flag);
            Param p = params.get(0);
            if (o == null) {
                out.add(flag + ": the program has no such option");
            } else if (p.role() == Role.FLAG && o.arity().max() != 0) {
                out.add(flag + ": a flag in the signature, the program's option takes a value");
            } else if (p.role() != Role.FLAG && o.arity().max() == 0) {
                out.add(flag + ": a value in the signature, the program's option is a flag");
            } else if (params.size() > 1 && !o.isMultiValue()) {
                out.add(flag + ": passed " + params.size() + " times by the signature, the program takes one");
            } else if (p.defaultValue() != null && o.defaultValue() != null && !p.defaultValue().equals(o.defaultValue())) {
                out.add(flag + ": default " + p.defaultValue() + " in the signature, " + o.defaultValue() + " in the program");
            }
        });
        if (s.config() && spec.findOption("--config") == null) {
            out.add("--config: the signature passes a config, the program has no --config option");
        }
        if (!s.outputParameters().isEmpty() && spec.findOption("--parameters") == null) {
            out.add("--parameters: the signature has output parameters " + s.outputParameters() + ", the program no --parameters option");
        }
        for (OptionSpec o : spec.options()) {
            List<String> names = List.of(o.names());
            boolean passed = names.stream().anyMatch(byFlag::containsKey)
                    || (s.config() && names.contains("--config"))
                    || (!s.outputParameters().isEmpty() && names.contains("--parameters"));
            if (o.required() && !passed) {
                out.add(o.longestName() + ": required by the program, not passed by the signature");
            }
        }
        return out;
    }
}
