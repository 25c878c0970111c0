package io.chordflow.steps.evaluate.report;

import io.chordflow.common.InputException;
import java.util.List;

/**
 * What paper 1 reports for one student architecture, and the margins our claims ask of a run.
 * BTC: stage 1 reaches 98-99 % of the teacher; stage 2 is +2.5 % over its supervised baseline and
 * +1.55 % over the teacher. 2E1D: stage 1 about 96-97 %; stage 2 +2.7-3.79 % over its baseline and
 * "almost the same performance as the teacher", so its teacher claim asks for the teacher's level
 * within a point rather than a gain.
 *
 * @param arch         the student's architecture, as the experiment's {@code model.arch} names it
 * @param overTeacher  stage 2's mean minus the teacher's must be at least this (negative: "about the teacher's level")
 * @param overBaseline stage 2's mean minus the supervised baseline's must be at least this
 * @param stage1Paper  the paper's stage-1 share of the teacher, as printed beside ours
 * @param teacherPaper the paper's stage-2 figure against the teacher
 * @param baselinePaper the paper's stage-2 figure against the baseline
 */
public record PaperFigures(String arch, double overTeacher, double overBaseline, String stage1Paper, String teacherPaper,
                           String baselinePaper) {
    public static final PaperFigures BTC = new PaperFigures("btc", 0.01, 0.025, "98-99%", "+1.55%", "+2.5%");
    public static final PaperFigures TWO_E_ONE_D = new PaperFigures("2e1d", -0.01, 0.025, "96-97%",
            "almost the teacher's level", "+2.7-3.79%");
    public static final List<PaperFigures> ALL = List.of(BTC, TWO_E_ONE_D);

    /** The figures for a student architecture; an architecture the paper did not report is an input error. */
    public static PaperFigures of(String arch) {
        return ALL.stream().filter(f -> f.arch.equals(arch)).findFirst().orElseThrow(() -> new InputException(
                "--student '" + arch + "': paper 1 reports students " + ALL.stream().map(PaperFigures::arch).toList()));
    }
}
