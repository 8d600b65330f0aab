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
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.fx.overlay.CrosshairOverlayFX;
import org.jfree.chart.plot.Crosshair;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.unlearning.workbench.app.fx.ErrorDialogs;
import org.unlearning.workbench.app.fx.controls.NumberText;
import org.unlearning.workbench.app.fx.export.ChartExporter;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A JFreeChart-FX {@link ChartViewer} with legend, zoom (drag a rectangle, mouse wheel), pan
 * (Alt+drag), a crosshair that shows the x/y values under the mouse, and one-click export of the
 * same chart object to PNG, SVG and PDF.
 */
public final class ChartView extends BorderPane {
    private final ChartViewer viewer;
    private final Label readout = new Label(" ");
    private final Crosshair xHair = new Crosshair(Double.NaN, Color.GRAY, new BasicStroke(0.8f));
    private final Crosshair yHair = new Crosshair(Double.NaN, Color.GRAY, new BasicStroke(0.8f));
    private final String baseName;

    public ChartView(JFreeChart chart, String baseName) {
        this.baseName = baseName;
        getStyleClass().add("chart-view");
        viewer = new ChartViewer(chart);
        viewer.setMinSize(160, 120);
        viewer.setPrefSize(480, 300);
        setCenter(viewer);

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

        Button reset = toolButton("Reset zoom", "Restore the automatic axis ranges (or double-click the chart)");
        reset.setOnAction(e -> resetZoom());
        Button png = toolButton("PNG", "Export this chart as a PNG image");
        png.setOnAction(e -> exportWithChooser(ChartExporter.Format.PNG));
        Button svg = toolButton("SVG", "Export this chart as an SVG vector image (keeps σ, λ, ε, δ as text)");
        svg.setOnAction(e -> exportWithChooser(ChartExporter.Format.SVG));
        Button pdf = toolButton("PDF", "Export this chart as a PDF vector page");
        pdf.setOnAction(e -> exportWithChooser(ChartExporter.Format.PDF));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        readout.getStyleClass().add("chart-readout");
        readout.setTooltip(new Tooltip("Drag: zoom · mouse wheel: zoom · Alt+drag: pan · double-click: reset"));
        HBox bar = new HBox(4, readout, spacer, reset, png, svg, pdf);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 4, 2, 4));
        setBottom(bar);

        viewer.getContextMenu().getItems().add(new SeparatorMenuItem());
        for (ChartExporter.Format f : ChartExporter.Format.values()) {
            MenuItem item = new MenuItem("Export " + f + "…");
            item.setOnAction(e -> exportWithChooser(f));
            viewer.getContextMenu().getItems().add(item);
        }
    }

    private static Button toolButton(String text, String tip) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.getStyleClass().add("chart-tool");
        b.setFocusTraversable(false);
        return b;
    }

    private void track(double x, double y) {
        if (!(getChart().getPlot() instanceof XYPlot plot)) {
            return;
        }
        Rectangle2D area = viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
        if (area == null || !area.contains(x, y)) {
            xHair.setValue(Double.NaN);
            yHair.setValue(Double.NaN);
            readout.setText(" ");
            return;
        }
        double xv = plot.getDomainAxis().java2DToValue(x, area, RectangleEdge.BOTTOM);
        double yv = plot.getRangeAxis().java2DToValue(y, area, RectangleEdge.LEFT);
        xHair.setValue(xv);
        yHair.setValue(yv);
        readout.setText(plot.getDomainAxis().getLabel() + " = " + NumberText.format(xv, 4) + ",  "
                + plot.getRangeAxis().getLabel() + " = " + NumberText.format(yv, 4));
    }

    public void resetZoom() {
        if (getChart().getPlot() instanceof XYPlot plot) {
            plot.getDomainAxis().setAutoRange(true);
            plot.getRangeAxis().setAutoRange(true);
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
            ChartExporter.write(getChart(), format, ChartExporter.DEFAULT_WIDTH, ChartExporter.DEFAULT_HEIGHT, p);
        } catch (IOException | RuntimeException ex) {
            ErrorDialogs.show(getScene() == null ? null : getScene().getWindow(),
                    "Export failed", "Could not write " + p + ": " + ex.getMessage(), ex);
        }
    }
}
