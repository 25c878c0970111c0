package io.chordflow.steps.evaluate.report;

import io.chordflow.steps.evaluate.rounds.RoundsReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** The metric per noisy-student round (teacher and student on the valid split), headless PNG with JFreeChart. */
public final class RoundCharts {
    private RoundCharts() {
    }

    /** One category per round: its teacher's and its student's metric on the valid split (the test numbers are in the table). */
    public static void perRound(RoundsReport report, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String teacher = "teacher (valid)";
        String student = "student (valid)";
        for (RoundsReport.Row r : report.rows()) {
            String c = "round " + r.round();
            data.addValue(r.ran() ? r.teacher() : null, teacher, c);
            data.addValue(r.ran() ? r.student() : null, student, c);
        }
        JFreeChart chart = ChartFactory.createLineChart("Noisy-student rounds: " + report.metric() + " on the valid split",
                "round (a gap: the round did not run)", report.metric(), data,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        LineAndShapeRenderer r = (LineAndShapeRenderer) plot.getRenderer();
        r.setDefaultShapesVisible(true);
        r.setSeriesPaint(0, new Color(0x4C72B0));
        r.setSeriesPaint(1, new Color(0xDD8452));
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesStroke(1, new BasicStroke(2f));
        chart.setBackgroundPaint(Color.WHITE);
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 480);
    }
}
