package org.unlearning.workbench.app.fx.charts;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.fx.overlay.CrosshairOverlayFX;
import org.jfree.chart.plot.Crosshair;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.unlearning.workbench.app.chart.ChartExporter;
import org.unlearning.workbench.app.chart.ChartFonts;
import org.unlearning.workbench.app.chart.CompactFormat;
import org.unlearning.workbench.app.chart.CountAxis;
import org.unlearning.workbench.app.fx.ErrorDialogs;
import org.unlearning.workbench.app.fx.export.ExportEvent;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A JFreeChart-FX {@link ChartViewer} with legend, zoom (drag a rectangle, mouse wheel), pan
 * (Alt+drag), a crosshair whose x/y values show in the plot's top-right corner (an overlay, so
 * the export buttons keep their width), and one-click export of the same chart object to PNG, SVG
 * and PDF.
 */
public final class ChartView extends BorderPane {
    private final ChartViewer viewer;
    private final Label readout = new Label();
    private final Crosshair xHair = new Crosshair(Double.NaN, Color.GRAY, new BasicStroke(0.8f));
    private final Crosshair yHair = new Crosshair(Double.NaN, Color.GRAY, new BasicStroke(0.8f));
    private final String baseName;

    static {
        loadFxFonts();
    }

    public ChartView(JFreeChart chart, String baseName) {
        this.baseName = baseName;
        getStyleClass().add("chart-view");
        viewer = new ChartViewer(chart);
        viewer.setMinSize(160, 120);
        viewer.setPrefSize(480, 300);
        readout.getStyleClass().add("chart-readout-overlay");
        readout.setMouseTransparent(true);
        readout.setVisible(false);
        readout.setId(baseName + "-readout");
        readout.setManaged(false);   // placed by track(): the top-right corner of the plot area
        StackPane stack = new StackPane(viewer, readout);
        stack.setMinSize(160, 120);
        setCenter(stack);

        if (chart.getPlot() instanceof XYPlot) {   // the crosshair overlay only understands XY plots
            CrosshairOverlayFX overlay = new CrosshairOverlayFX();
            overlay.addDomainCrosshair(xHair);
            overlay.addRangeCrosshair(yHair);
            viewer.getCanvas().addOverlay(overlay);
        }
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                if (e.getTrigger().getButton() == MouseButton.PRIMARY && e.getTrigger().getClickCount() == 2) {
                    resetZoom();
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {
                track(e.getTrigger().getX(), e.getTrigger().getY());
            }
        });
        viewer.setOnMouseExited(e -> track(-1, -1));

        Button reset = toolButton("Reset zoom", "Restore the automatic axis ranges (or double-click the chart). "
                + "Drag: zoom · mouse wheel: zoom · Alt+drag: pan");
        reset.setOnAction(e -> resetZoom());
        Button png = toolButton("PNG", "Export this chart as a PNG image");
        png.setOnAction(e -> exportWithChooser(ChartExporter.Format.PNG));
        Button svg = toolButton("SVG", "Export this chart as an SVG vector image (keeps σ, λ, ε, δ as text)");
        svg.setOnAction(e -> exportWithChooser(ChartExporter.Format.SVG));
        Button pdf = toolButton("PDF", "Export this chart as a PDF vector page (text selectable, font embedded)");
        pdf.setOnAction(e -> exportWithChooser(ChartExporter.Format.PDF));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(4, spacer, reset, png, svg, pdf);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(2, 4, 2, 4));
        setBottom(bar);

        viewer.getContextMenu().getItems().add(new SeparatorMenuItem());
        for (ChartExporter.Format f : ChartExporter.Format.values()) {
            MenuItem item = new MenuItem("Export " + f + "…");
            item.setOnAction(e -> exportWithChooser(f));
            viewer.getContextMenu().getItems().add(item);
        }
    }

    /** The bundled DejaVu faces for JavaFX too, so the on-screen chart matches the exports. */
    private static void loadFxFonts() {
        for (ChartFonts.Face f : ChartFonts.Face.values()) {
            try (InputStream in = f.open()) {
                javafx.scene.text.Font.loadFont(in, 12);
            } catch (IOException | RuntimeException e) {
                // the system's font is used instead; exports still embed the bundled one
            }
        }
    }

    private static Button toolButton(String text, String tip) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.getStyleClass().add("chart-tool");
        b.setFocusTraversable(false);
        b.setMinWidth(Region.USE_PREF_SIZE);   // never "Reset zo…"
        return b;
    }

    private void track(double x, double y) {
        if (!(getChart().getPlot() instanceof XYPlot plot)) {
            return;
        }
        Rectangle2D area = viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
        if (area == null || !area.contains(x, y) || !plot.getDomainAxis().isVisible()) {
            xHair.setValue(Double.NaN);
            yHair.setValue(Double.NaN);
            readout.setVisible(false);
            return;
        }
        double xv = plot.getDomainAxis().java2DToValue(x, area, RectangleEdge.BOTTOM);
        double yv = plot.getRangeAxis().java2DToValue(y, area, RectangleEdge.LEFT);
        xHair.setValue(xv);
        yHair.setValue(yv);
        StringBuilder text = new StringBuilder(value(plot.getDomainAxis(), xv)).append("\n")
                .append(value(plot.getRangeAxis(), yv));
        for (int i = 1; i < plot.getRangeAxisCount(); i++) {
            ValueAxis a = plot.getRangeAxis(i);
            if (a != null && a.isVisible()) {
                text.append("\n").append(value(a, a.java2DToValue(y, area, RectangleEdge.RIGHT)));
            }
        }
        readout.setText(text.toString());
        readout.autosize();
        readout.relocate(Math.max(0, area.getMaxX() - readout.getWidth() - 6), area.getMinY() + 6);
        readout.setVisible(true);
    }

    private static String value(ValueAxis axis, double v) {
        return axis.getLabel() + " = " + (axis instanceof CountAxis ? String.valueOf(Math.round(v)) : CompactFormat.text(v, 4));
    }

    /** The crosshair read-out (tests). */
    public Label readout() {
        return readout;
    }

    public void resetZoom() {
        if (getChart().getPlot() instanceof XYPlot plot) {
            plot.getDomainAxis().setAutoRange(true);
            for (int i = 0; i < plot.getRangeAxisCount(); i++) {
                if (plot.getRangeAxis(i) != null) {
                    plot.getRangeAxis(i).setAutoRange(true);
                }
            }
        }
    }

    public JFreeChart getChart() {
        return viewer.getChart();
    }

    public ChartViewer viewer() {
        return viewer;
    }

    /** Writes the chart; the format follows the file extension (.png, .svg, .pdf). */
    public void export(Path file) throws IOException {
        ChartExporter.write(getChart(), file);
        fireEvent(new ExportEvent("Chart " + ChartExporter.Format.of(file), file));
    }

    private void exportWithChooser(ChartExporter.Format format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export chart as " + format);
        chooser.setInitialFileName(baseName + "." + format.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format + " file", "*." + format.extension()));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) {
            return;
        }
        Path p = f.toPath();
        if (!p.getFileName().toString().toLowerCase().endsWith("." + format.extension())) {
            p = p.resolveSibling(p.getFileName() + "." + format.extension());
        }
        try {
            export(p);
        } catch (IOException | RuntimeException ex) {
            ErrorDialogs.show(getScene() == null ? null : getScene().getWindow(),
                    "Export failed", "Could not write " + p + ": " + ex.getMessage(), ex);
        }
    }
}
