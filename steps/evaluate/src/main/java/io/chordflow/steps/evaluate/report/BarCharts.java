package io.chordflow.steps.evaluate.report;

import io.chordflow.chords.eval.ChordMetric;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Grouped bar charts of a {@link ComparisonReport}, rendered headless to PNG with JFreeChart. */
public final class BarCharts {
    private static final Color[] PALETTE = {
        new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52), new Color(0x8172B3), new Color(0x937860)};

    private BarCharts() {
    }

    /** The seven metrics and their mean, one bar per model. */
    public static void metrics(ComparisonReport report, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String model : report.modelNames()) {
            for (ChordMetric m : ChordMetric.PAPER) {
                data.addValue(report.score(model, m), model, m.key());
            }
            data.addValue(report.mean(model), model, "mean");
        }
        save(chart("Chord recognition on the test set (duration-weighted)", "metric", data), png, 1100, 520);
    }

    /** Accuracy per reference quality, one bar per model. */
    public static void perQuality(ComparisonReport report, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String model : report.modelNames()) {
            for (String q : report.qualities()) {
                double a = report.qualityAccuracy(model, q);
                data.addValue(Double.isNaN(a) ? null : a, model, q);
            }
        }
        save(chart("Accuracy per reference quality (" + report.qualityMetric() + ")", "reference quality", data), png, 1300, 520);
    }

    private static JFreeChart chart(String title, String axis, DefaultCategoryDataset data) {
        JFreeChart chart = ChartFactory.createBarChart(title, axis, "score", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setRange(0, 1);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.02);
        for (int i = 0; i < data.getRowCount(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void save(JFreeChart chart, Path png, int width, int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
    }
}
