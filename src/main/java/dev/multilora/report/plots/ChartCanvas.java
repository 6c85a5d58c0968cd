package dev.multilora.report.plots;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** Empty charts of one size and one look, so every plot of a report reads the same way. */
final class ChartCanvas {
    static final Color SUCCESS = new Color(0x2E7D32);
    static final Color FAILURE = new Color(0xC62828);
    static final Color PRIMARY = new Color(0x1565C0);
    static final Color SECONDARY = new Color(0xEF6C00);
    /** One colour per series where series are adapters or runs: the same adapter has the same colour on every chart. */
    private static final Color[] PALETTE = {PRIMARY, SECONDARY, new Color(0x2E7D32), new Color(0x6A1B9A),
        new Color(0x00838F), new Color(0xAD1457), new Color(0x5D4037), new Color(0x9E9D24)};

    private final int width;
    private final int height;

    ChartCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    XYChart xy(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        style(chart.getStyler());
        return chart;
    }

    CategoryChart category(String title, String xAxis, String yAxis) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        style(chart.getStyler());
        return chart;
    }

    static Color series(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** A fill that keeps grid lines and overlapping series visible through it. */
    static Color translucent(Color color) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), 64);
    }

    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setPlotGridLinesColor(new Color(0xE0E0E0));
        // Decimal points, never commas, whatever the machine's locale: the report is read beside results.json.
        styler.setLocale(Locale.ROOT);
    }
}
