package com.discoverytriage.stats;

import com.discoverytriage.stats.TriageStats.OutcomeCount;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The figures as one PNG (JFreeChart, headless): per diagnostic a horizontal funnel (each question's bar is the
 * triages that reached it; its red end those who left there), then the outcome mix. Drawn for a phone in
 * Discord's dark theme: dark background, light text, large type, one row per question at a fixed height so 17
 * questions never overlap, and labels given their own column so they are not cut.
 */
public final class StatsChart {

    static final int WIDTH = 1000;
    private static final int ROW = 54;
    private static final int CHROME = 190;

    static final Color BACKGROUND = new Color(0x31, 0x33, 0x38);
    static final Color TEXT = new Color(0xF2, 0xF3, 0xF5);
    static final Color MUTED = new Color(0xB5, 0xBA, 0xC1);
    static final Color GRID = new Color(0x4E, 0x50, 0x58);
    static final Color CONTINUED = new Color(0x58, 0x65, 0xF2);
    static final Color DROPPED = new Color(0xED, 0x42, 0x45);
    static final Color BOOK = new Color(0x57, 0xF2, 0x87);
    static final Color ALTERNATIVE = new Color(0xFE, 0xE7, 0x5C);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 34);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 24);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 26);
    private static final Font ITEM = new Font(Font.SANS_SERIF, Font.BOLD, 24);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 20);

    private StatsChart() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static byte[] png(TriageStats stats) {
        List<String> diagnostics = stats.diagnostics();
        int[] heights = new int[diagnostics.size() + 1];
        int total = 0;
        for (int i = 0; i < diagnostics.size(); i++) {
            heights[i] = CHROME + ROW * stats.questionsOf(diagnostics.get(i)).size();
            total += heights[i];
        }
        heights[diagnostics.size()] = CHROME + ROW * Math.max(1, stats.outcomes().size());
        total += heights[diagnostics.size()];

        BufferedImage image = new BufferedImage(WIDTH, total, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, WIDTH, total);
            int y = 0;
            for (int i = 0; i < diagnostics.size(); i++) {
                funnel(stats, diagnostics.get(i)).draw(g, new Rectangle2D.Double(0, y, WIDTH, heights[i]));
                y += heights[i];
            }
            outcomes(stats).draw(g, new Rectangle2D.Double(0, y, WIDTH, heights[diagnostics.size()]));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JFreeChart funnel(TriageStats stats, String diagnosticId) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<QuestionFigures> questions = stats.questionsOf(diagnosticId);
        for (QuestionFigures q : questions) {
            String label = q.number() + "  " + StatsText.shorten(q.questionId(), 26);
            data.addValue(q.reached() - q.dropped(), "went on", label);
            data.addValue(q.dropped(), "left here", label);
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setSeriesPaint(0, CONTINUED);
        renderer.setSeriesPaint(1, DROPPED);
        // the label goes after the bar's last visible segment: a zero-length red end is drawn at the base
        renderer.setDefaultItemLabelGenerator(labels((dataset, row, column) -> {
            QuestionFigures q = questions.get(column);
            if ((row == 1) != (q.dropped() > 0)) {
                return null;
            }
            return q.reached() + (q.dropped() == 0 ? "" : "  (" + q.dropped() + " left)");
        }));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ITEM);
        renderer.setDefaultItemLabelPaint(TEXT);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        renderer.setItemLabelAnchorOffset(8);
        JFreeChart chart = chart("Funnel: " + diagnosticId, StatsText.period(stats), data,
                renderer, maxOf(questions.stream().mapToInt(QuestionFigures::reached).max().orElse(0)));
        return chart;
    }

    static JFreeChart outcomes(TriageStats stats) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<OutcomeCount> outcomes = stats.outcomes();
        boolean many = stats.period().diagnosticId() == null && stats.diagnostics().size() > 1;
        for (OutcomeCount o : outcomes) {
            String label = StatsText.shorten((many ? o.diagnosticId() + ": " : "") + o.outcomeId(), 30);
            data.addValue(o.count(), "triages", label);
        }
        if (outcomes.isEmpty()) {
            data.addValue(0, "triages", "no outcome yet");
        }
        BarRenderer renderer = new BarRenderer() {
            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return column < outcomes.size() && "book".equals(outcomes.get(column).kind()) ? BOOK : ALTERNATIVE;
            }
        };
        renderer.setDefaultItemLabelGenerator(labels((dataset, row, column) -> {
            Number v = dataset.getValue(row, column);
            return v == null || v.intValue() == 0 && !outcomes.isEmpty() ? null : String.valueOf(v.intValue());
        }));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ITEM);
        renderer.setDefaultItemLabelPaint(TEXT);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        renderer.setItemLabelAnchorOffset(8);
        JFreeChart chart = chart("Outcomes", StatsText.totals(stats) + "; booked " + stats.booked() + " of "
                + stats.bookOutcomes(), data, renderer,
                maxOf(outcomes.stream().mapToInt(OutcomeCount::count).max().orElse(0)));
        org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
        legend.add(legendItem("book", BOOK));
        legend.add(legendItem("alternative", ALTERNATIVE));
        chart.getCategoryPlot().setFixedLegendItems(legend);
        return chart;
    }

    private static JFreeChart chart(String title, String subtitle, DefaultCategoryDataset data, BarRenderer renderer,
            double upper) {
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setMaximumBarWidth(0.8);
        renderer.setItemMargin(0);

        CategoryAxis categories = new CategoryAxis();
        categories.setTickLabelFont(LABEL);
        categories.setTickLabelPaint(TEXT);
        categories.setAxisLineVisible(false);
        categories.setTickMarksVisible(false);
        // a label column wide enough for "17  decisions-stalling" on one line: never cut, never wrapped
        categories.setMaximumCategoryLabelWidthRatio(0.45f);
        categories.setMaximumCategoryLabelLines(1);
        categories.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        categories.setLowerMargin(0.02);
        categories.setUpperMargin(0.02);
        categories.setCategoryMargin(0.25);

        NumberAxis values = new NumberAxis();
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        values.setTickLabelFont(TICK);
        values.setTickLabelPaint(MUTED);
        values.setAxisLineVisible(false);
        values.setRange(0, upper);

        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(BACKGROUND);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);
        plot.setInsets(new RectangleInsets(8, 16, 8, 24));

        JFreeChart chart = new JFreeChart(null, TITLE, plot, true);
        chart.setBackgroundPaint(BACKGROUND);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        TextTitle heading = new TextTitle(title, TITLE);
        heading.setPaint(TEXT);
        heading.setPadding(new RectangleInsets(18, 16, 4, 16));
        chart.setTitle(heading);
        TextTitle sub = new TextTitle(subtitle, SUBTITLE);
        sub.setPaint(MUTED);
        sub.setPadding(new RectangleInsets(0, 16, 8, 16));
        sub.setMaximumLinesToDisplay(2);
        chart.addSubtitle(sub);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(SUBTITLE);
        legend.setItemPaint(TEXT);
        legend.setBackgroundPaint(BACKGROUND);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemLabelPadding(new RectangleInsets(2, 6, 2, 24));
        return chart;
    }

    private static org.jfree.chart.LegendItem legendItem(String label, Color colour) {
        org.jfree.chart.LegendItem item = new org.jfree.chart.LegendItem(label, colour);
        item.setLabelFont(SUBTITLE);
        item.setLabelPaint(TEXT);
        item.setShape(new Rectangle2D.Double(-8, -8, 16, 16));
        return item;
    }

    private interface Label {
        String of(org.jfree.data.category.CategoryDataset dataset, int row, int column);
    }

    private static org.jfree.chart.labels.CategoryItemLabelGenerator labels(Label label) {
        return new org.jfree.chart.labels.CategoryItemLabelGenerator() {
            @Override
            public String generateRowLabel(org.jfree.data.category.CategoryDataset dataset, int row) {
                return String.valueOf(dataset.getRowKey(row));
            }

            @Override
            public String generateColumnLabel(org.jfree.data.category.CategoryDataset dataset, int column) {
                return String.valueOf(dataset.getColumnKey(column));
            }

            @Override
            public String generateLabel(org.jfree.data.category.CategoryDataset dataset, int row, int column) {
                return label.of(dataset, row, column);
            }
        };
    }

    /** Room to the right of the longest bar for its label. */
    private static double maxOf(int max) {
        return Math.max(4, max * 1.45);
    }
}
