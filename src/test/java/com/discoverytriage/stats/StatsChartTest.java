package com.discoverytriage.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.DiagnosticLoader;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.stats.TriageStats.OutcomeCount;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PNGs are written to {@code target/stats-charts/} to be looked at; {@code -Dcharts.update=true} also writes the
 * seeded one to {@code docs/stats-chart.png}, the chart the README shows.
 */
@DisplayName("The statistics chart (PNG)")
class StatsChartTest {

    private static final Path OUT = Path.of("target", "stats-charts");

    @TempDir
    Path directory;

    @Test
    @DisplayName("the seeded week: a funnel per diagnostic and the outcome mix, on Discord's dark background")
    void seededWeek() throws Exception {
        MovableClock clock = new MovableClock();
        StatsFixture.runner(directory, clock).run(c -> {
            StatsFixture.seed(c, clock);
            TriageStats stats = c.getBean(TriageStatistics.class)
                    .compute(new StatsPeriod(StatsFixture.SINCE, StatsFixture.UNTIL, null));

            byte[] png = StatsChart.png(stats);

            BufferedImage image = write(png, "seeded.png");
            // two funnels (tiny 5 questions, duo 2) and the outcomes (4 lines)
            assertThat(image.getWidth()).isEqualTo(StatsChart.WIDTH);
            assertThat(image.getHeight()).isGreaterThanOrEqualTo(3 * 190 + (5 + 2 + 4) * 54);
            assertThat(new Color(image.getRGB(2, 2))).isEqualTo(StatsChart.BACKGROUND);
            assertThat(colours(image)).contains(StatsChart.CONTINUED.getRGB(), StatsChart.DROPPED.getRGB(),
                    StatsChart.BOOK.getRGB(), StatsChart.ALTERNATIVE.getRGB());
            if (Boolean.getBoolean("charts.update")) {
                Files.write(Path.of("docs", "stats-chart.png"), png);
            }
        });
    }

    @Test
    @DisplayName("17 questions of the real product diagnostic: one row each at a fixed height, every label in its column")
    void seventeenQuestions() throws Exception {
        DiagnosticCatalog catalog = new DiagnosticLoader().load(Path.of("conversations"));
        Diagnostic product = catalog.require("product-leadership");
        assertThat(product.questions()).hasSize(17);
        List<QuestionFigures> figures = new ArrayList<>();
        int reached = 240;
        for (int i = 0; i < product.questions().size(); i++) {
            Question q = product.questions().get(i);
            int dropped = i % 3 == 0 ? 9 : 2;
            figures.add(new QuestionFigures(product.id(), i + 1, q.id(), q.kind().id(), reached, dropped, reached,
                    reached / 7));
            reached -= dropped + 4;
        }
        TriageStats stats = new TriageStats(StatsPeriod.days(java.time.LocalDate.of(2025, 3, 3),
                java.time.LocalDate.of(2025, 3, 10), product.id()), 240, 120, 90, 30,
                List.of(new OutcomeCount(product.id(), "book", "strategy-call", 70),
                        new OutcomeCount(product.id(), "alternative", "another-layer", 30),
                        new OutcomeCount(product.id(), "alternative", "before-product-market-fit", 20)),
                70, 41, 6, 3, Duration.ofMinutes(7), Duration.ofMinutes(19), figures, java.time.Instant.now());

        BufferedImage image = write(StatsChart.png(stats), "seventeen.png");

        assertThat(image.getHeight()).isGreaterThanOrEqualTo(2 * 190 + (17 + 3) * 54);
        // the label column (45% of the plot) holds the longest "NN  question-id" in the label font
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        var metrics = probe.createGraphics().getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 26));
        int widest = product.questions().stream().mapToInt(q -> metrics.stringWidth("17  " + q.id())).max()
                .orElseThrow();
        assertThat(widest).isLessThan((int) (StatsChart.WIDTH * 0.45) - 40);
    }

    private static BufferedImage write(byte[] png, String name) throws Exception {
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name), png);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static List<Integer> colours(BufferedImage image) {
        List<Integer> seen = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                int rgb = image.getRGB(x, y);
                if (!seen.contains(rgb) && seen.size() < 5000) {
                    seen.add(rgb);
                }
            }
        }
        return seen;
    }
}
